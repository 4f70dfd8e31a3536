"""전자서명 of an 이체 with the 금융인증서: the choice (금융인증서 first), the cloud's
certificate and its PIN; the signature made with the cloud-held key verifies
independently, and a browser not connected to the cloud is told how to connect."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.urls import reverse

from issuance.ca.services import certificate_issue
from issuance.devices import CLOUD_SESSION_KEY
from issuance.models import Transfer
from tests.issuance.transfer.test_transfer import card, enter, text

FINANCE_PIN = "294716"


@pytest.fixture
def cloud_copy(sender, finance_ca):
    issued = certificate_issue(
        customer=sender,
        cert_type="finance",
        password=FINANCE_PIN,
        medium="cloud",
    )
    return issued.certificate.copies.get()


def connected(bank, customer):
    session = bank.session
    session[CLOUD_SESSION_KEY] = [customer.pk]
    session.save()


def test_the_transfer_is_signed_with_the_cloud_key(bank, sender, source, receiver, cloud_copy):
    enter(bank, source)
    transfer = Transfer.objects.get()
    card(bank, transfer)
    url = reverse("transfer:sign", args=[transfer.pk])
    page = text(bank.get(url))
    tabs = page[page.index("cert-kind-tabs") :]
    assert tabs.index("금융인증서") < tabs.index("공동인증서")  # the choice, 금융인증서 first
    page = text(bank.get(url + "?cert=finance"))
    assert "클라우드 연결하기" in page  # this browser is not connected yet
    connected(bank, sender)
    response = bank.post(url, {"copy": cloud_copy.pk, "pin": FINANCE_PIN})
    assert response.status_code == 302
    assert response["Location"] == reverse("transfer:receipt", args=[transfer.pk])
    transfer.refresh_from_db()
    cert = x509.load_der_x509_certificate(bytes(cloud_copy.certificate.der))
    cert.public_key().verify(
        bytes(transfer.signature),
        transfer.signed_text.encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    assert "클라우드에 보관된" in text(bank.get(response["Location"]))


def test_a_wrong_pin_is_told_and_no_money_moves(bank, sender, source, receiver, cloud_copy):
    enter(bank, source)
    transfer = Transfer.objects.get()
    card(bank, transfer)
    connected(bank, sender)
    url = reverse("transfer:sign", args=[transfer.pk])
    response = bank.post(url, {"copy": cloud_copy.pk, "pin": "000000"})
    assert response.status_code == 400
    assert "(1/5회)" in text(response)
    transfer.refresh_from_db()
    assert transfer.state == "signing"
