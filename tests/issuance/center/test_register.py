"""타기관 인증서 등록 (/cert/register/): another bank's certificate (the same simulated CA
under another bank code, as yessign issues for every bank) is refused at login until
its holder registers it with 사용자 ID + 주민등록번호, the certificate's own signature
and an ARS call on the virtual phone; then it logs in here."""

import re
from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from cryptography.x509.oid import NameOID
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.center.registration import registration_sign
from issuance.center.signing import electronic_sign
from issuance.models import CenterEvent, CertificateRegistration, PhoneRequest
from portal.refusals import Refused
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
DIGITS = re.compile(r"data-ars-digits[^>]*>(\d{2})<")
START = reverse("center:register")
CERTIFICATE = reverse("center:register_certificate")
ARS = reverse("center:register_ars")
STATUS = reverse("center:register_ars_status")


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def bank(client, holder):
    client.force_login(holder)
    return client


@pytest.fixture
def shinhan_copy(issuing_ca, holder):
    """홍길동's certificate from 신한은행 (모의), on this PC's hard disk."""
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd", bank_code="088"
    )
    return issued.certificate.copies.get()


def identify(client, holder, rrn=("850315", "1234567"), user_id=None):
    data = {"user_id": user_id or holder.user_id, "rrn_front": rrn[0], "rrn_back": rrn[1]}
    return client.post(START, data)


def choose(client, copy, password=CERT_PASSWORD):
    page = text(client.get(CERTIFICATE))
    challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    data = {"copy": copy.pk, "password": password, "medium": "hdd", "challenge": challenge}
    return client.post(CERTIFICATE, data)


def shown_digits(client) -> str:
    return DIGITS.search(text(client.get(ARS))).group(1)


def phone_keys(client, digits: str):
    call = PhoneRequest.objects.get(kind="ars", state="waiting")
    return client.post(reverse("phone:request_ars"), {"request": call.pk, "digits": digits})


def wrong(digits: str) -> str:
    return "00" if digits != "00" else "11"


class TestAnotherBanksCertificate:
    def test_it_names_the_other_bank_as_yessign_does(self, shinhan_copy):
        certificate = shinhan_copy.certificate
        cert = x509.load_der_x509_certificate(bytes(certificate.der))
        units = [
            a.value for a in cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
        ]
        assert units == ["personal4IB", "SHB"]
        common_name = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        assert common_name.startswith("홍길동()0088")
        assert certificate.bank_code == "088" and not certificate.issued_here

    def test_login_refuses_it_until_it_is_registered(self, bank, shinhan_copy, holder):
        with pytest.raises(Refused) as refused:
            certificate_login(copy=shinhan_copy, password=CERT_PASSWORD, challenge=new_challenge())
        assert refused.value.code == "unregistered"
        assert "타기관 인증서 등록" in refused.value.message

        page = text(bank.get(reverse("center:login")))
        challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
        response = bank.post(
            reverse("center:login"),
            {
                "copy": shinhan_copy.pk,
                "password": CERT_PASSWORD,
                "medium": "hdd",
                "challenge": challenge,
            },
        )
        assert "다른 은행에서 발급받은 인증서입니다" in text(response)
        assert f'href="{START}"' in text(response)

    def test_the_manage_page_says_it_is_not_registered(self, bank, shinhan_copy):
        page = text(bank.get(reverse("center:manage")))
        assert "신한은행 (모의) · 미등록 (타기관 인증서 등록 필요)" in page

    def test_a_signed_transfer_refuses_it_too(self, shinhan_copy, holder):
        with pytest.raises(Refused) as refused:
            electronic_sign(
                copy=shinhan_copy,
                password=CERT_PASSWORD,
                data=b"transfer",
                signed_check="이체 내용에 전자서명했습니다.",
            )
        assert refused.value.code == "unregistered"


class TestRegistration:
    def test_the_whole_registration_then_the_certificate_logs_in(self, bank, shinhan_copy, holder):
        response = identify(bank, holder)
        assert response["Location"] == CERTIFICATE
        dialog = text(bank.get(CERTIFICATE))
        assert "타기관 인증서 등록" in dialog and f'value="{shinhan_copy.pk}"' in dialog

        response = choose(bank, shinhan_copy)
        assert response["Location"] == ARS
        digits = shown_digits(bank)
        screen = text(bank.get(reverse("phone:screen")))
        assert "ARS 인증" in screen and reverse("phone:request_ars") in screen

        answer = phone_keys(bank, digits)
        assert "인증되었습니다" in text(answer)
        status = bank.get(STATUS, **HTMX)
        assert status["HX-Redirect"] == reverse("center:register_done")
        done = text(bank.get(reverse("center:register_done")))
        assert "타기관 인증서 등록이 완료되었습니다" in done
        assert "신한은행 (모의)" in done and shinhan_copy.certificate.serial in done

        manage = text(bank.get(reverse("center:manage")))
        assert "신한은행 (모의) · 이 은행에 등록됨" in manage
        registration = CertificateRegistration.objects.get()
        assert registration.certificate == shinhan_copy.certificate
        result = certificate_login(
            copy=shinhan_copy, password=CERT_PASSWORD, challenge=new_challenge()
        )
        assert result.customer == holder
        assert any("타기관 인증서 등록" in check for check in result.checks)
        event = CenterEvent.objects.filter(action="register", result="ok").get()
        assert "신한은행 (모의)" in event.message

    def test_a_registered_certificate_is_not_offered_again(self, bank, shinhan_copy, holder):
        CertificateRegistration.objects.create(
            customer=holder, certificate=shinhan_copy.certificate
        )
        identify(bank, holder)

        page = text(bank.get(CERTIFICATE))

        assert "이 PC에 등록할 다른 은행의 인증서가 없습니다" in page

    def test_this_banks_certificate_needs_no_registration(self, bank, issuing_ca, holder):
        ours = certificate_issue(
            customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
        ).certificate.copies.get()
        identify(bank, holder)

        assert "이 PC에 등록할 다른 은행의 인증서가 없습니다" in text(bank.get(CERTIFICATE))
        response = choose_anyway(bank, ours)
        assert response.status_code == 400
        assert "이 PC에 등록할 다른 은행의 인증서가 없습니다" in text(response)
        assert not PhoneRequest.objects.exists()
        with pytest.raises(Refused) as refused:
            registration_sign(
                customer=holder, copy=ours, password=CERT_PASSWORD, challenge=new_challenge()
            )
        assert "등록하지 않아도 바로 쓸 수 있습니다" in refused.value.message

    def test_a_wrong_certificate_password_is_counted_beside_the_field(
        self, bank, shinhan_copy, holder
    ):
        identify(bank, holder)

        response = choose(bank, shinhan_copy, password="Wrong#Pass99")

        assert response.status_code == 400
        page = text(response)
        assert 'id="id_password_error"' in page and "(1/5회)" in page
        assert not PhoneRequest.objects.exists()


def choose_anyway(client, copy):
    """Post a copy the dialog did not offer (a tampered form)."""
    page = text(client.get(CERTIFICATE))
    match = re.search(r'name="challenge" value="([^"]+)"', page)
    challenge = match.group(1) if match else ""
    return client.post(
        CERTIFICATE,
        {"copy": copy.pk, "password": CERT_PASSWORD, "medium": "hdd", "challenge": challenge},
    )


class TestIdentify:
    def test_a_wrong_rrn_is_counted_and_the_fifth_locks(self, bank, holder):
        for n in range(1, 5):
            response = identify(bank, holder, rrn=("850315", "7654321"))
            assert response.status_code == 400
            assert f"입력하신 정보가 일치하지 않습니다 ({n}/5회)" in text(response)
        response = identify(bank, holder, rrn=("850315", "7654321"))
        assert "5회 일치하지 않아 사용자 확인이 잠겼습니다" in text(response)
        response = identify(bank, holder)  # even the right one, until 오류 해제
        assert "잠겼습니다" in text(response)
        assert bank.get(CERTIFICATE)["Location"] == START

    def test_an_unknown_id_counts_on_the_client(self, client, holder):
        response = identify(client, holder, user_id="nobody-here")
        assert "입력하신 정보가 일치하지 않습니다 (1/5회)" in text(response)

    def test_logged_in_one_may_only_register_for_oneself(self, bank, holder):
        other = CustomerFactory(name="김다른", rrn="900101-1234567")

        response = identify(bank, other, rrn=("900101", "1234567"))

        assert f"{holder.name}님으로 로그인되어 있습니다" in text(response)
        assert 'id="id_user_id_error"' in text(response)

    def test_a_bad_rrn_is_refused_beside_the_field(self, bank, holder):
        response = identify(bank, holder, rrn=("8503", "1234567"))

        assert response.status_code == 400
        assert 'id="id_rrn_front_error"' in text(response)

    def test_no_step_can_be_skipped_to(self, client):
        for url in (CERTIFICATE, ARS, reverse("center:register_done")):
            response = client.get(url)
            assert response["Location"] == START, url
        assert client.get(STATUS, **HTMX)["HX-Redirect"] == START

    def test_another_browser_never_sees_the_holders_certificates(self, shinhan_copy, holder):
        stranger = Client()  # knows the ID and the 주민등록번호, not the PC
        identify(stranger, holder)

        page = text(stranger.get(CERTIFICATE))

        assert f'id="copy-{shinhan_copy.pk}"' not in page
        assert "이 PC에 등록할 다른 은행의 인증서가 없습니다" in page


class TestArs:
    def test_wrong_digits_are_counted_on_the_phone_and_the_fifth_ends_the_call(
        self, bank, shinhan_copy, holder
    ):
        identify(bank, holder)
        choose(bank, shinhan_copy)
        digits = shown_digits(bank)
        for n in range(1, 5):
            screen = text(phone_keys(bank, wrong(digits)))
            assert f"번호가 일치하지 않습니다 ({n}/5회)" in screen
        screen = text(phone_keys(bank, wrong(digits)))
        assert "ARS 인증을 5회 잘못 입력하여 잠겼습니다" in screen

        status = text(bank.get(STATUS, **HTMX))
        assert "ARS 인증이 완료되지 않았습니다" in status and "다시 전화 받기" in status
        assert not CertificateRegistration.objects.exists()

    def test_a_call_not_answered_in_time_can_be_called_again(self, bank, shinhan_copy, holder):
        identify(bank, holder)
        choose(bank, shinhan_copy)
        first = PhoneRequest.objects.get(kind="ars")
        with time_machine.travel(timezone.now() + timedelta(minutes=4)):
            status = text(bank.get(STATUS, **HTMX))
        assert "다시 전화 받기" in status

        response = bank.post(reverse("center:register_ars_again"))

        assert response["Location"] == ARS
        again = PhoneRequest.objects.get(kind="ars", state="waiting")
        assert again.pk != first.pk
        phone_keys(bank, shown_digits(bank))
        assert bank.get(STATUS, **HTMX)["HX-Redirect"] == reverse("center:register_done")

    def test_the_phone_answer_of_a_call_that_ended_is_refused(self, bank, shinhan_copy, holder):
        identify(bank, holder)
        choose(bank, shinhan_copy)
        digits = shown_digits(bank)
        call = PhoneRequest.objects.get(kind="ars")
        PhoneRequest.objects.filter(pk=call.pk).update(state="failed")

        response = bank.post(reverse("phone:request_ars"), {"request": call.pk, "digits": digits})

        assert response.status_code == 409
        assert "통화가 종료되었습니다" in text(response)


def test_another_browsers_phone_cannot_answer_the_call(bank, shinhan_copy, holder):
    identify(bank, holder)
    choose(bank, shinhan_copy)
    digits = shown_digits(bank)
    call = PhoneRequest.objects.get(kind="ars")
    stranger = Client()
    stranger.force_login(CustomerFactory(rrn="900101-1234561"))

    response = stranger.post(reverse("phone:request_ars"), {"request": call.pk, "digits": digits})

    assert response.status_code == 404
    call.refresh_from_db()
    assert call.state == "waiting"
