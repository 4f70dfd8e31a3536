"""Each rule of ``lessons/rules.py`` ticks from the action the learner really did, walked
through the project's own services (the flow, the certificate centre, 이체, the drills),
and never from its page seen without doing it, another action, or a failed try.

The 금융인증서 and the three recoveries (설치 오류, 구버전 앱, 잠긴 보안매체) are in
``test_rules_recovery.py``; ``COVERED`` here lists every rule either file walks."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from classroom import services as classroom
from issuance.ca.renewal import certificate_into_renewal_window
from issuance.center import services as center
from issuance.center.login import certificate_login, new_challenge
from issuance.drills import seed
from issuance.drills import services as drills
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Drill
from issuance.transfer import services as transfer
from lessons.rules import RULES, done_by
from portal.refusals import Refused
from tests.factories import BankAccountFactory, CustomerFactory
from tests.fixtures.classroom import join
from tests.fixtures.flow import CARD_CODES, walk
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Changed#2027x"
WRONG_PASSWORD = "Wrong#Pass2026"
STEPS = ("prerequisites", "install", "identify", "terms", "push", "storage")
COVERED = {
    "joint_issued", "joint_login", "transfer_signed", "password_changed", "renewed",
    "phone_copy", "reissued", "finance_issued", "finance_login", "drill_refused",
    "recovered_install", "recovered_app", "recovered_lock", "managed",
    *(f"step_{step}" for step in STEPS),
}  # fmt: skip


def ticked(key: str, customer) -> bool:
    """Whether rule ``key`` says ``customer`` did it (as the checklist asks: ``done_by``)."""
    return key in done_by([key], [customer.pk])[customer.pk]


def ticks(customer) -> set[str]:
    return done_by(RULES, [customer.pk])[customer.pk]


def issue():
    """김하나 (``ready``) walks the whole 공동인증서 issuance; her hard disk's copy."""
    session = walk(flow.session_start(), Step.COMPLETED)
    return session.certificate.copies.get()


@pytest.fixture
def copy(ready, issuing_ca):
    return issue()


def test_every_rule_is_walked_here_or_in_the_recovery_tests():
    assert set(RULES) == COVERED


# --- The flow: 공동인증서 발급, step by step ---------------------------------------------------


def test_each_step_ticks_when_the_learner_passes_it_and_the_issuance_at_the_end(ready, issuing_ca):
    session = flow.session_start(customer=ready)
    assert ticks(ready) == {"step_prerequisites"}  # a logged-in learner's, checked now
    for step, rule in [
        (Step.IDENTIFY, "step_install"),
        (Step.TERMS, "step_identify"),
        (Step.ARS, "step_terms"),
        (Step.STORAGE, "step_push"),
    ]:
        assert not ticked(rule, ready)
        walk(session, step)
        assert ticked(rule, ready)
    assert not ticked("step_storage", ready) and not ticked("joint_issued", ready)
    walk(session, Step.COMPLETED)
    assert ticked("step_storage", ready) and ticked("joint_issued", ready)
    assert not ticked("reissued", ready) and not ticked("finance_issued", ready)


def test_an_anonymous_flow_ticks_once_the_learner_says_who_they_are(ready, issuing_ca):
    session = walk(flow.session_start(), Step.IDENTIFY)  # not logged in: nobody yet
    assert ticks(ready) == set()
    walk(session, Step.TERMS)
    assert {"step_prerequisites", "step_install", "step_identify"} == ticks(ready)


def test_the_pages_of_the_flow_seen_or_failed_tick_nothing_until_passed(learner, ready):
    """In the browser: each step's page shown, and a wrong try at it, tick nothing."""
    learner.client.force_login(ready)
    assert learner.client.get(reverse("flow:prerequisites")).status_code == 200
    assert ticks(ready) == set()  # the checklist shown, not confirmed
    learner.start()
    wrong = {
        Step.IDENTIFY: lambda: learner.identify(rrn=("850315", "1234568")),
        Step.PUSH: lambda: learner.approve(pin="000000"),
        Step.STORAGE: lambda: learner.storage(confirm="Other#Pass2026"),
    }
    for step in (Step.INSTALL, Step.IDENTIFY, Step.TERMS, Step.PUSH, Step.STORAGE):
        learner.walk_to(step)
        assert learner.client.get(learner.url(step)).status_code == 200
        wrong.get(step, lambda: None)()
        assert learner.session.status == step
        assert not ticked(f"step_{step}", ready)
    learner.walk_to(Step.COMPLETED)
    assert {f"step_{step}" for step in STEPS} <= ticks(ready)


def test_a_customer_stopped_for_want_of_an_account_has_not_checked_it(issuing_ca):
    """The 발급 전 확인 is really checked at 사용자 확인 for a learner not logged in: one
    whose account is missing is stopped there, and has not done the step."""
    nobody = CustomerFactory(user_id="noaccount", rrn="900101-1234568")
    session = walk(flow.session_start(), Step.IDENTIFY)
    with pytest.raises(Refused, match="계좌"):
        flow.user_identify(session=session, user_id="noaccount", rrn="900101-1234568")
    session.refresh_from_db()
    assert session.status == Step.STOPPED and session.customer == nobody
    assert ticked("step_install", nobody)  # that one they did
    assert not ticked("step_prerequisites", nobody)


def test_a_class_personas_certificate_and_its_renewal_window_tick_no_issuance(trainer, issuing_ca):
    """The certificate a persona holds from the start, and the trainer moving it into
    its renewal window (a re-signed one replaces it), are not the learner's 발급 nor
    재발급."""
    held = classroom.classroom_create(
        trainer=trainer, name="수요반", situations=["has-certificate"]
    )
    _browser, seat = join(held)
    customer = seat.personas.get().customer
    assert customer.certificates.count() == 1  # given at the seat
    assert classroom.seat_into_renewal_window(seat=seat) == 1  # the trainer's button
    assert customer.certificates.count() == 2
    assert ticks(customer) == set()


def test_a_second_issuance_replaces_the_first_one_a_reissue(ready, issuing_ca):
    issue()
    assert ticked("joint_issued", ready) and not ticked("reissued", ready)
    issue()  # 암호를 잊었을 때: the flow again; the new one replaces the old
    assert ticked("reissued", ready)


# --- 인증서 로그인 ----------------------------------------------------------------------------


def test_a_certificate_login_ticks_joint_login(ready, copy):
    assert not ticked("joint_login", ready)
    certificate_login(copy=copy, password=CERT_PASSWORD, challenge=new_challenge())
    assert ticked("joint_login", ready)
    assert not ticked("finance_login", ready) and not ticked("managed", ready)


def test_a_wrong_password_or_the_login_page_alone_does_not(client, ready, copy):
    client.force_login(ready)
    assert 'name="password"' in client.get(reverse("center:login")).content.decode()
    with pytest.raises(Refused, match=r"\(1/5회\)"):
        certificate_login(copy=copy, password=WRONG_PASSWORD, challenge=new_challenge())
    assert not ticked("joint_login", ready)


# --- 10,000원 전자서명 이체 ----------------------------------------------------------------------


@pytest.fixture
def receiver(db):
    return BankAccountFactory(customer=CustomerFactory(name="윤일곱"), number="110201-01-700007")


def signed_transfer(customer, copy, amount: int, *, sign: bool = True):
    """이체 정보 → 보안카드 → 전자서명, from 김하나's account (10,000원 in it)."""
    entered = transfer.transfer_enter(
        customer=customer,
        source=customer.accounts.get(),
        bank_code=settings.BANK_CODE,
        number="110201-01-700007",
        amount=amount,
        pin="1357",
    )
    a, b = entered.card_slot_a, entered.card_slot_b
    transfer.transfer_card_check(
        transfer=entered, first_two=CARD_CODES[a - 1][:2], last_two=CARD_CODES[b - 1][2:]
    )
    if sign:
        transfer.transfer_sign(transfer=entered, copy=copy, password=CERT_PASSWORD)
    entered.refresh_from_db()
    return entered


def test_a_signed_transfer_of_10000_won_ticks(ready, copy, receiver):
    assert not ticked("transfer_signed", ready)
    done = signed_transfer(ready, copy, 10_000)
    assert done.state == "done" and ticked("transfer_signed", ready)
    assert not ticked("joint_login", ready)  # signed with it, but not a login


def test_a_transfer_of_5000_won_or_one_never_signed_does_not(client, ready, copy, receiver):
    assert signed_transfer(ready, copy, 5_000).state == "done"
    assert not ticked("transfer_signed", ready)
    waiting = signed_transfer(ready, copy, 5_000, sign=False)  # 5,000 left: another 5,000
    client.force_login(ready)
    sign_page = client.get(reverse("transfer:sign", args=[waiting.pk]))
    assert "전자서명 원문" in sign_page.content.decode()  # seen, never signed
    transfer.transfer_cancel(waiting)
    assert not ticked("transfer_signed", ready)


# --- 인증서 관리: 암호 변경, 갱신, 복사 ----------------------------------------------------------


def test_a_password_change_ticks_password_changed_and_managed(ready, copy):
    assert not ticked("password_changed", ready) and not ticked("managed", ready)
    center.copy_password_change(
        copy=copy, current=CERT_PASSWORD, new=NEW_PASSWORD, confirm=NEW_PASSWORD
    )
    assert ticked("password_changed", ready) and ticked("managed", ready)


def test_the_password_page_or_a_wrong_current_password_does_not(client, ready, copy):
    client.force_login(ready)
    page = client.get(reverse("center:password", args=[copy.pk]))
    assert page.status_code == 200 and 'name="new_password"' in page.content.decode()
    with pytest.raises(Refused):
        center.copy_password_change(
            copy=copy, current=WRONG_PASSWORD, new=NEW_PASSWORD, confirm=NEW_PASSWORD
        )
    assert ticks(ready).isdisjoint({"password_changed", "managed"})


def test_a_renewal_ticks_renewed_and_managed_never_reissued(ready, copy):
    certificate_into_renewal_window(certificate=copy.certificate)  # the trainer's 갱신 기간
    copy.refresh_from_db()
    assert ticks(ready).isdisjoint({"renewed", "managed", "reissued"})
    with pytest.raises(Refused):
        center.certificate_renew(copy=copy, password=WRONG_PASSWORD)
    assert not ticked("renewed", ready)
    center.certificate_renew(copy=copy, password=CERT_PASSWORD)
    assert ticked("renewed", ready) and ticked("managed", ready)
    assert not ticked("reissued", ready) and not ticked("password_changed", ready)


CODE = re.compile(r"data-copy-code[^>]*>([0-9-]{14})<")


def test_a_copy_to_the_phone_ticks_phone_copy(client, ready, copy):
    client.force_login(ready)
    assert client.get(reverse("center:copy_to_phone")).status_code == 200
    screen = client.post(reverse("phone:copy_receive")).content.decode()
    code = CODE.search(screen).group(1)  # the phone's 인증번호
    assert not ticked("phone_copy", ready)  # asked for, nothing sent yet
    data = {"copy": copy.pk, "code": code, "password": WRONG_PASSWORD}
    client.post(reverse("center:copy_to_phone"), data)
    assert not ticked("phone_copy", ready)
    response = client.post(reverse("center:copy_to_phone"), {**data, "password": CERT_PASSWORD})
    assert response.status_code == 302
    assert ticked("phone_copy", ready) and ticked("managed", ready)
    assert not ticked("password_changed", ready) and not ticked("renewed", ready)


def test_a_copy_to_the_usb_disk_is_managing_not_a_phone_copy(ready, copy):
    center.copy_to_medium(copy=copy, medium="usb", password=CERT_PASSWORD)
    assert ticked("managed", ready) and not ticked("phone_copy", ready)


# --- 금융사기 연습 ------------------------------------------------------------------------------


@pytest.fixture
def drill(db):
    seed.load(Drill)
    return Drill.objects.get(key="prosecutor-reissue")


def answer(run, outcome: str):
    index = next(i for i, c in enumerate(run.drill.choices) if c["outcome"] == outcome)
    return drills.drill_answer(run=run, index=index)


@pytest.mark.parametrize("outcome", ["refused", "reported"])
def test_refusing_or_reporting_a_scam_ticks_drill_refused(ready, drill, outcome):
    run = drills.drill_start(drill=drill, customer=ready)
    assert not ticked("drill_refused", ready)  # the call rings, unanswered
    answer(run, outcome)
    assert ticked("drill_refused", ready)


def test_falling_for_it_does_not_even_reported_afterwards(client, ready, drill):
    client.force_login(ready)
    assert client.get(reverse("drills:home")).status_code == 200
    run = answer(drills.drill_start(drill=drill, customer=ready), "fell")
    drills.drill_report(run=run, to="112")
    assert not ticked("drill_refused", ready)
