"""본인인증 (flow/authentication.py): ARS, 보안매체 확인 and 모바일 인증, every branch."""

import pytest

from accounts.models import MobileAuthenticator
from issuance.flow import authentication, messages, selectors
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Scenario
from issuance.transitions import WrongState
from portal.refusals import Refused
from tests.factories import BankAccountFactory
from tests.fixtures.flow import card_answer, later, messages_of, walk

pytestmark = pytest.mark.django_db


# --- 5. ARS -----------------------------------------------------------------------------------


class TestArs:
    @pytest.fixture
    def at_ars(self, ready, new_session):
        return walk(new_session, Step.ARS)

    def test_right_digits(self, at_ars):
        authentication.ars_call(session=at_ars, phone=at_ars.customer.phones.get())
        assert len(at_ars.ars_code) == 2 and selectors.ars_call_visible(at_ars)
        assert authentication.ars_answer(session=at_ars, digits=at_ars.ars_code) is True
        assert at_ars.status == Step.MEDIUM

    def test_wrong_digits_then_right(self, at_ars):
        phone = at_ars.customer.phones.get()
        authentication.ars_call(session=at_ars, phone=phone)
        wrong = "00" if at_ars.ars_code != "00" else "11"
        assert authentication.ars_answer(session=at_ars, digits=wrong) is False
        assert "입력하신 번호가 일치하지 않습니다 (1/5회)" in messages_of(at_ars)
        with pytest.raises(WrongState):  # that call is over
            authentication.ars_answer(session=at_ars, digits=at_ars.ars_code)
        authentication.ars_call(session=at_ars, phone=phone)
        assert authentication.ars_answer(session=at_ars, digits=at_ars.ars_code)

    def test_time_out_is_a_missed_call(self, at_ars):
        authentication.ars_call(session=at_ars, phone=at_ars.customer.phones.get())
        with later(181):
            assert selectors.ars_view_state(at_ars) == "missed"
            with pytest.raises(WrongState):
                authentication.ars_answer(session=at_ars, digits=at_ars.ars_code)
            authentication.ars_missed(session=at_ars)
        assert at_ars.ars_failures == 1
        assert any("시간이 초과" in m for m in messages_of(at_ars))

    def test_scenario_not_answered(self, at_ars):
        at_ars.scenario = Scenario.objects.create(
            name="무응답", ars_not_answered=True, ars_timeout_seconds=20
        )
        at_ars.save()
        authentication.ars_call(session=at_ars, phone=at_ars.customer.phones.get())
        assert not selectors.ars_call_visible(at_ars)  # the phone never rings
        with later(21):
            authentication.ars_missed(session=at_ars)
        assert at_ars.ars_state == "missed"

    def test_only_the_customers_own_numbers(self, at_ars):
        from tests.factories import RegisteredPhoneFactory

        with pytest.raises(Refused, match="등록된 전화번호"):
            authentication.ars_call(session=at_ars, phone=RegisteredPhoneFactory())

    def test_five_failures_stop_the_flow(self, at_ars):
        phone = at_ars.customer.phones.get()
        for _ in range(5):
            authentication.ars_call(session=at_ars, phone=phone)
            authentication.ars_answer(
                session=at_ars, digits="00" if at_ars.ars_code != "00" else "11"
            )
        assert at_ars.status == Step.STOPPED and "ARS 인증을 5회 실패" in at_ars.stop_reason


# --- 6. 보안매체 ---------------------------------------------------------------------------------


class TestMedium:
    @pytest.fixture
    def at_medium(self, ready, new_session):
        return walk(new_session, Step.MEDIUM)

    def test_the_security_card_has_its_own_threshold(self, at_medium, settings):
        settings.LOCK_THRESHOLDS = {**settings.LOCK_THRESHOLDS, "security_card": 3}
        for attempt in (1, 2):
            with pytest.raises(
                Refused, match=rf"보안카드 번호가 올바르지 않습니다 \({attempt}/3회\)"
            ):
                self.verify(at_medium, card=("99", "99"))
        with pytest.raises(Refused, match="보안카드 번호를 3회 잘못 입력하여 잠겼습니다"):
            self.verify(at_medium, card=("99", "99"))
        assert at_medium.customer.security_card.__class__.objects.get(
            pk=at_medium.customer.security_card.pk
        ).is_locked

    def verify(self, session, account=None, pin="1357", card=None):
        slots = authentication.medium_challenge(session)
        first, last = card or card_answer(*slots)
        authentication.medium_verify(
            session=session,
            account=account or session.customer.accounts.first(),
            pin=pin,
            first_two=first,
            last_two=last,
        )

    def test_account_not_registered_for_internet_banking(self, at_medium):
        account = BankAccountFactory(customer=at_medium.customer, internet_banking_registered=False)
        with pytest.raises(Refused, match="출금계좌로 등록되지 않은 계좌") as excinfo:
            self.verify(at_medium, account=account)
        assert excinfo.value.field == "account"

    def test_someone_elses_account(self, at_medium):
        with pytest.raises(Refused, match="본인 명의"):
            self.verify(at_medium, account=BankAccountFactory())

    def test_wrong_pin_counts_and_locks(self, at_medium):
        for n in range(1, 5):
            with pytest.raises(Refused, match=rf"계좌비밀번호가 올바르지 않습니다 \({n}/5회\)"):
                self.verify(at_medium, pin="0000")
        with pytest.raises(Refused, match="잠겼습니다"):
            self.verify(at_medium, pin="0000")
        with pytest.raises(Refused, match="잠겼습니다"):
            self.verify(at_medium)  # locked until 오류 해제

    def test_wrong_card_draws_a_new_challenge(self, at_medium):
        authentication.medium_challenge(at_medium)
        with pytest.raises(Refused, match=r"보안카드 번호가 올바르지 않습니다 \(1/5회\)"):
            self.verify(at_medium, card=("xx", "yy"))
        at_medium.refresh_from_db()
        assert at_medium.card_slot_a is None
        second_slots = authentication.medium_challenge(at_medium)
        assert second_slots is not None
        self.verify(at_medium)
        assert at_medium.status == Step.PUSH

    def test_challenge_is_stable_until_answered(self, at_medium):
        assert authentication.medium_challenge(at_medium) == authentication.medium_challenge(
            at_medium
        )

    def test_universal_needs_the_fee_in_the_account(self, ready, new_session):
        session = walk(new_session, Step.MEDIUM, cert_type="universal")
        poor = BankAccountFactory(customer=ready, balance=4_399)
        with pytest.raises(Refused, match="잔액이 부족합니다"):
            self.verify(session, account=poor)

    def test_without_an_app_goes_straight_to_storage(self, ready, new_session):
        MobileAuthenticator.objects.filter(customer=ready).delete()
        session = walk(new_session, Step.MEDIUM)
        self.verify(session)
        assert session.status == Step.STORAGE


# --- 7. 모바일 인증 --------------------------------------------------------------------------


class TestPush:
    @pytest.fixture
    def at_push(self, ready, new_session):
        return walk(new_session, Step.PUSH)

    def test_wrong_pin_counts(self, at_push):
        with pytest.raises(Refused, match=r"PIN이 올바르지 않습니다 \(1/5회\)"):
            authentication.push_approve(session=at_push, pin="000000")
        assert at_push.status == Step.PUSH

    def test_approve_once_only(self, at_push):
        authentication.push_approve(session=at_push, pin="135790")
        assert at_push.status == Step.STORAGE
        with pytest.raises(WrongState):
            authentication.push_approve(session=at_push, pin="135790")  # a replayed approval

    def test_deny_stops_the_flow(self, at_push):
        authentication.push_deny(session=at_push)
        assert at_push.status == Step.STOPPED
        assert at_push.stop_reason == messages.PUSH_DENIED

    def test_approval_after_the_deadline_is_refused_then_resend(self, at_push):
        with later(181):
            assert selectors.push_view_state(at_push) == "expired"
            with pytest.raises(WrongState):
                authentication.push_approve(session=at_push, pin="135790")
            authentication.push_resend(session=at_push)
            assert selectors.push_view_state(at_push) == "pending"
            authentication.push_approve(session=at_push, pin="135790")
        assert at_push.status == Step.STORAGE

    def test_outdated_app_must_update_first(self, ready, new_session):
        Scenario.objects.create(name="구버전 앱", is_default=True, app_outdated=True)
        session = walk(flow.session_start(), Step.PUSH)
        assert selectors.push_view_state(session) == "outdated"
        with pytest.raises(WrongState):
            authentication.push_approve(session=session, pin="135790")
        authentication.app_update(session=session)
        assert selectors.push_view_state(session) == "pending"
        authentication.push_approve(session=session, pin="135790")
        assert session.status == Step.STORAGE

    def test_the_scenario_and_the_update_never_touch_the_personas_app(self, ready):
        Scenario.objects.create(name="구버전 앱", is_default=True, app_outdated=True)
        installed = ready.mobile_authenticator.installed_version
        session = walk(flow.session_start(), Step.PUSH)
        authentication.app_update(session=session)
        ready.mobile_authenticator.refresh_from_db()
        assert ready.mobile_authenticator.installed_version == installed
        again = walk(flow.session_start(), Step.PUSH)  # the next flow starts outdated again
        assert selectors.push_view_state(again) == "outdated"

    def test_a_persona_whose_app_is_outdated_updates_it_for_this_flow(self, ready, new_session):
        MobileAuthenticator.objects.filter(customer=ready).update(installed_version="4.8.1")
        session = walk(new_session, Step.PUSH)
        assert selectors.push_view_state(session) == "outdated"
        authentication.app_update(session=session)
        assert selectors.push_view_state(session) == "pending"
        assert MobileAuthenticator.objects.get(customer=ready).installed_version == "4.8.1"
