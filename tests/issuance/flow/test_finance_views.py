"""금융인증서 발급 in a browser (the Django test client): one URL per step, the SMS
answered on the virtual phone's 문자 app, the PIN, and what the pages say."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from issuance.devices import CLOUD_COOKIE, CLOUD_SESSION_KEY
from issuance.flow.machine import Step
from issuance.models import CloudDevice, IssuanceSession
from tests.fixtures.flow import FINANCE_PIN, card_answer
from tests.issuance.flow.support import HTMX, hx_location, text


class FinanceLearner:
    def __init__(self, client):
        self.client = client
        self.session_id = None

    def url(self, name):
        return reverse(f"flow:finance_{name}", args=[self.session_id])

    @property
    def session(self):
        return IssuanceSession.objects.get(pk=self.session_id)

    def start(self):
        assert "금융인증서" in text(self.client.get(reverse("flow:finance_start")))
        response = self.client.post(reverse("flow:finance_start"))
        self.session_id = response["Location"].split("/")[3]
        assert response["Location"] == self.url("identify")

    def identify(self):
        data = {"user_id": "hana", "rrn_front": "850315", "rrn_back": "1234567"}
        return self.client.post(self.url("identify"), data)

    def terms(self, **data):
        data = data or {"finance_service": "on", "third_party": "on"}
        return self.client.post(self.url("terms"), data)

    def medium(self):
        self.client.get(self.url("medium"))
        session = self.session
        first, last = card_answer(session.card_slot_a, session.card_slot_b)
        account = session.customer.accounts.first()
        data = {
            "account": account.pk,
            "pin": "1357",
            "card_first_two": first,
            "card_last_two": last,
        }
        return self.client.post(self.url("medium"), data)

    def cloud(self, phone="010-2100-0001", birth="19850315", name="김하나"):
        return self.client.post(self.url("cloud"), {"name": name, "phone": phone, "birth": birth})

    def reply(self, digits=None):
        return self.client.post(
            reverse("phone:sms_reply"), {"digits": digits or self.session.cloud_code}
        )

    def pin(self, pin=FINANCE_PIN, confirm=None):
        return self.client.post(self.url("pin"), {"pin": pin, "pin_confirm": confirm or pin})


@pytest.fixture
def finance_learner(client, ready, finance_ca):
    return FinanceLearner(client)


def test_a_learner_issues_a_finance_certificate_step_by_step(finance_learner):
    me = finance_learner
    me.start()
    assert me.identify()["Location"] == me.url("terms")
    page = text(me.client.get(me.url("terms")))
    assert "금융결제원 금융인증서비스 이용약관" in page
    assert me.terms()["Location"] == me.url("medium")
    assert me.medium()["Location"] == me.url("cloud")
    assert me.cloud()["Location"] == me.url("cloud")
    page = text(me.client.get(me.url("cloud")))
    code = me.session.cloud_code
    assert code in page and "010-****-0001" in page
    phone = text(me.client.get(reverse("phone:phone")))
    assert "금융결제원 클라우드" in phone and "답장" in phone
    assert "비밀번호를 정하세요" in text(me.reply())
    poll = me.client.get(reverse("flow:finance_cloud_status", args=[me.session_id]), **HTMX)
    assert hx_location(poll) == me.url("pin")
    assert me.pin()["Location"] == me.url("done")
    done = text(me.client.get(me.url("done")))
    assert "금융인증서가 발급되었습니다." in done and "이 기기에서 자동연결" in done
    assert list(me.client.session[CLOUD_SESSION_KEY]) == [str(me.session.customer_id)]


def test_the_terms_must_both_be_agreed(finance_learner):
    me = finance_learner
    me.start()
    me.identify()
    response = me.terms(finance_service="on")
    assert response.status_code == 200
    assert "필수 약관에 모두 동의해야" in text(response)


def test_a_wrong_reply_is_counted_on_the_page(finance_learner):
    me = finance_learner
    me.start()
    me.identify(), me.terms(), me.medium(), me.cloud()
    wrong = "10" if me.session.cloud_code != "10" else "11"
    assert "다릅니다" in text(me.reply(wrong))
    page = text(me.client.get(me.url("cloud")))
    assert "(1/5회)" in page and "문자 다시 받기" in page


def test_a_number_not_the_learners_shows_no_message_and_times_out(finance_learner):
    me = finance_learner
    me.start()
    me.identify(), me.terms(), me.medium()
    me.cloud(phone="010-5555-1234")
    assert "금융결제원 클라우드" not in text(me.client.get(reverse("phone:phone")))
    with time_machine.travel(timezone.now() + timedelta(seconds=200), tick=False):
        page = text(me.client.get(me.url("cloud")))
    assert "제한 시간" in page and "(1/5회)" in page


def test_the_identity_form_says_what_is_wrong_beside_the_field(finance_learner):
    me = finance_learner
    me.start()
    me.identify(), me.terms(), me.medium()
    page = text(me.cloud(birth="1985-13-40"))
    assert "생년월일 8자리를 입력하세요" in page
    page = text(me.cloud(name="홍길동"))
    assert "이름이 고객 정보와 다릅니다" in page


def test_a_broken_pin_rule_is_named(finance_learner):
    me = finance_learner
    me.start()
    me.identify(), me.terms(), me.medium(), me.cloud(), me.reply()
    page = text(me.pin("111222"))
    # Beside the field, the one rule broken (the list above the form names them all).
    assert page.count("같은 숫자를 3번 이상") == 2 and page.count("연속된 숫자를") == 1
    assert "서로 다릅니다" in text(me.pin(FINANCE_PIN, "294717"))


def test_auto_connect_remembers_this_browser(finance_learner):
    me = finance_learner
    me.start()
    me.identify(), me.terms(), me.medium(), me.cloud(), me.reply(), me.pin()
    response = me.client.post(reverse("flow:finance_auto_connect", args=[me.session_id]))
    assert response.status_code == 302
    cookie = response.cookies[CLOUD_COOKIE]
    assert cookie["httponly"] and cookie["max-age"]
    (device,) = CloudDevice.objects.all()
    assert device.customer_id == me.session.customer_id
    assert cookie.value not in device.key_hash  # only its hash is kept


def test_the_steps_redirect_to_where_the_session_is(finance_learner):
    me = finance_learner
    me.start()
    assert me.client.get(me.url("pin"))["Location"] == me.url("identify")
    assert me.session.status == Step.IDENTIFY


def test_the_npki_zip_and_the_p12_say_why_they_are_refused(finance_learner):
    me = finance_learner
    me.start()
    me.identify(), me.terms(), me.medium(), me.cloud(), me.reply(), me.pin()
    zipped = me.client.get(reverse("flow:download_npki", args=[me.session_id]))
    p12 = me.client.post(reverse("flow:download_p12", args=[me.session_id]), {"password": "x"})
    for response in (zipped, p12):
        assert response.status_code == 403
        assert "금융인증서는 클라우드에 보관되어 내보낼 수 없습니다." in text(response)
