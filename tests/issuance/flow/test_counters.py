"""Counters that outlive a session (issue: a new session must not reset them): 사용자 확인
and ARS per customer, unknown IDs and 아이디 조회 per client; a logged-in customer may
only identify as themselves."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import throttle
from accounts.models import CheckCounter
from accounts.services import medium_unlock
from issuance.flow import authentication
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import IssuanceSession
from portal.refusals import Refused
from tests.factories import CustomerFactory
from tests.fixtures.flow import RRN, walk

pytestmark = pytest.mark.django_db
WRONG_RRN = "850315-1234568"
CLIENT = throttle.Client("10.0.0.7", "browser-1")


def at_identify():
    return walk(flow.session_start(), Step.IDENTIFY)


def fail_identify(session, user_id="hana", rrn=WRONG_RRN, client=CLIENT):
    with pytest.raises(Refused) as refused:
        flow.user_identify(session=session, user_id=user_id, rrn=rrn, client=client)
    return str(refused.value.message)


class TestIdentify:
    def test_failures_add_up_across_sessions_and_lock_the_customer(self, ready):
        first = at_identify()
        for _ in range(3):
            fail_identify(first)
        second = at_identify()  # a new session does not start again from 0
        assert "(4/5회)" in fail_identify(second)
        assert "오류 해제를 요청하세요" in fail_identify(second)
        assert second.status == Step.STOPPED
        third = at_identify()  # even the right data is refused now
        assert "잠겼습니다" in fail_identify(third, rrn=RRN)
        medium_unlock(medium=CheckCounter.objects.get(customer=ready, kind="identify"))
        assert flow.user_identify(session=at_identify(), user_id="hana", rrn=RRN) == ready

    def test_unknown_ids_are_counted_per_client_across_sessions(self, ready):
        for _ in range(4):
            fail_identify(at_identify(), user_id="nobody")
        message = fail_identify(at_identify(), user_id="nobody")
        assert "분 뒤에 다시 시도하세요" in message
        other = throttle.Client("10.0.0.8", "browser-2")  # another client is not held
        assert "(1/5회)" in fail_identify(at_identify(), user_id="nobody", client=other)

    def test_a_logged_in_customer_may_only_identify_as_themselves(self, ready):
        other = CustomerFactory(user_id="yoon", rrn="950505-1890123")
        session = walk(flow.session_start(customer=ready), Step.IDENTIFY)
        message = fail_identify(session, user_id="yoon", rrn="950505-1890123")
        assert "로그인한 김하나 고객 본인의" in message and "(1/5회)" in message
        assert session.customer == ready and session.status == Step.IDENTIFY
        assert not CheckCounter.objects.filter(customer=other).exists()
        assert flow.user_identify(session=session, user_id="hana", rrn=RRN) == ready

    def test_the_page_says_it_beside_the_form(self, ready):
        browser = Client()
        browser.force_login(ready)
        browser.post(reverse("flow:prerequisites"))
        session_id = browser.session["issuance_session"]
        walk(IssuanceSession.objects.get(pk=session_id), Step.IDENTIFY)
        url = reverse("flow:identify", args=[session_id])
        page = browser.post(
            url, {"user_id": "someone", "rrn_front": "950505", "rrn_back": "1890123"}
        ).content.decode()
        assert "본인의 사용자 ID와 주민등록번호를 입력하세요" in page


class TestArs:
    def test_failures_add_up_across_sessions(self, ready):
        first = walk(flow.session_start(), Step.ARS)
        for _ in range(3):
            authentication.ars_call(session=first, phone=ready.phones.get())
            authentication.ars_answer(session=first, digits="00")
        second = walk(flow.session_start(), Step.ARS)
        authentication.ars_call(session=second, phone=ready.phones.get())
        authentication.ars_answer(session=second, digits="00")
        assert second.ars_failures == 4
        authentication.ars_call(session=second, phone=ready.phones.get())
        authentication.ars_answer(session=second, digits="00")
        assert second.status == Step.STOPPED
        third = walk(flow.session_start(), Step.ARS)
        with pytest.raises(Refused, match="오류 해제를 요청하세요"):
            authentication.ars_call(session=third, phone=ready.phones.get())

    def test_a_success_starts_the_count_again(self, ready):
        session = walk(flow.session_start(), Step.ARS)
        authentication.ars_call(session=session, phone=ready.phones.get())
        authentication.ars_answer(session=session, digits="00")
        authentication.ars_call(session=session, phone=ready.phones.get())
        assert authentication.ars_answer(session=session, digits=session.ars_code)
        assert CheckCounter.objects.get(customer=ready, kind="ars").failure_count == 0


class TestFindId:
    URL = reverse("flow:find_id")

    def post(self, client, **overrides):
        data = {"name": "김하나", "rrn_front": "850315", "rrn_back": "1234567",
                "account_number": "110201-01-100001", **overrides}  # fmt: skip
        return client.post(self.URL, data).content.decode()

    def test_five_misses_hold_the_client_even_with_the_right_data(self, client, ready):
        for attempt in range(1, 5):
            assert f"({attempt}/5회)" in self.post(client, rrn_back="1234568")
        assert "잠시 이용할 수 없습니다" in self.post(client, rrn_back="1234568")
        page = self.post(client)
        assert "잠시 이용할 수 없습니다" in page and "ha**" not in page

    def test_a_find_clears_the_count(self, client, ready):
        self.post(client, rrn_back="1234568")
        assert "ha**" in self.post(client)
        assert "(1/5회)" in self.post(client, rrn_back="1234568")
