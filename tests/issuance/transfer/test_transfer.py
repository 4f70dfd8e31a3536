"""계좌 이체 (/banking/transfer/): 이체 정보 → 보안카드 → (추가 본인인증) → 전자서명 → 영수증;
every refusal as the learner reads it, the money moved exactly once, and the
signature checked independently with ``cryptography``."""

from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountTransaction
from issuance.ca.revocation import certificate_revoke
from issuance.devices import DEVICE_KEY
from issuance.models import CenterEvent, PhoneRequest, Transfer
from tests.fixtures.pki import CERT_PASSWORD
from tests.issuance.transfer.conftest import APP_PIN, PIN, card_answer

pytestmark = pytest.mark.django_db
START = reverse("transfer:start")


def text(response) -> str:
    return response.content.decode()


def enter(bank, source, *, amount="50,000", number="110201-01-700007", bank_code="004", **extra):
    data = {
        "source": source.pk,
        "pin": PIN,
        "target_bank": bank_code,
        "target_number": number,
        "amount": amount,
        **extra,
    }
    return bank.post(START, data)


def card(bank, transfer: Transfer, answer: dict | None = None):
    transfer.refresh_from_db()
    answer = answer or card_answer(transfer.card_slot_a, transfer.card_slot_b)
    return bank.post(reverse("transfer:card", args=[transfer.pk]), answer)


def sign(bank, transfer: Transfer, copy, password=CERT_PASSWORD):
    url = reverse("transfer:sign", args=[transfer.pk])
    return bank.post(url, {"copy": copy.pk, "password": password, "medium": copy.medium})


def approve(client, transfer: Transfer, pin=APP_PIN, *, deny=False):
    transfer.refresh_from_db()
    if deny:  # 거부 needs no PIN
        return client.post(reverse("phone:request_deny"), {"request": transfer.approval_id})
    return client.post(
        reverse("phone:request_approve"), {"request": transfer.approval_id, "pin": pin}
    )


class TestTheWholeTransfer:
    def test_a_signed_transfer_moves_the_money_and_shows_the_signature(
        self, bank, source, receiver, copy
    ):
        response = enter(bank, source)
        transfer = Transfer.objects.get()
        assert response.url == reverse("transfer:card", args=[transfer.pk])
        page = text(bank.get(response.url))
        assert "윤일곱" in page and "50,000원" in page  # 받는 분 confirmed before the card

        response = card(bank, transfer)
        assert response.url == reverse("transfer:sign", args=[transfer.pk])
        page = text(bank.get(response.url))
        transfer.refresh_from_db()
        assert "전자서명 원문" in page
        assert "받는 분: 윤일곱" in page and "이체금액: 50,000원" in page  # what will be signed

        response = sign(bank, transfer, copy)
        assert response.url == reverse("transfer:receipt", args=[transfer.pk])
        receipt = text(bank.get(response.url))
        assert "이체가 완료되었습니다" in receipt
        assert "sha256WithRSAEncryption" in receipt and copy.certificate.serial in receipt
        assert "정상 (응답 시각" in receipt  # the OCSP answer
        assert "VID" in receipt  # 본인확인 through the VID

        source.refresh_from_db()
        receiver_account = receiver.accounts.get()
        assert source.balance == 20_000_000 - 50_000
        assert receiver_account.balance == 1_000 + 50_000
        assert AccountTransaction.objects.get(account=source).amount == -50_000
        assert AccountTransaction.objects.get(account=receiver_account).description == "김하나"

    def test_the_signature_verifies_independently_over_what_was_shown(
        self, bank, source, receiver, copy
    ):
        enter(bank, source)
        transfer = Transfer.objects.get()
        card(bank, transfer)
        sign(bank, transfer, copy)
        transfer.refresh_from_db()
        cert = x509.load_der_x509_certificate(bytes(copy.certificate.der))
        data = transfer.signed_text.encode("utf-8")
        cert.public_key().verify(
            bytes(transfer.signature), data, padding.PKCS1v15(), hashes.SHA256()
        )
        with pytest.raises(Exception):  # noqa: B017, PT011 - any change breaks it
            cert.public_key().verify(
                bytes(transfer.signature),
                data.replace(b"50,000", b"500,000"),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )

    def test_the_history_shows_both_sides(self, bank, source, receiver, copy):
        enter(bank, source, memo_in="용돈", memo_out="엄마 용돈")
        transfer = Transfer.objects.get()
        card(bank, transfer)
        sign(bank, transfer, copy)
        page = text(bank.get(reverse("accounts:accounts")))
        assert "엄마 용돈" in page and "50,000원" in page and "19,950,000원" in page
        assert AccountTransaction.objects.get(account=receiver.accounts.get()).description == "용돈"

    def test_a_double_submit_moves_the_money_once(self, bank, source, receiver, copy):
        enter(bank, source)
        transfer = Transfer.objects.get()
        card(bank, transfer)
        sign(bank, transfer, copy)
        again = sign(bank, transfer, copy)
        assert again.status_code == 302 and again.url.endswith(f"/{transfer.pk}/")
        source.refresh_from_db()
        assert source.balance == 20_000_000 - 50_000
        assert AccountTransaction.objects.filter(account=source).count() == 1

    def test_to_another_bank_the_fictitious_holder_is_shown(self, bank, source, copy):
        enter(bank, source, bank_code="088", number="110-123-456789")
        transfer = Transfer.objects.get()
        assert transfer.target_number == "110123456789" and transfer.target_account is None
        assert transfer.target_name in text(bank.get(reverse("transfer:card", args=[transfer.pk])))
        card(bank, transfer)
        sign(bank, transfer, copy)
        source.refresh_from_db()
        assert source.balance == 20_000_000 - 50_000

    def test_every_step_is_on_the_trail(self, bank, source, receiver, copy):
        enter(bank, source, pin="0000")
        enter(bank, source)
        transfer = Transfer.objects.get()
        card(bank, transfer)
        sign(bank, transfer, copy)
        trail = CenterEvent.objects.filter(action=CenterEvent.Action.TRANSFER)
        assert [e.result for e in trail] == ["failed", "ok", "ok"]
        assert "이체 완료" in trail.last().message


class TestTheForm:
    @pytest.mark.parametrize(
        ("extra", "field", "message"),
        [
            ({"pin": "0000"}, "pin", "계좌비밀번호가 올바르지 않습니다 (1/5회)."),
            ({"number": "110201-01-999999"}, "target_number", "없는 계좌번호입니다"),
            ({"number": "110201-01-100001"}, "target_number", "같은 계좌로는 이체할 수 없습니다"),
            ({"amount": "30,000,000"}, "amount", "1회 이체한도(10,000,000원)를 넘습니다."),
            ({"amount": "abc"}, "amount", "이체금액은 숫자로 입력하세요"),
            ({"amount": "²"}, "amount", "이체금액은 숫자로 입력하세요"),  # isdigit(), not int()
            ({"amount": "³³"}, "amount", "이체금액은 숫자로 입력하세요"),
            ({"amount": "٥٠٠٠٠"}, "amount", "이체금액은 숫자로 입력하세요"),  # Arabic-Indic
            ({"pin": "١٣٥٧"}, "pin", "계좌비밀번호는 숫자 4자리입니다."),  # not counted
            ({"amount": "0"}, "amount", "이체금액은 1원 이상입니다."),
            ({"bank_code": "088", "number": "12-34"}, "target_number", "숫자 10~14자리"),
            ({"bank_code": "999"}, "target_bank", "목록에 있는 은행을 선택하세요."),
        ],
    )
    def test_each_mistake_is_told_beside_its_field(
        self, bank, source, receiver, extra, field, message
    ):
        response = enter(bank, source, **extra)
        assert response.status_code == 400
        assert message in text(response)
        assert f'id="id_{field}_error"' in text(response)
        assert not Transfer.objects.exists()

    def test_more_than_the_balance(self, bank, source, receiver):
        source.balance = 10_000
        source.save()
        response = enter(bank, source, amount="20000")
        assert "출금 가능 금액(잔액 10,000원)을 넘습니다." in text(response)

    def test_the_daily_limit_counts_todays_transfers(self, bank, source, receiver, copy):
        source.balance = 100_000_000
        source.save()
        for _ in range(5):
            enter(bank, source, amount="9,000,000")
            transfer = Transfer.objects.latest("id")
            card(bank, transfer)
            approve(bank, transfer)
            bank.get(reverse("transfer:approval_status", args=[transfer.pk]))
            sign(bank, transfer, copy)
        response = enter(bank, source, amount="6,000,000")
        assert "1일 이체한도(50,000,000원)를 넘습니다. 오늘 남은 한도는 5,000,000원입니다." in text(
            response
        )

    def test_only_the_own_accounts_can_be_chosen(self, bank, source, receiver):
        response = enter(bank, receiver.accounts.get())
        assert "본인 명의의 계좌를 선택하세요." in text(response)

    def test_anonymous_visitors_log_in_first(self, client):
        response = client.get(START)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


class TestTheMemo:
    """통장 표시 is a line of the 전자서명 원문: a line break in it would forge another."""

    @pytest.mark.parametrize("field", ["memo_in", "memo_out"])
    @pytest.mark.parametrize(
        "memo", ["1\n이체금액: 1원", "1\r이체금액", "용\u2028돈", "\u202e돈용"]
    )
    def test_a_line_break_or_control_character_is_refused_beside_the_field(
        self, bank, source, receiver, field, memo
    ):
        response = enter(bank, source, **{field: memo})
        assert response.status_code == 400
        assert f'id="id_{field}_error"' in text(response)
        assert "통장 표시에는 줄바꿈이나 제어 문자를 쓸 수 없습니다." in text(response)
        assert not Transfer.objects.exists()

    def test_another_scripts_space_is_a_space(self, bank, source, receiver):
        enter(bank, source, memo_in="엄마\u3000용돈")
        assert Transfer.objects.get().memo_in == "엄마 용돈"

    def test_the_signed_text_keeps_every_value_on_its_line(self, bank, source, receiver):
        """Were a memo with a line break to reach the 원문 (not through the form), it
        shows as an escape and adds no line."""
        enter(bank, source)
        transfer = Transfer.objects.get()
        Transfer.objects.filter(pk=transfer.pk).update(memo_in="1\n이체금액: 1원")
        card(bank, transfer)
        transfer.refresh_from_db()
        lines = transfer.signed_text.split("\n")
        assert len(lines) == 10
        assert [line for line in lines if line.startswith("이체금액")] == ["이체금액: 50,000원"]
        assert "받는 분 통장 표시: 1\\u000a이체금액: 1원" in lines
        page = text(bank.get(reverse("transfer:sign", args=[transfer.pk])))
        assert "받는 분 통장 표시: 1\\u000a이체금액: 1원" in page


class TestTheSecurityCard:
    def test_a_wrong_card_is_counted_and_new_slots_are_asked(self, bank, source, receiver):
        enter(bank, source)
        transfer = Transfer.objects.get()
        right = card_answer(transfer.card_slot_a, transfer.card_slot_b)
        wrong = {k: "".join(str((int(d) + 1) % 10) for d in v) for k, v in right.items()}
        response = card(bank, transfer, wrong)
        assert response.status_code == 400
        assert "보안카드 번호가 올바르지 않습니다 (1/5회)" in text(response)
        assert 'id="id_card_first_two_error"' in text(response)
        transfer.refresh_from_db()
        assert transfer.state == "entered"
        assert (transfer.card_slot_a, transfer.card_slot_b) != (None, None)
        response = card(bank, transfer)  # the newly asked slots
        assert response.status_code == 302

    def test_another_customers_transfer_is_not_found(self, client, source, receiver):
        client.force_login(source.customer)
        enter(client, source)
        transfer = Transfer.objects.get()
        client.force_login(receiver)
        assert client.get(reverse("transfer:card", args=[transfer.pk])).status_code == 404
        assert client.get(reverse("transfer:receipt", args=[transfer.pk])).status_code == 404


class TestTheSignature:
    @pytest.fixture
    def signing(self, bank, source, receiver, copy):
        enter(bank, source)
        transfer = Transfer.objects.get()
        card(bank, transfer)
        transfer.refresh_from_db()
        return transfer

    def _nothing_moved(self, source):
        source.refresh_from_db()
        assert source.balance == 20_000_000
        assert not AccountTransaction.objects.exists()

    def test_a_wrong_password_is_counted_beside_it(self, bank, signing, copy, source):
        response = sign(bank, signing, copy, password="Wrong#2026")
        assert response.status_code == 400
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in text(response)
        assert 'id="id_password_error"' in text(response)
        self._nothing_moved(source)

    def test_a_revoked_certificate_is_refused(self, bank, signing, copy, source):
        certificate_revoke(certificate=copy.certificate, reason="key_compromise")
        response = sign(bank, signing, copy)
        assert "폐지된 인증서입니다" in text(response)
        self._nothing_moved(source)

    def test_an_expired_certificate_is_refused(self, bank, signing, copy, source):
        with time_machine.travel(copy.certificate.not_after + timedelta(days=1)):
            bank.logout()  # a year later: a new visit, and a new login
            bank.force_login(source.customer)
            response = sign(bank, signing, copy)
        assert "만료된 인증서입니다" in text(response)
        self._nothing_moved(source)

    def test_another_persons_certificate_is_refused(self, bank, signing, receiver, source):
        from issuance.ca.services import certificate_issue

        other = certificate_issue(
            customer=receiver, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
        ).certificate.copies.get()
        session = bank.session
        session[DEVICE_KEY] = [receiver.pk]  # 윤일곱 once saved her certificate on this PC
        session.save()
        response = sign(bank, signing, other)
        assert "다른 사람의 인증서입니다" in text(response)
        self._nothing_moved(source)


class TestTheAdditionalAuthentication:
    @pytest.fixture
    def large(self, bank, source, receiver):
        enter(bank, source, amount="3,000,000")
        transfer = Transfer.objects.get()
        response = card(bank, transfer)
        transfer.refresh_from_db()
        assert response.url == reverse("transfer:approval", args=[transfer.pk])
        return transfer

    def test_from_three_million_the_phone_must_approve(self, bank, large, copy, source):
        page = text(bank.get(reverse("transfer:approval", args=[large.pk])))
        assert "추가 본인인증" in page and "앱의 승인을 기다리는 중" in page
        phone = text(bank.get(reverse("phone:screen")))
        assert "추가 본인인증 요청" in phone and "3,000,000원" in phone

        early = bank.get(reverse("transfer:sign", args=[large.pk]))
        assert early.url == reverse("transfer:approval", args=[large.pk])

        wrong = approve(bank, large, pin="000000")
        assert "앱 PIN이 올바르지 않습니다 (1/5회)." in text(wrong)
        approve(bank, large)
        status = bank.get(reverse("transfer:approval_status", args=[large.pk]))
        assert status["HX-Redirect"] == reverse("transfer:sign", args=[large.pk])
        sign(bank, large, copy)
        source.refresh_from_db()
        assert source.balance == 20_000_000 - 3_000_000

    def test_a_denial_stops_the_transfer(self, bank, large, copy, source):
        approve(bank, large, deny=True)
        status = text(bank.get(reverse("transfer:approval_status", args=[large.pk])))
        assert "추가 본인인증을 거부했습니다" in status
        refused = bank.get(reverse("transfer:sign", args=[large.pk]))
        assert refused.url == reverse("transfer:approval", args=[large.pk])
        source.refresh_from_db()
        assert source.balance == 20_000_000

    def test_a_request_nobody_answers_runs_out_and_can_be_sent_again(self, bank, large):
        with time_machine.travel(timezone.now() + timedelta(minutes=4)):
            status = text(bank.get(reverse("transfer:approval_status", args=[large.pk])))
            assert "추가 본인인증 시간(3분)이 지났습니다" in status
            late = approve(bank, large)
            assert "승인 요청 시간(3분)이 지났습니다" in text(late) or late.status_code == 404
            bank.post(reverse("transfer:approval", args=[large.pk]))
        large.refresh_from_db()
        assert PhoneRequest.objects.filter(kind="approval").count() == 2
        assert large.approval.state == "waiting"

    def test_another_browser_cannot_answer(self, client, large, receiver):
        client.force_login(receiver)
        response = approve(client, large)
        assert response.status_code == 404
        large.refresh_from_db()
        assert large.approval.state == "waiting"

    def test_cancel_ends_the_request(self, bank, large):
        bank.post(reverse("transfer:cancel", args=[large.pk]))
        large.refresh_from_db()
        assert large.state == "cancelled" and large.approval.state == "failed"
