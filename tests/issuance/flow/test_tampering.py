"""Tampering with the flow's pages: a later step by URL, someone else's session."""

import pytest
from django.test import Client
from django.urls import reverse

from issuance.flow.machine import Step

pytestmark = pytest.mark.django_db


def test_a_later_step_url_goes_back_to_the_real_step(learner):
    learner.walk_to(Step.IDENTIFY)
    for name in ("terms", "ars", "medium", "push", "storage", "done", "stopped"):
        response = learner.client.get(learner.url(name))
        assert response["Location"] == learner.url("identify"), name
    response = learner.client.post(learner.url("storage"), {"medium": "hdd"})
    assert response["Location"] == learner.url("identify")


def test_someone_elses_session_is_not_found(learner, client, ready):
    learner.walk_to(Step.TERMS)
    intruder = Client()
    intruder.post(reverse("flow:prerequisites"))
    assert intruder.get(learner.url("terms")).status_code == 404
    assert intruder.post(learner.url("terms"), {"cert_type": "bank"}).status_code == 404
    assert learner.session.status == Step.TERMS
