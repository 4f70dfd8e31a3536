"""The issuance flow's writes: one service per step outcome.

Each goes through ``machine.swap`` (the compare-and-swap that allows only the
edges ``machine.FLOW`` declares). Refusals a learner must read raise
``StepRefused`` with the message (and the form field it belongs to); a request
that lost a race or came too late raises ``WrongStep``. Every outcome leaves an
``IssuanceEvent``. Scenario facts (an outdated app, an absent medium) are state
of the session: nothing here writes the persona's own rows except through the
services of ``accounts`` that a real bank would run (a PIN check, the fee).
"""

import secrets
from typing import NoReturn

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import BankAccount, Customer, RegisteredPhone
from accounts.services import (
    InsufficientBalance,
    account_pin_verify,
    account_refund,
    account_withdraw,
    mobile_pin_verify,
    security_card_verify,
)
from issuance.ca.selectors import replaceable_certificate
from issuance.ca.services import certificate_copy_save, certificate_issue
from issuance.flow import limits, messages
from issuance.flow.machine import Step, StepRefused, WrongStep, record, stop, swap
from issuance.flow.selectors import (
    ars_call_visible,
    ars_view_state,
    install_progress,
    prerequisite_problem,
    push_view_state,
)
from issuance.models import (
    Certificate,
    CertificateType,
    IssuanceEvent,
    IssuanceSession,
    Scenario,
    StorageMedium,
)
from issuance.pki import password_problems

CallState = IssuanceSession.CallState
PushState = IssuanceSession.PushState
Result = IssuanceEvent.Result

# The version the "app outdated" scenario puts on the flow's virtual phone.
OUTDATED_APP_VERSION = "4.9.0"


# --- 1. 발급 전 확인 ---------------------------------------------------------------------


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
    session = IssuanceSession(scenario=scenario, status=Step.INSTALL)
    session.expires_at = limits.session_expiry(session, timezone.now())
    session.save()
    record(session, Step.PREREQUISITES, Result.OK, messages.PREREQUISITES_OK)
    return session


# --- 2. 보안프로그램 설치 -------------------------------------------------------------------


def install_start(*, session: IssuanceSession, full: bool) -> None:
    swap(
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
        swap(
            session,
            Step.INSTALL,
            install_started_at=None,
            install_failures=1,
            install_failures__expected=0,
        )
        record(session, Step.INSTALL, Result.FAILED, messages.INSTALL_FAILED)
        return False
    swap(session, Step.INSTALL, status=Step.IDENTIFY)
    record(session, Step.INSTALL, Result.OK, messages.INSTALL_OK)
    return True


# --- 3. 사용자 확인 -----------------------------------------------------------------------


def user_identify(*, session: IssuanceSession, user_id: str, rrn: str) -> Customer:
    """사용자 ID + 주민등록번호. Counted failures (N/5); at the limit the step locks."""
    customer = Customer.objects.filter(user_id=user_id, is_active=True).first()
    if customer is None or not customer.rrn_matches(rrn):
        _identify_failed(session)
    if problem := prerequisite_problem(customer):
        swap(session, Step.IDENTIFY, customer=customer)
        stop(session, Step.IDENTIFY, problem)
        raise StepRefused(problem)
    scenario = session.scenario or customer.scenarios.first()
    app = getattr(customer, "mobile_authenticator", None)
    app_version = ""
    if app is not None:
        outdated = scenario and scenario.app_outdated
        app_version = OUTDATED_APP_VERSION if outdated else app.installed_version
    swap(
        session,
        Step.IDENTIFY,
        status=Step.TERMS,
        customer=customer,
        scenario=scenario,
        app_version=app_version,
    )
    record(session, Step.IDENTIFY, Result.OK, messages.identified(customer.name))
    return customer


def _identify_failed(session: IssuanceSession) -> NoReturn:
    threshold = limits.lock_threshold(session, "identify")
    failures = session.identify_failures + 1
    counted = {
        "identify_failures": failures,
        "identify_failures__expected": session.identify_failures,
    }
    if failures >= threshold:
        message = messages.identify_locked(threshold)
        swap(session, Step.IDENTIFY, status=Step.STOPPED, stop_reason=message, **counted)
    else:
        message = messages.identify_mismatch(failures, threshold)
        swap(session, Step.IDENTIFY, **counted)
    record(session, Step.IDENTIFY, Result.FAILED, message)
    raise StepRefused(message)


# --- 4. 약관 동의 / 인증서 종류 ----------------------------------------------------------------


def terms_accept(*, session: IssuanceSession, cert_type: str) -> None:
    if cert_type not in CertificateType.values:
        raise StepRefused(messages.CHOOSE_CERT_TYPE, field="cert_type")
    swap(session, Step.TERMS, status=Step.ARS, cert_type=cert_type)
    record(session, Step.TERMS, Result.OK, messages.terms_accepted(cert_type))


# --- 5. ARS ------------------------------------------------------------------------------


def ars_call(*, session: IssuanceSession, phone: RegisteredPhone) -> None:
    """Call the chosen registered number; the bank page shows the 2-digit code."""
    if phone.customer_id != session.customer_id:
        raise StepRefused(messages.CHOOSE_REGISTERED_PHONE, field="phone")
    if ars_view_state(session) == CallState.RINGING:
        raise StepRefused(messages.ALREADY_CALLING)
    swap(
        session,
        Step.ARS,
        ars_phone=phone,
        ars_code=f"{secrets.randbelow(90) + 10}",
        ars_state=CallState.RINGING,
        ars_started_at=timezone.now(),
        ars_state__expected=session.ars_state,
    )
    record(session, Step.ARS, Result.INFO, messages.ars_called(phone.masked))


def ars_answer(*, session: IssuanceSession, digits: str) -> bool:
    """The learner typed the code on the phone's keypad. True when it matched."""
    if session.status != Step.ARS or not ars_call_visible(session):
        raise WrongStep(session.pk)
    if secrets.compare_digest(digits, session.ars_code):
        swap(
            session,
            Step.ARS,
            status=Step.MEDIUM,
            ars_state=CallState.ANSWERED,
            ars_state__expected=CallState.RINGING,
            card_slot_a=None,
            card_slot_b=None,
        )
        record(session, Step.ARS, Result.OK, messages.ARS_OK)
        return True
    failures = session.ars_failures + 1
    threshold = limits.lock_threshold(session, "ars")
    swap(
        session,
        Step.ARS,
        ars_state=CallState.WRONG,
        ars_failures=failures,
        ars_state__expected=CallState.RINGING,
    )
    record(session, Step.ARS, Result.FAILED, messages.ars_wrong_digits(failures, threshold))
    if failures >= threshold:
        stop(session, Step.ARS, messages.ars_stopped(threshold))
    return False


def ars_missed(*, session: IssuanceSession) -> None:
    """Record a call nobody answered in time (counted like a wrong answer)."""
    if ars_view_state(session) != CallState.MISSED or session.ars_state != CallState.RINGING:
        return
    failures = session.ars_failures + 1
    try:
        swap(
            session,
            Step.ARS,
            ars_state=CallState.MISSED,
            ars_failures=failures,
            ars_state__expected=CallState.RINGING,
        )
    except WrongStep:
        return  # another request recorded it
    threshold = limits.lock_threshold(session, "ars")
    record(session, Step.ARS, Result.FAILED, messages.ars_missed(failures, threshold))
    if failures >= threshold:
        stop(session, Step.ARS, messages.ars_stopped(threshold))


# --- 6. 보안매체 확인 ----------------------------------------------------------------------


def medium_challenge(session: IssuanceSession) -> tuple[int, int] | None:
    """The two 보안카드 slots asked now: drawn on first sight, anew after every failure."""
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
        raise StepRefused(messages.NOT_YOUR_ACCOUNT, field="account")
    if not account.internet_banking_registered:
        raise StepRefused(messages.NOT_A_WITHDRAWAL_ACCOUNT, field="account")
    fee = settings.UNIVERSAL_CERTIFICATE_FEE
    if session.cert_type == CertificateType.UNIVERSAL and account.balance < fee:
        raise StepRefused(messages.balance_too_low_for_fee(fee), field="account")
    threshold = limits.lock_threshold(session, "account_pin")
    result = account_pin_verify(account=account, pin=pin, threshold=threshold)
    if not result.ok:
        message = messages.account_pin_refused(result)
        record(session, Step.MEDIUM, Result.FAILED, message)
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
            message = messages.security_card_refused(result)
            record(session, Step.MEDIUM, Result.FAILED, message)
            raise StepRefused(message, field="card")

    if hasattr(customer, "mobile_authenticator"):
        swap(
            session,
            Step.MEDIUM,
            status=Step.PUSH,
            account=account,
            push_state=PushState.PENDING,
            push_sent_at=timezone.now(),
        )
        record(session, Step.PUSH, Result.INFO, messages.PUSH_SENT)
    else:
        swap(session, Step.MEDIUM, status=Step.STORAGE, account=account)
    record(session, Step.MEDIUM, Result.OK, messages.MEDIUM_OK)


# --- 7. 모바일 인증 (push) ------------------------------------------------------------------


def push_resend(*, session: IssuanceSession) -> None:
    """다시 요청: a new push after a time-out or an app update."""
    if push_view_state(session) == PushState.PENDING:
        return
    swap(
        session,
        Step.PUSH,
        push_state=PushState.PENDING,
        push_sent_at=timezone.now(),
        push_sent_at__expected=session.push_sent_at,
    )
    record(session, Step.PUSH, Result.INFO, messages.PUSH_RESENT)


def app_update(*, session: IssuanceSession) -> None:
    """The learner updated the banking app on this flow's phone; the request waits anew.

    The update belongs to the session (the persona's handout stays true), and
    the time spent updating does not count against the approval's time limit.
    """
    changes = {"app_version": settings.MOBILE_APP_CURRENT_VERSION}
    if session.push_state == PushState.PENDING:
        changes["push_sent_at"] = timezone.now()
    swap(session, Step.PUSH, **changes, push_state__expected=session.push_state)
    record(session, Step.PUSH, Result.INFO, messages.APP_UPDATED)


def push_approve(*, session: IssuanceSession, pin: str) -> None:
    """승인 with the app's 6-digit PIN; a request is approved at most once."""
    if session.status != Step.PUSH or push_view_state(session) != PushState.PENDING:
        raise WrongStep(session.pk)
    result = mobile_pin_verify(
        authenticator=session.customer.mobile_authenticator,
        pin=pin,
        threshold=limits.lock_threshold(session, "mobile_pin"),
    )
    if not result.ok:
        message = messages.app_pin_refused(result)
        record(session, Step.PUSH, Result.FAILED, message)
        raise StepRefused(message, field="pin")
    swap(
        session,
        Step.PUSH,
        status=Step.STORAGE,
        push_state=PushState.APPROVED,
        push_state__expected=PushState.PENDING,
        push_sent_at__expected=session.push_sent_at,
    )
    record(session, Step.PUSH, Result.OK, messages.PUSH_APPROVED)


def push_deny(*, session: IssuanceSession) -> None:
    if session.status != Step.PUSH or push_view_state(session) != PushState.PENDING:
        raise WrongStep(session.pk)
    swap(
        session,
        Step.PUSH,
        status=Step.STOPPED,
        stop_reason=str(messages.PUSH_DENIED),
        push_state=PushState.DENIED,
        push_state__expected=PushState.PENDING,
    )
    record(session, Step.PUSH, Result.FAILED, messages.PUSH_DENIED)


# --- 8. 저장 위치 + 인증서 암호 → 9. 발급 완료 ---------------------------------------------


def storage_submit(
    *, session: IssuanceSession, medium: str, password: str, password_confirm: str
) -> Certificate:
    """Check the medium and the password, then issue exactly once."""
    if medium not in StorageMedium.values:
        raise StepRefused(messages.CHOOSE_MEDIUM, field="medium")
    if session.scenario and medium in session.scenario.absent_media():
        record(session, Step.STORAGE, Result.FAILED, messages.MEDIUM_ABSENT)
        raise StepRefused(messages.MEDIUM_ABSENT, field="medium")
    if problems := password_problems(password):
        raise StepRefused(" ".join(p.message for p in problems), field="password")
    if password != password_confirm:
        raise StepRefused(messages.PASSWORDS_DIFFER, field="password_confirm")

    swap(session, Step.STORAGE, status=Step.ISSUING, medium=medium)
    withdrawal = None
    try:
        if session.cert_type == CertificateType.UNIVERSAL:
            withdrawal = account_withdraw(
                account=session.account,
                amount=settings.UNIVERSAL_CERTIFICATE_FEE,
                description=str(messages.FEE_DESCRIPTION),
            )
        issued = certificate_issue(
            customer=session.customer,
            cert_type=session.cert_type,
            password=password,
            replaces=replaceable_certificate(
                customer_id=session.customer_id, cert_type=session.cert_type
            ),
        )
    except Exception as exc:
        if withdrawal is not None:
            account_refund(withdrawal=withdrawal, description=str(messages.FEE_REFUND_DESCRIPTION))
        swap(session, Step.ISSUING, status=Step.STORAGE)
        if isinstance(exc, InsufficientBalance):
            raise StepRefused(messages.FEE_NOT_WITHDRAWN, field="medium") from exc
        raise
    certificate = issued.certificate
    with transaction.atomic():
        certificate_copy_save(issued=issued, medium=medium)
        swap(session, Step.ISSUING, status=Step.COMPLETED, certificate=certificate)
        message = messages.issued(certificate.serial, reissued=bool(certificate.replaces_id))
        record(session, Step.COMPLETED, Result.OK, message)
    return certificate
