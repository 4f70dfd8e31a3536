"""The issuance flow's transitions: one service per step outcome.

Each transition is a compare-and-swap on the session row
(``filter(pk=…, status=EXPECTED, expires_at__gt=now).update(status=NEXT, …)``):
0 rows updated means another request (a double click, a second tab, the phone)
got there first, or the session expired, and the transition is refused. So no
step can be skipped or repeated and a certificate is issued at most once, on
SQLite and PostgreSQL alike.

Refusals a learner must read raise ``StepRefused`` with the Korean message
(and the form field it belongs to). Every outcome leaves an ``IssuanceEvent``.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import BankAccount, Customer, MobileAuthenticator, RegisteredPhone
from accounts.services import (
    InsufficientBalance,
    account_pin_verify,
    account_refund,
    account_withdraw,
    mobile_pin_verify,
    security_card_verify,
)
from issuance.models import (
    DEVICE_OF_MEDIUM,
    Certificate,
    CertificateCopy,
    CertificateType,
    IssuanceEvent,
    IssuanceSession,
    IssuanceStep,
    Scenario,
    StorageMedium,
)
from issuance.pki import password_problems
from issuance.services import certificate_issue

Step = IssuanceStep
CallState = IssuanceSession.CallState
PushState = IssuanceSession.PushState
OUTDATED_APP_VERSION = "4.9.0"


class StepRefused(Exception):
    """A refusal the learner reads beside ``field`` (or above the form)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class WrongStep(Exception):
    """The session is not (or no longer) at the step this request expected."""


# --- Clocks and scenario values ----------------------------------------------------------


def lock_threshold(session: IssuanceSession, kind: str) -> int:
    scenario = session.scenario
    if scenario and scenario.lock_threshold:
        return scenario.lock_threshold
    return settings.LOCK_THRESHOLDS[kind]


def _session_minutes(scenario: Scenario | None) -> int:
    return (scenario and scenario.session_minutes) or settings.ISSUANCE_SESSION_MINUTES


def ars_timeout(session: IssuanceSession) -> timedelta:
    scenario = session.scenario
    return timedelta(
        seconds=(scenario and scenario.ars_timeout_seconds) or settings.ARS_TIMEOUT_SECONDS
    )


def push_timeout(session: IssuanceSession) -> timedelta:
    scenario = session.scenario
    return timedelta(
        seconds=(scenario and scenario.push_timeout_seconds) or settings.PUSH_TIMEOUT_SECONDS
    )


def _expiry(session: IssuanceSession, now=None):
    return (now or timezone.now()) + timedelta(minutes=_session_minutes(session.scenario))


# --- The compare-and-swap and the audit trail -----------------------------------------


def _swap(session: IssuanceSession, expected: str, **changes) -> None:
    """Move ``session`` from ``expected`` to ``changes`` atomically, or raise WrongStep."""
    now = timezone.now()
    changes.setdefault("expires_at", _expiry(session, now))
    conditions = {
        key.removesuffix("__expected"): changes.pop(key)
        for key in list(changes)
        if key.endswith("__expected")
    }
    updated = IssuanceSession.objects.filter(
        pk=session.pk, status=expected, expires_at__gt=now, **conditions
    ).update(**changes)
    if not updated:
        raise WrongStep(session.pk)
    for field, value in changes.items():
        setattr(session, field, value)


def _event(session: IssuanceSession, step: str, result: str, message: str) -> None:
    IssuanceEvent.objects.create(session=session, step=step, result=result, message=message)


def _stop(session: IssuanceSession, expected: str, message: str) -> None:
    _swap(session, expected, status=Step.STOPPED, stop_reason=message)
    _event(session, expected, IssuanceEvent.Result.FAILED, message)


# --- 1. 발급 전 확인 ---------------------------------------------------------------------


def prerequisite_problem(customer: Customer) -> str | None:
    """The first missing prerequisite, in the words the bank uses, or None."""
    if not customer.accounts.exists():
        return "계좌가 없으면 발급할 수 없습니다. 영업점에서 계좌를 먼저 개설하세요."
    if not customer.is_internet_banking_member:
        return "인터넷뱅킹 가입 고객만 발급할 수 있습니다. 인터넷뱅킹에 먼저 가입하세요."
    has_card = hasattr(customer, "security_card")
    has_app = hasattr(customer, "mobile_authenticator")
    if not (has_card or has_app):
        return (
            "보안매체(보안카드 또는 모바일 인증 앱)가 없습니다. "
            "영업점에서 보안카드를 받거나 모바일 인증 앱을 등록한 뒤 다른 방법으로 진행하세요."
        )
    return None


def session_start(*, customer: Customer | None = None) -> IssuanceSession:
    """The learner confirmed the checklist: a new session at 보안프로그램 설치.

    A logged-in customer's prerequisites are checked now; everyone else's once
    step 3 has told us who they are.
    """
    if customer is not None and (problem := prerequisite_problem(customer)):
        raise StepRefused(problem)
    scenario = (customer and customer.scenarios.first()) or Scenario.objects.filter(
        is_default=True
    ).first()
    session = IssuanceSession(scenario=scenario)
    session.expires_at = _expiry(session)
    session.save()
    _event(session, Step.PREREQUISITES, IssuanceEvent.Result.OK, "발급 전 확인 완료")
    return session


# --- 2. 보안프로그램 설치 -------------------------------------------------------------------


@dataclass(frozen=True)
class InstallProgress:
    percent: int
    running: bool


def install_progress(session: IssuanceSession) -> InstallProgress:
    if session.install_started_at is None:
        return InstallProgress(0, False)
    elapsed = (timezone.now() - session.install_started_at).total_seconds()
    percent = min(100, int(100 * elapsed / max(settings.INSTALL_SECONDS, 0.001)))
    return InstallProgress(percent, percent < 100)


def install_start(*, session: IssuanceSession, full: bool) -> None:
    _swap(
        session,
        Step.INSTALL,
        install_started_at=timezone.now(),
        install_full=full,
        install_started_at__expected=session.install_started_at,
    )


def install_finish(*, session: IssuanceSession) -> bool:
    """After the progress bar: done (→ 사용자 확인), or the scenario's one failure."""
    if install_progress(session).running or session.install_started_at is None:
        raise WrongStep(session.pk)
    scenario = session.scenario
    if scenario and scenario.install_fails_once and session.install_failures == 0:
        _swap(
            session,
            Step.INSTALL,
            install_started_at=None,
            install_failures=1,
            install_failures__expected=0,
        )
        _event(session, Step.INSTALL, IssuanceEvent.Result.FAILED, INSTALL_FAILED_MESSAGE)
        return False
    _swap(session, Step.INSTALL, status=Step.IDENTIFY)
    _event(session, Step.INSTALL, IssuanceEvent.Result.OK, "보안프로그램 설치 완료")
    return True


INSTALL_FAILED_MESSAGE = (
    "보안프로그램 설치 중 오류가 발생했습니다. 설치 파일을 '저장'한 뒤 '실행'하여 다시 설치하세요."
)


# --- 3. 사용자 확인 -----------------------------------------------------------------------


def identify(*, session: IssuanceSession, user_id: str, rrn: str) -> Customer:
    """사용자 ID + 주민등록번호. Counted failures (N/5); at the limit the step locks."""
    threshold = lock_threshold(session, "identify")
    customer = Customer.objects.filter(user_id=user_id, is_active=True).first()
    if customer is None or not customer.rrn_matches(rrn):
        failures = session.identify_failures + 1
        if failures >= threshold:
            message = (
                f"입력하신 정보가 {threshold}회 일치하지 않아 사용자 확인이 잠겼습니다. "
                "처음부터 다시 시작하세요."
            )
            _swap(
                session,
                Step.IDENTIFY,
                status=Step.STOPPED,
                stop_reason=message,
                identify_failures=failures,
                identify_failures__expected=session.identify_failures,
            )
            _event(session, Step.IDENTIFY, IssuanceEvent.Result.FAILED, message)
            raise StepRefused(message)
        _swap(
            session,
            Step.IDENTIFY,
            identify_failures=failures,
            identify_failures__expected=session.identify_failures,
        )
        message = f"입력하신 정보가 일치하지 않습니다 ({failures}/{threshold}회)"
        _event(session, Step.IDENTIFY, IssuanceEvent.Result.FAILED, message)
        raise StepRefused(message)

    if problem := prerequisite_problem(customer):
        _swap(session, Step.IDENTIFY, customer=customer)
        _stop(session, Step.IDENTIFY, problem)
        raise StepRefused(problem)
    scenario = session.scenario or customer.scenarios.first()
    if scenario and scenario.app_outdated:
        MobileAuthenticator.objects.filter(customer=customer).update(
            installed_version=OUTDATED_APP_VERSION
        )
    _swap(session, Step.IDENTIFY, status=Step.TERMS, customer=customer, scenario=scenario)
    _event(session, Step.IDENTIFY, IssuanceEvent.Result.OK, f"{customer.name} 고객 확인")
    return customer


def find_user_id(*, name: str, rrn: str, account_number: str) -> str | None:
    """ID 조회: the user ID, partly masked, when name + 주민등록번호 + account agree."""
    try:
        customer = Customer.objects.get_by_rrn(rrn)
    except (Customer.DoesNotExist, ValidationError):
        return None
    if (
        customer.name != name.strip()
        or not customer.accounts.filter(number=account_number).exists()
    ):
        return None
    user_id = customer.user_id
    shown = max(2, len(user_id) // 2)
    return user_id[:shown] + "*" * (len(user_id) - shown)


# --- 4. 약관 동의 / 인증서 종류 ----------------------------------------------------------------


def current_certificate(session: IssuanceSession) -> Certificate | None:
    """The valid certificate of the chosen type this flow will replace (재발급), if any."""
    if not session.customer_id or not session.cert_type:
        return None
    return (
        Certificate.objects.valid()
        .filter(customer_id=session.customer_id, cert_type=session.cert_type)
        .order_by("-issued_at")
        .first()
    )


def current_certificates(customer: Customer) -> dict[str, Certificate | None]:
    """Per certificate type, the valid certificate a new one would replace."""
    found = dict.fromkeys(CertificateType.values)
    for certificate in Certificate.objects.valid().filter(customer=customer).order_by("issued_at"):
        found[certificate.cert_type] = certificate  # the newest wins
    return found


def terms_accept(*, session: IssuanceSession, cert_type: str) -> None:
    if cert_type not in CertificateType.values:
        raise StepRefused("인증서 종류를 선택하세요.", field="cert_type")
    _swap(session, Step.TERMS, status=Step.ARS, cert_type=cert_type)
    _event(session, Step.TERMS, IssuanceEvent.Result.OK, f"약관 동의, {cert_type} 선택")


# --- 5. ARS ------------------------------------------------------------------------------


def ars_view_state(session: IssuanceSession) -> str:
    """The call as the pages see it now: a ringing call past its time is missed."""
    if (
        session.ars_state == CallState.RINGING
        and timezone.now() - session.ars_started_at > ars_timeout(session)
    ):
        return CallState.MISSED
    return session.ars_state


def ars_call(*, session: IssuanceSession, phone: RegisteredPhone) -> None:
    """Call the chosen registered number; the bank page shows the 2-digit code."""
    if phone.customer_id != session.customer_id:
        raise StepRefused("등록된 전화번호를 선택하세요.", field="phone")
    if ars_view_state(session) == CallState.RINGING:
        raise StepRefused("이미 전화를 걸었습니다. 휴대전화에서 전화를 받으세요.")
    _swap(
        session,
        Step.ARS,
        ars_phone=phone,
        ars_code=f"{secrets.randbelow(90) + 10}",
        ars_state=CallState.RINGING,
        ars_started_at=timezone.now(),
        ars_state__expected=session.ars_state,
    )
    _event(session, Step.ARS, IssuanceEvent.Result.INFO, f"{phone.masked}로 ARS 전화 발신")


def ars_call_visible(session: IssuanceSession) -> bool:
    """Whether the phone shows the call (a scenario can make nobody answer)."""
    unanswered = session.scenario and session.scenario.ars_not_answered
    return ars_view_state(session) == CallState.RINGING and not unanswered


def ars_answer(*, session: IssuanceSession, digits: str) -> bool:
    """The learner typed the code on the phone's keypad. True when it matched."""
    if session.status != Step.ARS or not ars_call_visible(session):
        raise WrongStep(session.pk)
    if secrets.compare_digest(digits, session.ars_code):
        _swap(
            session,
            Step.ARS,
            status=Step.MEDIUM,
            ars_state=CallState.ANSWERED,
            ars_state__expected=CallState.RINGING,
            card_slot_a=None,
            card_slot_b=None,
        )
        _event(session, Step.ARS, IssuanceEvent.Result.OK, "ARS 인증 완료")
        return True
    failures = session.ars_failures + 1
    threshold = lock_threshold(session, "ars")
    _swap(
        session,
        Step.ARS,
        ars_state=CallState.WRONG,
        ars_failures=failures,
        ars_state__expected=CallState.RINGING,
    )
    message = f"입력하신 번호가 일치하지 않습니다 ({failures}/{threshold}회)"
    _event(session, Step.ARS, IssuanceEvent.Result.FAILED, message)
    if failures >= threshold:
        _stop(session, Step.ARS, f"ARS 인증을 {threshold}회 실패하여 발급이 중단되었습니다.")
    return False


def ars_missed(*, session: IssuanceSession) -> None:
    """Record a call nobody answered in time (counted like a wrong answer)."""
    if ars_view_state(session) != CallState.MISSED or session.ars_state != CallState.RINGING:
        return
    failures = session.ars_failures + 1
    try:
        _swap(
            session,
            Step.ARS,
            ars_state=CallState.MISSED,
            ars_failures=failures,
            ars_state__expected=CallState.RINGING,
        )
    except WrongStep:
        return  # another request recorded it
    threshold = lock_threshold(session, "ars")
    _event(
        session,
        Step.ARS,
        IssuanceEvent.Result.FAILED,
        f"전화를 받지 않아 시간이 초과되었습니다 ({failures}/{threshold}회)",
    )
    if failures >= threshold:
        _stop(session, Step.ARS, f"ARS 인증을 {threshold}회 실패하여 발급이 중단되었습니다.")


# --- 6. 보안매체 확인 ----------------------------------------------------------------------


def medium_challenge(session: IssuanceSession) -> tuple[int, int] | None:
    """The two 보안카드 slots asked now (drawn anew after every failure)."""
    customer = session.customer
    if customer is None or not hasattr(customer, "security_card"):
        return None
    if session.card_slot_a is None:
        slot_a, slot_b = customer.security_card.challenge()
        updated = IssuanceSession.objects.filter(
            pk=session.pk, status=Step.MEDIUM, card_slot_a__isnull=True
        ).update(card_slot_a=slot_a, card_slot_b=slot_b)
        if updated:
            session.card_slot_a, session.card_slot_b = slot_a, slot_b
        else:
            session.refresh_from_db(fields=["card_slot_a", "card_slot_b"])
    return session.card_slot_a, session.card_slot_b


def _new_challenge(session: IssuanceSession) -> None:
    IssuanceSession.objects.filter(pk=session.pk).update(card_slot_a=None, card_slot_b=None)
    session.card_slot_a = session.card_slot_b = None


def medium_verify(
    *,
    session: IssuanceSession,
    account: BankAccount,
    pin: str,
    first_two: str = "",
    last_two: str = "",
) -> None:
    """출금계좌 + 계좌비밀번호 + 보안카드. Each medium counts its own failures."""
    customer = session.customer
    if account.customer_id != customer.pk:
        raise StepRefused("본인 명의의 계좌를 선택하세요.", field="account")
    if not account.internet_banking_registered:
        raise StepRefused(
            "인터넷뱅킹 출금계좌로 등록되지 않은 계좌입니다. 출금계좌로 등록된 계좌를 선택하세요.",
            field="account",
        )
    if session.cert_type == CertificateType.UNIVERSAL and (
        account.balance < settings.UNIVERSAL_CERTIFICATE_FEE
    ):
        raise StepRefused(
            f"잔액이 부족합니다. 범용 인증서 수수료 {settings.UNIVERSAL_CERTIFICATE_FEE:,}원을 "
            "출금할 수 있는 계좌를 선택하세요.",
            field="account",
        )
    threshold = lock_threshold(session, "account_pin")
    result = account_pin_verify(account=account, pin=pin, threshold=threshold)
    if not result.ok:
        message = _secret_message("계좌비밀번호가", "계좌비밀번호를", result)
        _event(session, Step.MEDIUM, IssuanceEvent.Result.FAILED, message)
        raise StepRefused(message, field="pin")

    slots = medium_challenge(session)
    if slots is not None:
        result = security_card_verify(
            card=customer.security_card,
            slot_a=slots[0],
            first_two=first_two,
            slot_b=slots[1],
            last_two=last_two,
            threshold=threshold,
        )
        if not result.ok:
            _new_challenge(session)
            message = _secret_message("보안카드 번호가", "보안카드 번호를", result)
            _event(session, Step.MEDIUM, IssuanceEvent.Result.FAILED, message)
            raise StepRefused(message, field="card")

    if hasattr(customer, "mobile_authenticator"):
        _swap(
            session,
            Step.MEDIUM,
            status=Step.PUSH,
            account=account,
            push_state=PushState.PENDING,
            push_sent_at=timezone.now(),
        )
        _event(session, Step.PUSH, IssuanceEvent.Result.INFO, "모바일 앱으로 인증 요청 발송")
    else:
        _swap(session, Step.MEDIUM, status=Step.STORAGE, account=account)
    _event(session, Step.MEDIUM, IssuanceEvent.Result.OK, "보안매체 확인 완료")


def _secret_message(subject: str, object_: str, result) -> str:
    """ "계좌비밀번호가 올바르지 않습니다 (2/5회)", or the lock once at the limit."""
    if result.locked:
        return (
            f"{object_} {result.threshold}회 잘못 입력하여 잠겼습니다. "
            "영업점 또는 강사에게 오류 해제를 요청하세요."
        )
    return f"{subject} 올바르지 않습니다 ({result.failures}/{result.threshold}회)"


# --- 7. 모바일 인증 (push) ------------------------------------------------------------------


def push_view_state(session: IssuanceSession) -> str:
    """pending / expired / approved / denied / outdated (the app must update first)."""
    if session.push_state != PushState.PENDING:
        return session.push_state
    if timezone.now() - session.push_sent_at > push_timeout(session):
        return "expired"
    app = getattr(session.customer, "mobile_authenticator", None)
    if app is not None and app.is_outdated:
        return "outdated"
    return PushState.PENDING


def push_resend(*, session: IssuanceSession) -> None:
    """다시 요청: a new push after a time-out or an app update."""
    if push_view_state(session) == PushState.PENDING:
        return
    _swap(
        session,
        Step.PUSH,
        push_state=PushState.PENDING,
        push_sent_at=timezone.now(),
        push_sent_at__expected=session.push_sent_at,
    )
    _event(session, Step.PUSH, IssuanceEvent.Result.INFO, "모바일 앱으로 인증 요청 재발송")


def app_update(*, session: IssuanceSession) -> None:
    """The learner updated the banking app on the phone; the request waits anew."""
    MobileAuthenticator.objects.filter(customer_id=session.customer_id).update(
        installed_version=settings.MOBILE_APP_CURRENT_VERSION
    )
    _event(session, Step.PUSH, IssuanceEvent.Result.INFO, "모바일 앱을 최신 버전으로 업데이트")
    # The time spent updating does not count against the approval's time limit.
    now = timezone.now()
    renewed = IssuanceSession.objects.filter(
        pk=session.pk, status=Step.PUSH, push_state=PushState.PENDING
    ).update(push_sent_at=now)
    if renewed:
        session.push_sent_at = now


def push_approve(*, session: IssuanceSession, pin: str) -> None:
    """승인 with the app's 6-digit PIN; a request is approved at most once."""
    state = push_view_state(session)
    if session.status != Step.PUSH or state != PushState.PENDING:
        raise WrongStep(session.pk)
    app = session.customer.mobile_authenticator
    result = mobile_pin_verify(
        authenticator=app, pin=pin, threshold=lock_threshold(session, "mobile_pin")
    )
    if not result.ok:
        message = _secret_message("PIN이", "PIN을", result)
        _event(session, Step.PUSH, IssuanceEvent.Result.FAILED, message)
        raise StepRefused(message, field="pin")
    _swap(
        session,
        Step.PUSH,
        status=Step.STORAGE,
        push_state=PushState.APPROVED,
        push_state__expected=PushState.PENDING,
        push_sent_at__expected=session.push_sent_at,
    )
    _event(session, Step.PUSH, IssuanceEvent.Result.OK, "모바일 인증 승인")


DENIED_MESSAGE = "모바일 앱에서 인증을 거부하여 인증서 발급이 중단되었습니다."


def push_deny(*, session: IssuanceSession) -> None:
    if session.status != Step.PUSH or push_view_state(session) != PushState.PENDING:
        raise WrongStep(session.pk)
    _swap(
        session,
        Step.PUSH,
        status=Step.STOPPED,
        stop_reason=DENIED_MESSAGE,
        push_state=PushState.DENIED,
        push_state__expected=PushState.PENDING,
    )
    _event(session, Step.PUSH, IssuanceEvent.Result.FAILED, DENIED_MESSAGE)


# --- 8. 저장 위치 + 인증서 암호 → 9. 발급 완료 ---------------------------------------------


def storage_submit(
    *, session: IssuanceSession, medium: str, password: str, password_confirm: str
) -> Certificate:
    """Check the medium and the password, then issue exactly once."""
    if medium not in StorageMedium.values:
        raise StepRefused("저장 위치를 선택하세요.", field="medium")
    if session.scenario and medium in session.scenario.absent_media():
        message = "선택한 저장매체가 없습니다. 저장매체를 연결하거나 다른 저장 위치를 선택하세요."
        _event(session, Step.STORAGE, IssuanceEvent.Result.FAILED, message)
        raise StepRefused(message, field="medium")
    if problems := password_problems(password):
        raise StepRefused(" ".join(p.message for p in problems), field="password")
    if password != password_confirm:
        raise StepRefused("인증서 암호가 서로 다릅니다. 다시 확인하세요.", field="password_confirm")

    _swap(session, Step.STORAGE, status=Step.ISSUING, medium=medium)
    withdrawal = None
    try:
        if session.cert_type == CertificateType.UNIVERSAL:
            withdrawal = account_withdraw(
                account=session.account,
                amount=settings.UNIVERSAL_CERTIFICATE_FEE,
                description="공동인증서 발급 수수료(범용)",
            )
        issued = certificate_issue(
            customer=session.customer,
            cert_type=session.cert_type,
            password=password,
            replaces=current_certificate(session),
        )
    except Exception as exc:
        if withdrawal is not None:
            account_refund(withdrawal=withdrawal, description="공동인증서 발급 수수료 환불")
        _swap(session, Step.ISSUING, status=Step.STORAGE)
        if isinstance(exc, InsufficientBalance):
            raise StepRefused(
                "잔액이 부족하여 수수료를 출금할 수 없습니다.", field="medium"
            ) from exc
        raise
    with transaction.atomic():
        CertificateCopy.objects.create(
            certificate=issued.certificate,
            device=DEVICE_OF_MEDIUM[medium],
            medium=medium,
            key_file=issued.key_file,
        )
        _swap(session, Step.ISSUING, status=Step.COMPLETED, certificate=issued.certificate)
        verb = "재발급" if issued.certificate.replaces_id else "발급"
        _event(
            session,
            Step.COMPLETED,
            IssuanceEvent.Result.OK,
            f"인증서 {verb} 완료 (일련번호 {issued.certificate.serial})",
        )
    return issued.certificate


def session_steps_before(step: str) -> list[str]:
    """The flow's steps up to ``step``, for the progress indicator."""
    order = [s.value for s in FLOW_ORDER]
    return order[: order.index(step)] if step in order else []


FLOW_ORDER = (
    Step.PREREQUISITES,
    Step.INSTALL,
    Step.IDENTIFY,
    Step.TERMS,
    Step.ARS,
    Step.MEDIUM,
    Step.PUSH,
    Step.STORAGE,
    Step.COMPLETED,
)
