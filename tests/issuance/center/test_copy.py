"""스마트폰 인증서 복사 (/cert/copy/ and the phone's screens): the receiving device shows
a 12-digit 인증번호, the sending device types it and the certificate password; each
branch (wrong number, time-out, wrong password) as the learner reads it."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from issuance import pki
from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import certificate_issue
from issuance.center import copying
from issuance.models import CenterEvent, CertificateCopy, PhoneRequest
from portal.refusals import Refused
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
CODE = re.compile(r"data-copy-code[^>]*>([0-9-]{14})<")


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def bank(client, holder):
    client.force_login(holder)
    return client


@pytest.fixture
def pc_copy(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


def phone_code(bank) -> str:
    """The phone asks for a 인증번호 (PC → 스마트폰) and shows it."""
    screen = text(bank.post(reverse("phone:copy_receive")))
    assert "인증서 가져오기 (PC → 스마트폰)" in screen
    return CODE.search(screen).group(1)


def send_to_phone(bank, copy, code, password=CERT_PASSWORD):
    url = reverse("center:copy_to_phone")
    return bank.post(url, {"copy": copy.pk, "code": code, "password": password})


class TestPcToPhone:
    def test_the_copy_appears_on_the_phone_with_the_same_password(self, bank, pc_copy):
        code = phone_code(bank)
        assert re.fullmatch(r"\d{4}-\d{4}-\d{4}", code)
        response = send_to_phone(bank, pc_copy, code.replace("-", ""))
        assert response.url == f"{reverse('center:manage')}?medium=phone"
        on_phone = CertificateCopy.objects.get(medium="phone")
        assert on_phone.certificate == pc_copy.certificate and on_phone.device == "phone"
        assert pki.read_key_file(bytes(on_phone.key_file), CERT_PASSWORD).private_key
        manage = text(bank.get(response.url))
        assert "인증서를 복사했습니다 (인증서 복사 (PC → 스마트폰))" in manage
        idle = text(bank.get(reverse("phone:screen")))
        assert "인증서 복사 (PC → 스마트폰): 완료" in idle
        assert CenterEvent.objects.filter(action="copy", result="ok").count() == 1

    def test_a_number_with_dashes_is_fine(self, bank, pc_copy):
        send_to_phone(bank, pc_copy, phone_code(bank))
        assert CertificateCopy.objects.filter(medium="phone").exists()

    def test_a_wrong_number_is_counted_and_the_fifth_voids_it(self, bank, pc_copy):
        code = phone_code(bank)
        wrong = "000000000000" if code != "0000-0000-0000" else "111111111111"
        for n in range(1, 5):
            response = send_to_phone(bank, pc_copy, wrong)
            assert f"인증번호가 일치하지 않습니다 ({n}/5회)" in text(response)
            assert 'id="id_code_error"' in text(response)
        response = send_to_phone(bank, pc_copy, wrong)
        assert "인증번호를 5회 잘못 입력하여 이 인증번호는 더 쓸 수 없습니다" in text(response)
        late = send_to_phone(bank, pc_copy, code)  # even the right one, now
        assert "인증번호를 받는 기기에서 먼저" in text(late)
        assert not CertificateCopy.objects.filter(medium="phone").exists()

    def test_after_three_minutes_the_number_has_run_out(self, bank, pc_copy, holder):
        code = phone_code(bank)
        with time_machine.travel(timezone.now() + timedelta(seconds=181)):
            phone = text(bank.get(reverse("phone:screen")))
            assert "copy-receive-title" not in phone  # the number is gone
            assert "인증서 복사 (PC → 스마트폰): 시간 초과" in phone
            response = send_to_phone(bank, pc_copy, code)
            assert "인증번호 유효시간(3분)이 지났습니다" in text(response)
        assert not CertificateCopy.objects.filter(medium="phone").exists()

    def test_a_wrong_password_is_counted_on_the_copy(self, bank, pc_copy):
        code = phone_code(bank)
        response = send_to_phone(bank, pc_copy, code, password="Wrong#2026")
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in text(response)
        assert 'id="id_password_error"' in text(response)
        assert not CertificateCopy.objects.filter(medium="phone").exists()
        send_to_phone(bank, pc_copy, code)  # the number still works, within its time
        assert CertificateCopy.objects.filter(medium="phone").exists()

    def test_without_a_number_the_pc_says_where_to_get_one(self, bank, pc_copy):
        response = send_to_phone(bank, pc_copy, "123412341234")
        assert "인증번호를 받는 기기에서 먼저" in text(response)

    def test_a_revoked_certificate_is_not_copied(self, bank, pc_copy):
        certificate_revoke(certificate=pc_copy.certificate, reason="key_compromise")
        response = send_to_phone(bank, pc_copy, phone_code(bank))
        assert "유효한 인증서만 복사할 수 있습니다" in text(response)

    def test_a_new_number_replaces_the_old(self, bank, pc_copy):
        first = phone_code(bank)
        second = phone_code(bank)
        assert "인증번호가 일치하지 않습니다" in text(send_to_phone(bank, pc_copy, first)) or (
            first == second
        )
        send_to_phone(bank, pc_copy, second)
        assert CertificateCopy.objects.filter(medium="phone").exists()

    def test_another_browser_cannot_use_the_number(self, client, bank, pc_copy):
        code = phone_code(bank)
        other = certificate_issue(
            customer=CustomerFactory(),
            cert_type="bank",
            password=CERT_PASSWORD,
            medium="hdd",
        ).certificate
        client.force_login(other.customer)
        response = send_to_phone(client, other.copies.get(), code)
        assert "인증번호를 받는 기기에서 먼저" in text(response)
        assert not CertificateCopy.objects.filter(medium="phone").exists()


def test_a_medium_that_is_not_copyable_is_not_sent(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="token"
    )
    token = issued.certificate.copies.get()
    with pytest.raises(Refused) as refused:
        copying.copy_send(
            customer_ids=[holder.pk],
            kind=PhoneRequest.Kind.COPY_TO_PHONE,
            copy=token,
            code="000000000000",
            password=CERT_PASSWORD,
        )
    assert refused.value.field == "copy"
    assert not CertificateCopy.objects.filter(medium="phone").exists()


class TestPhoneToPc:
    @pytest.fixture
    def phone_copy(self, issuing_ca, holder):
        issued = certificate_issue(
            customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="phone"
        )
        return issued.certificate.copies.get()

    def pc_code(self, bank, medium="usb") -> str:
        response = bank.post(reverse("center:copy_from_phone"), {"medium": medium})
        page = text(bank.get(response.url))
        assert "휴대전화의 '인증서 내보내기' 화면에 이 인증번호를 입력하세요." in page
        return CODE.search(page).group(1)

    def send(self, bank, copy, code, password=CERT_PASSWORD):
        data = {"copy": copy.pk, "code": code, "password": password}
        return bank.post(reverse("phone:copy_send"), data)

    def test_the_phone_sends_and_the_pc_shows_it(self, bank, phone_copy):
        code = self.pc_code(bank)
        screen = text(bank.get(reverse("phone:screen")))
        assert "인증서 내보내기 (스마트폰 → PC)" in screen
        answer = text(self.send(bank, phone_copy, code))
        assert "인증서를 PC로 보냈습니다" in answer
        assert CertificateCopy.objects.get(medium="usb").certificate == phone_copy.certificate
        status = text(bank.get(reverse("center:copy_from_phone_status")))
        assert "휴대전화의 인증서를 이 PC(이동식디스크)로 복사했습니다." in status

    def test_wrong_number_and_wrong_password_stay_beside_their_fields(self, bank, phone_copy):
        code = self.pc_code(bank)
        wrong = "000000000000" if code != "0000-0000-0000" else "111111111111"
        screen = text(self.send(bank, phone_copy, wrong))
        assert "인증번호가 일치하지 않습니다 (1/5회)" in screen and 'id="id_code_error"' in screen
        screen = text(self.send(bank, phone_copy, code, password="Wrong#2026"))
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in screen
        assert 'id="id_password_error"' in screen
        assert not CertificateCopy.objects.filter(medium="usb").exists()

    def test_the_pc_tells_when_the_number_ran_out(self, bank, phone_copy, holder):
        self.pc_code(bank)
        with time_machine.travel(timezone.now() + timedelta(seconds=181)):
            status = text(bank.get(reverse("center:copy_from_phone_status")))
            assert "인증번호 유효시간(3분)이 지났습니다" in status
            screen = text(bank.get(reverse("phone:screen")))
            assert "인증서 내보내기" not in screen

    def test_the_pc_needs_a_pc_medium(self, bank, phone_copy):
        response = bank.post(reverse("center:copy_from_phone"), {"medium": "phone"})
        assert response.status_code == 400
        assert "하드디스크 또는 이동식디스크" in text(response)
        assert not PhoneRequest.objects.exists()


class TestTheNumberAtRest:
    """The 12-digit 인증번호 is in no session row in clear: the request keeps its HMAC,
    the showing device's session an AES-GCM ciphertext bound to the request."""

    def stored_sessions(self) -> str:
        return json.dumps([s.get_decoded() for s in Session.objects.all()])

    def test_pc_to_phone(self, bank, pc_copy):
        code = phone_code(bank)
        digits = code.replace("-", "")
        assert Session.objects.exists()
        assert digits not in self.stored_sessions() and code not in self.stored_sessions()
        assert digits not in json.dumps(dict(bank.session))
        phone_request = PhoneRequest.objects.get()
        assert digits not in phone_request.code_digest
        assert code in text(bank.get(reverse("phone:screen")))  # shown again on each poll
        send_to_phone(bank, pc_copy, digits)
        assert CertificateCopy.objects.filter(medium="phone").exists()

    def test_phone_to_pc(self, bank, issuing_ca, holder):
        certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="phone")
        response = bank.post(reverse("center:copy_from_phone"), {"medium": "usb"})
        code = CODE.search(text(bank.get(response.url))).group(1)
        digits = code.replace("-", "")
        assert digits not in self.stored_sessions() and code not in self.stored_sessions()
        assert code in text(bank.get(reverse("center:copy_from_phone_status")))

    def test_another_requests_ciphertext_shows_nothing(self, bank, pc_copy):
        phone_code(bank)
        first = PhoneRequest.objects.get()
        session = bank.session
        sealed = session["phone_request_codes"][str(first.pk)]
        phone_code(bank)
        second = PhoneRequest.objects.exclude(pk=first.pk).get()
        session = bank.session
        session["phone_request_codes"] = {str(second.pk): sealed}  # the old number's blob
        session.save()
        assert not CODE.search(text(bank.get(reverse("phone:screen"))))


class TestARequestNamedWithOtherDigits:
    """``"²".isdigit()`` is True but ``int("²")`` fails: the request's id once reached
    the query and gave a 500 on both cancels."""

    @pytest.mark.parametrize("named", ["²", "³³", "١", "9" * 30])
    def test_the_cancels_leave_the_request_alone(self, bank, pc_copy, named):
        phone_code(bank)
        waiting = PhoneRequest.objects.get()
        response = bank.post(reverse("phone:copy_cancel"), {"request": named})
        assert response.status_code == 200
        assert "인증서 복사를 취소했습니다." in text(response)
        response = bank.post(reverse("center:copy_from_phone_cancel"), {"request": named})
        assert response.status_code == 302
        assert response.url == reverse("center:copy_home")
        response = bank.post(reverse("phone:request_approve"), {"request": named, "pin": "1"})
        assert response.status_code == 404
        waiting.refresh_from_db()
        assert waiting.state == PhoneRequest.State.WAITING
        response = bank.post(reverse("phone:copy_cancel"), {"request": str(waiting.pk)})
        waiting.refresh_from_db()
        assert waiting.state == PhoneRequest.State.FAILED


class TestTheCertificateToSendIsChosen:
    def test_the_one_usable_pc_copy_is_preselected(self, bank, pc_copy, holder):
        old = certificate_issue(
            customer=holder, cert_type="universal", password=CERT_PASSWORD, medium="hdd"
        ).certificate
        certificate_revoke(certificate=old, reason="superseded")  # on the PC, but revoked
        page = text(bank.get(reverse("center:copy_to_phone")))
        checked = re.findall(r'value="(\d+)" id="pc-copy-\d+" checked', page)
        assert checked == [str(pc_copy.pk)]

    def test_two_usable_copies_wait_for_a_choice(self, bank, pc_copy, holder):
        certificate_issue(
            customer=holder, cert_type="universal", password=CERT_PASSWORD, medium="usb"
        )
        page = text(bank.get(reverse("center:copy_to_phone")))
        assert " checked" not in page.split('class="copy-form"')[1].split("</fieldset>")[0]
