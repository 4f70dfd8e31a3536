"""Every transition and failure branch of the flow (PRODUCT.md steps 1-9), as services."""

from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from django.utils import timezone

from accounts.models import AccountTransaction
from issuance import pki
from issuance.ca.services import certificate_issue
from issuance.flow import machine, messages, selectors
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Certificate, IssuanceEvent, IssuanceSession, Scenario
from issuance.pki_messages import password_rule_messages
from issuance.transitions import WrongState
from portal.refusals import Refused
from tests.factories import BankAccountFactory, CustomerFactory, MobileAuthenticatorFactory
from tests.fixtures.flow import CERT_PASSWORD, RRN, later, messages_of, walk

pytestmark = pytest.mark.django_db


# --- 1. 발급 전 확인 -------------------------------------------------------------------------


class TestPrerequisites:
    def test_each_missing_prerequisite_has_its_own_message(self, db):
        no_account = CustomerFactory()
        not_member = CustomerFactory(internet_banking_joined_on=None)
        BankAccountFactory(customer=not_member)
        no_medium = CustomerFactory()
        BankAccountFactory(customer=no_medium)
        problems = {selectors.prerequisite_problem(c) for c in (no_account, not_member, no_medium)}
        assert len(problems) == 3
        assert "계좌가 없으면 발급할 수 없습니다" in selectors.prerequisite_problem(no_account)
        assert "인터넷뱅킹" in selectors.prerequisite_problem(not_member)
        assert "보안매체" in selectors.prerequisite_problem(no_medium)

    def test_logged_in_customer_is_checked_at_the_start(self, db):
        with pytest.raises(Refused, match="계좌가 없으면"):
            flow.session_start(customer=CustomerFactory())

    def test_ready_customer_starts_at_install(self, ready):
        session = flow.session_start(customer=ready)
        assert session.status == Step.INSTALL
        assert session.expires_at > timezone.now() + timedelta(minutes=19)


# --- 2. 보안프로그램 설치 ---------------------------------------------------------------------


class TestInstall:
    def test_progress_then_next_step(self, new_session):
        flow.install_start(session=new_session, full=True)
        assert selectors.install_progress(new_session).running
        with pytest.raises(WrongState):
            flow.install_finish(session=new_session)  # the bar is not full yet
        with later(5):
            assert selectors.install_progress(new_session).percent == 100
            assert flow.install_finish(session=new_session) is True
        assert new_session.status == Step.IDENTIFY

    def test_scenario_fails_once_then_reinstall_succeeds(self, db):
        Scenario.objects.create(name="설치 오류", is_default=True, install_fails_once=True)
        session = flow.session_start()
        flow.install_start(session=session, full=False)
        with later(5):
            assert flow.install_finish(session=session) is False
        assert session.status == Step.INSTALL and session.install_started_at is None
        assert messages.INSTALL_FAILED in messages_of(session)
        assert "저장" in messages.INSTALL_FAILED and "실행" in messages.INSTALL_FAILED
        flow.install_start(session=session, full=False)
        with later(10):
            assert flow.install_finish(session=session) is True

    def test_double_click_does_not_restart(self, new_session):
        flow.install_start(session=new_session, full=True)
        stale = type(new_session).objects.get(pk=new_session.pk)
        stale.install_started_at = None  # a second tab that read the row earlier
        with pytest.raises(WrongState):
            flow.install_start(session=stale, full=True)


# --- 3. 사용자 확인 ---------------------------------------------------------------------------


class TestIdentify:
    @pytest.fixture
    def at_identify(self, new_session):
        return walk(new_session, Step.IDENTIFY)

    def test_mismatch_counts_n_of_5(self, ready, at_identify):
        with pytest.raises(Refused, match=r"입력하신 정보가 일치하지 않습니다 \(1/5회\)"):
            flow.user_identify(session=at_identify, user_id="hana", rrn="8503151234568")
        with pytest.raises(Refused, match=r"\(2/5회\)"):
            flow.user_identify(session=at_identify, user_id="nobody", rrn=RRN)

    def test_five_failures_lock_the_step(self, ready, at_identify):
        for _ in range(4):
            with pytest.raises(Refused):
                flow.user_identify(session=at_identify, user_id="hana", rrn="8503151234568")
        with pytest.raises(Refused, match="잠겼습니다"):
            flow.user_identify(session=at_identify, user_id="hana", rrn="8503151234568")
        assert at_identify.status == Step.STOPPED
        with pytest.raises(WrongState):  # even the right answer is refused now
            flow.user_identify(session=at_identify, user_id="hana", rrn=RRN)

    def test_match_moves_on_with_the_customer(self, ready, at_identify):
        flow.user_identify(session=at_identify, user_id="hana", rrn="850315-1234567")
        assert at_identify.status == Step.TERMS and at_identify.customer == ready

    @pytest.mark.parametrize(
        ("setup", "message"),
        [
            ("no_account", "계좌가 없으면 발급할 수 없습니다"),
            ("not_member", "인터넷뱅킹 가입 고객만"),
            ("no_medium", "보안매체(보안카드 또는 모바일 인증 앱)가 없어 발급할 수 없습니다"),
        ],
    )
    def test_prerequisites_checked_once_known(self, at_identify, setup, message):
        customer = CustomerFactory(
            user_id="someone", rrn="900101-1000001",
            internet_banking_joined_on=None if setup == "not_member" else "2020-01-01",
        )  # fmt: skip
        if setup != "no_account":
            BankAccountFactory(customer=customer)
        if setup == "not_member":
            MobileAuthenticatorFactory(customer=customer)
        with pytest.raises(Refused, match=message.replace("(", r"\(").replace(")", r"\)")):
            flow.user_identify(session=at_identify, user_id="someone", rrn="900101-1000001")
        assert at_identify.status == Step.STOPPED and message in at_identify.stop_reason

    def test_find_user_id(self, ready):
        assert (
            selectors.user_id_find(name="김하나", rrn=RRN, account_number="110201-01-100001")
            == "ha**"
        )
        assert (
            selectors.user_id_find(name="김두나", rrn=RRN, account_number="110201-01-100001")
            is None
        )
        assert (
            selectors.user_id_find(name="김하나", rrn=RRN, account_number="110201-01-999999")
            is None
        )
        assert (
            selectors.user_id_find(name="김하나", rrn="garbage", account_number="110201-01-100001")
            is None
        )


# --- 8-9. 저장 위치, 인증서 암호, 발급 -------------------------------------------------


class TestStorageAndIssue:
    @pytest.fixture
    def at_storage(self, ready, new_session, issuing_ca):
        return walk(new_session, Step.STORAGE)

    def submit(self, session, medium="hdd", password=CERT_PASSWORD, confirm=None):
        return flow.storage_submit(
            session=session, medium=medium, password=password, password_confirm=confirm or password
        )

    def test_issues_a_certificate_whose_key_opens_with_the_password(self, at_storage):
        certificate = self.submit(at_storage)
        assert at_storage.status == Step.COMPLETED and at_storage.certificate == certificate
        copy = certificate.copies.get()
        assert (copy.device, copy.medium) == ("pc", "hdd")
        contents = pki.read_key_file(bytes(copy.key_file), CERT_PASSWORD)
        cert = x509.load_der_x509_certificate(bytes(certificate.der))
        assert pki.key_matches_certificate(contents.private_key, cert)
        assert pki.vid_matches(cert, RRN.replace("-", ""), contents.random_num)
        with pytest.raises(pki.WrongPasswordError):
            pki.read_key_file(bytes(copy.key_file), "Wrong#Pass2026")

    def test_phone_medium_keeps_the_copy_on_the_phone(self, at_storage):
        copy = self.submit(at_storage, medium="phone").copies.get()
        assert copy.device == "phone"

    def test_medium_not_present(self, at_storage):
        at_storage.scenario = Scenario.objects.create(name="USB 없음", removable_disk_absent=True)
        at_storage.save()
        with pytest.raises(Refused, match="선택한 저장매체가 없습니다") as excinfo:
            self.submit(at_storage, medium="usb")
        assert excinfo.value.field == "medium"
        assert at_storage.status == Step.STORAGE

    def test_weak_password_lists_every_broken_rule(self, at_storage):
        with pytest.raises(Refused) as excinfo:
            self.submit(at_storage, password="abc111")
        for rule in ("too_short", "no_special", "sequential", "repeated"):
            assert password_rule_messages()[rule] in excinfo.value.message
        assert excinfo.value.field == "password"

    def test_confirmation_must_match(self, at_storage):
        with pytest.raises(Refused, match="서로 다릅니다"):
            self.submit(at_storage, confirm="Practice#2027")

    def test_double_submit_issues_once(self, at_storage):
        stale = type(at_storage).objects.get(pk=at_storage.pk)
        self.submit(at_storage)
        with pytest.raises(WrongState):
            self.submit(stale)
        assert Certificate.objects.count() == 1

    def test_universal_withdraws_the_fee_as_a_recorded_transaction(
        self, ready, issuing_ca, new_session
    ):
        session = walk(new_session, Step.STORAGE, cert_type="universal")
        self.submit(session)
        account = session.account
        account.refresh_from_db()
        assert account.balance == 10_000 - 4_400
        record = AccountTransaction.objects.get(account=account)
        assert (record.amount, record.balance_after) == (-4_400, 5_600)
        assert "수수료" in record.description

    def test_reissue_revokes_the_current_one_and_keeps_its_expiry(
        self, ready, issuing_ca, new_session
    ):
        with time_machine.travel("2026-03-01 10:00+09:00", tick=False):
            old = certificate_issue(
                customer=ready, cert_type="bank", password=CERT_PASSWORD
            ).certificate
        session = walk(new_session, Step.STORAGE)
        new = self.submit(session)
        old.refresh_from_db()
        assert old.revoked_at is not None and old.revocation_reason == "superseded"
        assert new.replaces == old and new.not_after == old.not_after


class TestExpiry:
    def test_an_expired_session_refuses_every_transition(self, ready, new_session):
        session = walk(new_session, Step.TERMS)
        with later(21 * 60):
            assert machine.is_expired(session)
            with pytest.raises(WrongState):
                flow.terms_accept(session=session, cert_type="bank")

    def test_each_step_extends_the_deadline(self, ready, new_session):
        session = walk(new_session, Step.IDENTIFY)
        with later(15 * 60):
            flow.user_identify(session=session, user_id="hana", rrn=RRN)
        with later(30 * 60):
            assert not machine.is_expired(session)
            flow.terms_accept(session=session, cert_type="bank")

    def test_completed_never_expires(self, ready, issuing_ca, new_session):
        session = walk(new_session, Step.COMPLETED)
        with later(3600):
            assert not machine.is_expired(session)


def test_every_outcome_leaves_an_event(ready, issuing_ca, new_session):
    session = walk(new_session, Step.COMPLETED)
    steps = set(IssuanceEvent.objects.filter(session=session).values_list("step", flat=True))
    assert {
        "prerequisites",
        "install",
        "identify",
        "terms",
        "ars",
        "medium",
        "push",
        "completed",
    } <= steps


def test_a_session_left_at_issuing_goes_back_to_storage(ready, issuing_ca, new_session, client):
    """Rows the earlier two-transaction issuance may have left at ``issuing`` recover at
    once: the storage page puts them back, and the learner issues."""
    session = walk(new_session, Step.STORAGE)
    IssuanceSession.objects.filter(pk=session.pk).update(status=Step.ISSUING)
    session.refresh_from_db()
    flow.storage_recover(session=session)
    assert session.status == Step.STORAGE
    flow.storage_submit(
        session=session, medium="hdd", password=CERT_PASSWORD, password_confirm=CERT_PASSWORD
    )
    assert session.status == Step.COMPLETED


def test_a_refused_fee_leaves_nothing_behind(ready, issuing_ca, new_session):
    session = walk(new_session, Step.STORAGE, cert_type="universal")
    BankAccount = session.account.__class__
    BankAccount.objects.filter(pk=session.account_id).update(balance=100)
    with pytest.raises(Refused, match="잔액이 부족하여"):
        flow.storage_submit(
            session=session, medium="hdd", password=CERT_PASSWORD, password_confirm=CERT_PASSWORD
        )
    session.refresh_from_db()
    assert session.status == Step.STORAGE
    assert not Certificate.objects.filter(customer=ready).exists()
    assert not AccountTransaction.objects.exists()


def test_the_terms_take_the_joint_certificates_types_only(ready, new_session):
    """The 금융인증서 is a type of certificate, but not one this flow issues."""
    session = walk(new_session, Step.TERMS)
    with pytest.raises(Refused) as refused:
        flow.terms_accept(session=session, cert_type="finance")
    assert refused.value.field == "cert_type"
    session.refresh_from_db()
    assert session.status == Step.TERMS and session.cert_type == ""
