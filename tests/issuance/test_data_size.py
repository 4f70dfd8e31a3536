"""The pages that list rows cost the same number of queries whatever the table holds:
the admin's certificate change list and the 인증서 선택창, at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from issuance.ca.services import certificate_issue
from issuance.models import Certificate
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db


def grow(template: Certificate, rows: int) -> None:
    """Other customers' certificates (copies of one row under new serials)."""
    others = CustomerFactory.create_batch(3, rrn=None)
    Certificate.objects.bulk_create(
        Certificate(
            serial=f"{0xABC0000 + i:X}",
            issuer_id=template.issuer_id,
            customer=others[i % 3],
            cert_type=template.cert_type,
            bank_code=template.bank_code,
            subject_dn=f"{template.subject_dn}-{i}",
            der=template.der,
            not_before=template.not_before,
            not_after=template.not_after,
        )
        for i in range(Certificate.objects.count(), rows)
    )


def queries(client, url: str) -> int:
    client.get(url)  # the session and the user are cached after this
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_certificate_change_list_costs_the_same_at_10_and_400_rows(
    client, superuser, issuing_ca, holder
):
    issued = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    client.force_login(superuser)
    url = reverse("admin:issuance_certificate_changelist")
    grow(issued.certificate, 10)
    small = queries(client, url)
    grow(issued.certificate, 400)
    assert queries(client, url) == small > 0


def test_the_selection_dialog_costs_the_same_at_10_and_400_rows(client, issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    client.force_login(holder)
    url = reverse("center:login")
    grow(issued.certificate, 10)
    small = queries(client, url)
    grow(issued.certificate, 400)
    assert queries(client, url) == small > 0
