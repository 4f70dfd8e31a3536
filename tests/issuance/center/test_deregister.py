"""타기관 인증서 해제 (인증서 관리 → 등록된 인증서 → 해제): with the certificate password
the registration goes, and the certificate no longer logs in here; this bank's own
certificates and unregistered ones offer no 해제."""

import pytest
from django.urls import reverse

from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.center.services import registration_release
from issuance.models import CenterEvent, CertificateRegistration
from portal.refusals import Refused
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(client, holder):
    client.force_login(holder)
    return client


@pytest.fixture
def registered_copy(issuing_ca, holder):
    """홍길동's certificate from 신한은행 (모의), on this PC, registered here."""
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd", bank_code="088"
    )
    CertificateRegistration.objects.create(customer=holder, certificate=issued.certificate)
    return issued.certificate.copies.get()


def text(response) -> str:
    return response.content.decode()


def test_the_manage_page_offers_release_for_a_registered_certificate(bank, registered_copy):
    page = text(bank.get(reverse("center:manage")))
    assert reverse("center:deregister", args=[registered_copy.pk]) in page
    assert "등록 해제" in page


def test_release_with_the_password_then_the_certificate_no_longer_logs_in(
    bank, registered_copy, holder
):
    url = reverse("center:deregister", args=[registered_copy.pk])
    assert "해제하면 이 인증서로 이 은행에 로그인하거나" in text(bank.get(url))

    response = bank.post(url, {"password": CERT_PASSWORD}, follow=True)

    assert "타기관 인증서 등록을 해제했습니다 (신한은행 (모의)" in text(response)
    assert not CertificateRegistration.objects.exists()
    assert reverse("center:deregister", args=[registered_copy.pk]) not in text(response)
    with pytest.raises(Refused) as refused:
        certificate_login(copy=registered_copy, password=CERT_PASSWORD, challenge=new_challenge())
    assert "등록" in refused.value.message
    event = CenterEvent.objects.get(action="deregister", result="ok")
    assert "신한은행 (모의)" in event.message


def test_a_wrong_password_keeps_the_registration_and_says_why_beside_the_field(
    bank, registered_copy
):
    url = reverse("center:deregister", args=[registered_copy.pk])
    response = bank.post(url, {"password": "Wrong#Pass2026"})
    assert response.status_code == 400
    assert "인증서 암호가 올바르지 않습니다" in text(response)
    assert CertificateRegistration.objects.count() == 1
    assert CenterEvent.objects.filter(action="deregister", result="failed").exists()


def test_this_banks_certificate_and_an_unregistered_one_cannot_be_released(
    bank, issuing_ca, holder
):
    ours = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    ).certificate.copies.get()
    assert reverse("center:deregister", args=[ours.pk]) not in text(
        bank.get(reverse("center:manage"))
    )
    with pytest.raises(Refused) as refused:
        registration_release(copy=ours, password=CERT_PASSWORD)
    assert refused.value.message == "이 은행에 등록된 타기관 인증서가 아닙니다."


def test_another_browsers_certificate_cannot_be_released(client, registered_copy):
    url = reverse("center:deregister", args=[registered_copy.pk])
    assert client.post(url, {"password": CERT_PASSWORD}).status_code == 404
    assert CertificateRegistration.objects.count() == 1
