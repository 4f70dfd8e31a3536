"""The rules of the 금융인증서 and of the three recoveries (설치 오류, 구버전 앱, 잠긴
보안매체 and its 오류 해제), each walked through the project's services: the seeded
trouble met and got through ticks; meeting it without getting through, or getting
through without meeting it, does not."""

import pytest
from django.urls import reverse

from accounts.services import medium_unlock
from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.flow import authentication, finance, selectors
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Scenario
from issuance.transitions import WrongState
from lessons.rules import done_by
from portal.refusals import Refused
from tests.fixtures.flow import FINANCE_PIN, card_answer, later, walk
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
APP_PIN = "135790"


def ticked(key: str, customer) -> bool:
    return key in done_by([key], [customer.pk])[customer.pk]


# --- 금융인증서 ------------------------------------------------------------------------------


def finance_copy(customer):
    return customer.certificates.get(cert_type="finance").copies.get()


@pytest.fixture
def finance_holder(ready, finance_ca):
    """김하나 walked the 금융인증서's issuance into her cloud."""
    walk(finance.finance_start(), Step.COMPLETED)
    return ready


def test_the_finance_issuance_ticks_finance_issued_only(ready, finance_ca):
    session = walk(finance.finance_start(), Step.PIN)
    assert not ticked("finance_issued", ready)  # the PIN not set yet
    walk(session, Step.COMPLETED)
    assert ticked("finance_issued", ready)
    assert not ticked("joint_issued", ready) and not ticked("step_storage", ready)


def test_a_joint_issuance_or_a_finance_certificate_given_does_not(ready, finance_ca):
    walk(flow.session_start(), Step.COMPLETED)
    assert ticked("joint_issued", ready) and not ticked("finance_issued", ready)
    certificate_issue(  # a persona's from the start (issuance.ca.personas gives it so)
        customer=ready, cert_type="finance", password=FINANCE_PIN, medium="cloud"
    )
    assert not ticked("finance_issued", ready)


def test_a_finance_login_ticks_finance_login_not_joint_login(finance_holder):
    assert not ticked("finance_login", finance_holder)
    certificate_login(
        copy=finance_copy(finance_holder), password=FINANCE_PIN, challenge=new_challenge()
    )
    assert ticked("finance_login", finance_holder)
    assert not ticked("joint_login", finance_holder)


def test_a_joint_login_a_wrong_pin_or_the_window_alone_do_not(client, finance_holder):
    joint = walk(flow.session_start(), Step.COMPLETED).certificate.copies.get()
    certificate_login(copy=joint, password=CERT_PASSWORD, challenge=new_challenge())
    assert ticked("joint_login", finance_holder)
    client.force_login(finance_holder)
    assert client.get(reverse("center:finance_login")).status_code == 200
    with pytest.raises(Refused, match=r"\(1/5회\)"):
        certificate_login(
            copy=finance_copy(finance_holder), password="000000", challenge=new_challenge()
        )
    assert not ticked("finance_login", finance_holder)


def test_a_finance_pin_change_is_not_a_certificate_password_change(finance_holder):
    from issuance.center.finance import finance_pin_change

    copy = finance_copy(finance_holder)
    finance_pin_change(copy=copy, old=FINANCE_PIN, new="481937", confirm="481937")
    assert ticked("managed", finance_holder)  # managing it, all the same
    assert not ticked("password_changed", finance_holder)


# --- 설치 오류에서 다시 설치 -------------------------------------------------------------------


def test_an_install_failure_then_a_reinstall_ticks_recovered_install(ready):
    Scenario.objects.create(name="설치 오류", is_default=True, install_fails_once=True)
    session = flow.session_start(customer=ready)
    flow.install_start(session=session, full=False)
    with later(10):
        assert flow.install_finish(session=session) is False
    assert not ticked("recovered_install", ready)  # failed, not got through yet
    with later(20):
        flow.install_start(session=session, full=False)
    with later(40):
        assert flow.install_finish(session=session) is True
    assert ticked("recovered_install", ready) and ticked("step_install", ready)


def test_an_install_without_a_failure_does_not(ready):
    walk(flow.session_start(customer=ready), Step.IDENTIFY)
    assert ticked("step_install", ready) and not ticked("recovered_install", ready)


# --- 구버전 앱 업데이트 ------------------------------------------------------------------------


@pytest.fixture
def outdated(db):
    return Scenario.objects.create(name="구버전 앱", is_default=True, app_outdated=True)


def test_the_outdated_app_updated_then_approved_ticks_recovered_app(ready, outdated):
    session = walk(flow.session_start(), Step.PUSH)
    assert selectors.push_view_state(session) == "outdated"
    with pytest.raises(WrongState):  # no request reaches an outdated app
        authentication.push_approve(session=session, pin=APP_PIN)
    authentication.app_update(session=session)
    assert not ticked("recovered_app", ready)  # updated, not approved yet
    authentication.push_approve(session=session, pin=APP_PIN)
    assert ticked("recovered_app", ready) and ticked("step_push", ready)


def test_updated_then_denied_or_a_current_app_approved_does_not(client, ready, outdated):
    session = walk(flow.session_start(), Step.PUSH)
    client.force_login(ready)
    assert client.get(reverse("phone:screen")).status_code == 200  # the phone, not updated
    authentication.app_update(session=session)
    authentication.push_deny(session=session)
    assert session.status == Step.STOPPED and not ticked("recovered_app", ready)
    outdated.delete()  # the app is current again
    walk(flow.session_start(), Step.STORAGE)
    assert ticked("step_push", ready) and not ticked("recovered_app", ready)


# --- 잠긴 보안매체: 오류 해제 ---------------------------------------------------------------------


def verify(session, *, pin="1357", card=None):
    slots = authentication.medium_challenge(session)
    first, last = card or card_answer(*slots)
    authentication.medium_verify(
        session=session,
        account=session.customer.accounts.get(),
        pin=pin,
        first_two=first,
        last_two=last,
    )


def test_locked_stopped_unlocked_then_passed_in_a_new_flow_ticks_recovered_lock(ready):
    locked = walk(flow.session_start(), Step.MEDIUM)
    for _ in range(5):
        with pytest.raises(Refused, match="계좌비밀번호"):
            verify(locked, pin="0000")
    account = ready.accounts.get()
    account.refresh_from_db()
    assert account.is_locked and not ticked("recovered_lock", ready)
    with later(60):  # the learner leaves that flow; the trainer's 오류 해제
        medium_unlock(medium=account)
        assert not ticked("recovered_lock", ready)  # unlocked, not passed yet
        walk(flow.session_start(), Step.PUSH)
    assert ticked("recovered_lock", ready) and ticked("step_identify", ready)


def test_a_card_locked_by_the_scenarios_threshold_unlocked_in_the_same_flow(ready):
    Scenario.objects.create(name="잠금 3회", is_default=True, lock_threshold=3)
    session = walk(flow.session_start(), Step.MEDIUM)
    for _ in range(3):
        with pytest.raises(Refused, match="보안카드"):
            verify(session, card=("99", "99"))
    with pytest.raises(Refused, match="잠겼습니다"):  # a try while locked: refused
        verify(session)
    assert not ticked("recovered_lock", ready)
    with later(60):
        medium_unlock(medium=ready.security_card)
        verify(session)
    assert session.status == Step.PUSH and ticked("recovered_lock", ready)


def test_wrong_tries_that_never_locked_do_not(ready):
    """Four wrong tries then the right one, in a flow later stopped (the push denied),
    and a new flow that passes: no lock, no 오류 해제."""
    session = walk(flow.session_start(), Step.MEDIUM)
    for _ in range(4):
        with pytest.raises(Refused, match="계좌비밀번호"):
            verify(session, pin="0000")
    with later(60):
        verify(session)
        authentication.push_deny(session=session)
    assert session.status == Step.STOPPED
    with later(120):
        walk(flow.session_start(), Step.PUSH)
    assert not ticked("recovered_lock", ready)


def test_a_lock_never_unlocked_does_not(ready):
    session = walk(flow.session_start(), Step.MEDIUM)
    for _ in range(5):
        with pytest.raises(Refused):
            verify(session, pin="0000")
    with later(60):
        again = walk(flow.session_start(), Step.MEDIUM)
        with pytest.raises(Refused, match="잠겼습니다"):
            verify(again)  # even the right PIN
    assert again.status == Step.MEDIUM and not ticked("recovered_lock", ready)
