"""What a step page reads from the database to draw itself: each thing once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from issuance.flow.machine import Step

pytestmark = pytest.mark.django_db


def test_the_ars_page_reads_the_registered_phones_once(learner):
    learner.walk_to(Step.ARS)
    with CaptureQueriesContext(connection) as queries:
        html = learner.client.get(learner.url("ars")).content.decode()
    phone = learner.session.customer.phones.get()
    assert phone.masked in html  # the one registered number, offered to call
    radio = re.search(r'<input type="radio"[^>]*name="phone"[^>]*>', html).group()
    assert f'value="{phone.pk}"' in radio and "checked" in radio  # and chosen already
    phone_queries = [q for q in queries if "registeredphone" in q["sql"].lower()]
    assert len(phone_queries) == 1
