"""본인인증: the flow's writes for ARS (5), 보안매체 확인 (6) and 모바일 인증 (7), the
checks that prove the learner is the customer. Each medium counts its own
failures through ``accounts.services`` (N/5, then locked until 오류 해제).

Like every flow write, each goes through ``machine.swap`` and leaves an event.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import BankAccount, CheckCounter, RegisteredPhone
from accounts.services import (
    account_pin_verify,
    check_record,
    mobile_pin_verify,
    security_card_verify,
)
from issuance.flow import limits, messages
from issuance.flow.machine import Step, record, refusal, stop, swap
from issuance.flow.selectors import ars_call_visible, ars_view_state, push_view_state
from issuance.models import CertificateType, IssuanceEvent, IssuanceSession
from issuance.transitions import WrongState
from portal.refusals import Refused

CallState = IssuanceSession.CallState
PushState = IssuanceSession.PushState
Result = IssuanceEvent.Result


# --- 5. ARS ------------------------------------------------------------------------------


def ars_call(*, session: IssuanceSession, phone: RegisteredPhone) -> None:
    """Call the chosen registered number; the bank page shows the 2-digit code."""
    if phone.customer_id != session.customer_id:
        raise Refused(messages.CHOOSE_REGISTERED_PHONE, field="phone")
    if ars_view_state(session) == CallState.RINGING:
        raise Refused(messages.ALREADY_CALLING)
    counter = CheckCounter.objects.filter(customer_id=session.customer_id, kind="ars").first()
    if counter is not None and counter.is_locked:
        threshold = limits.lock_threshold(session, "ars")
        stop(session, Step.ARS, messages.ars_locked(threshold), Result.REFUSED)
        raise Refused(messages.ars_locked(threshold))
    swap(
        session,
        Step.ARS,
        event=(Step.ARS, Result.INFO, messages.ars_called(phone.masked)),
        ars_phone=phone,
        ars_code=f"{secrets.randbelow(90) + 10}",
        ars_state=CallState.RINGING,
        ars_started_at=timezone.now(),
        ars_state__expected=session.ars_state,
    )


def ars_answer(*, session: IssuanceSession, digits: str) -> bool:
    """The learner typed the code on the phone's keypad. True when it matched."""
    if session.status != Step.ARS or not ars_call_visible(session):
        raise WrongState(session.pk)
    threshold = limits.lock_threshold(session, "ars")
    if secrets.compare_digest(digits, session.ars_code):
        result = check_record(
            customer=session.customer, kind="ars", passed=True, threshold=threshold
        )
        if result.locked:
            stop(session, Step.ARS, messages.ars_locked(threshold), refusal(result))
            return False
        swap(
            session,
            Step.ARS,
            event=(Step.ARS, Result.OK, messages.ARS_OK),
            status=Step.MEDIUM,
            ars_state=CallState.ANSWERED,
            ars_state__expected=CallState.RINGING,
            card_slot_a=None,
            card_slot_b=None,
        )
        return True
    with transaction.atomic():  # a poll sees the ended call, its N/5 and its line together
        swap(session, Step.ARS, ars_state=CallState.WRONG, ars_state__expected=CallState.RINGING)
        failures = _ars_failed(session, threshold)
        record(session, Step.ARS, Result.FAILED, messages.ars_wrong_digits(failures, threshold))
        if failures >= threshold:
            stop(session, Step.ARS, messages.ars_stopped(threshold))
    return False


def _ars_failed(session: IssuanceSession, threshold: int) -> int:
    """Count a failed call on the customer (across sessions); the session shows the count."""
    result = check_record(customer=session.customer, kind="ars", passed=False, threshold=threshold)
    IssuanceSession.objects.filter(pk=session.pk).update(ars_failures=result.failures)
    session.ars_failures = result.failures
    return result.failures


def ars_missed(*, session: IssuanceSession) -> None:
    """Record a call nobody answered in time (counted like a wrong answer)."""
    if ars_view_state(session) != CallState.MISSED or session.ars_state != CallState.RINGING:
        return
    threshold = limits.lock_threshold(session, "ars")
    with transaction.atomic():  # a poll sees the missed call and its N/5 together
        try:
            swap(
                session, Step.ARS, ars_state=CallState.MISSED, ars_state__expected=CallState.RINGING
            )
        except WrongState:
            return  # another request recorded it
        failures = _ars_failed(session, threshold)
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
        raise Refused(messages.NOT_YOUR_ACCOUNT, field="account")
    if not account.internet_banking_registered:
        raise Refused(messages.NOT_A_WITHDRAWAL_ACCOUNT, field="account")
    fee = settings.UNIVERSAL_CERTIFICATE_FEE
    if session.cert_type == CertificateType.UNIVERSAL and account.balance < fee:
        raise Refused(messages.balance_too_low_for_fee(fee), field="account")
    threshold = limits.lock_threshold(session, "account_pin")
    result = account_pin_verify(account=account, pin=pin, threshold=threshold)
    if not result.ok:
        message = messages.account_pin_refused(result)
        record(session, Step.MEDIUM, refusal(result), message)
        raise Refused(message, field="pin")

    slots = medium_challenge(session)
    if slots is not None:
        result = security_card_verify(
            card=customer.security_card,
            slot_a=slots[0],
            first_two=first_two,
            slot_b=slots[1],
            last_two=last_two,
            threshold=limits.lock_threshold(session, "security_card"),
        )
        if not result.ok:
            _new_challenge(session)
            message = messages.security_card_refused(result)
            record(session, Step.MEDIUM, refusal(result), message)
            raise Refused(message, field="card")

    with transaction.atomic():  # the step, and its lines on the trail
        if session.is_finance:  # the 금융인증서: on to the cloud connection
            swap(
                session,
                Step.MEDIUM,
                event=(Step.MEDIUM, Result.OK, messages.MEDIUM_OK),
                status=Step.CLOUD,
                account=account,
            )
        elif hasattr(customer, "mobile_authenticator"):
            swap(
                session,
                Step.MEDIUM,
                event=(Step.MEDIUM, Result.OK, messages.MEDIUM_OK),
                status=Step.PUSH,
                account=account,
                push_state=PushState.PENDING,
                push_sent_at=timezone.now(),
            )
            record(session, Step.PUSH, Result.INFO, messages.PUSH_SENT)
        else:
            swap(
                session,
                Step.MEDIUM,
                event=(Step.MEDIUM, Result.OK, messages.MEDIUM_OK),
                status=Step.STORAGE,
                account=account,
            )


# --- 7. 모바일 인증 (push) ------------------------------------------------------------------


def push_resend(*, session: IssuanceSession) -> None:
    """다시 요청: a new push after a time-out or an app update."""
    if push_view_state(session) == PushState.PENDING:
        return
    swap(
        session,
        Step.PUSH,
        event=(Step.PUSH, Result.INFO, messages.PUSH_RESENT),
        push_state=PushState.PENDING,
        push_sent_at=timezone.now(),
        push_sent_at__expected=session.push_sent_at,
    )


def app_update(*, session: IssuanceSession) -> None:
    """The learner updated the banking app on this flow's phone; the request waits anew.

    The update belongs to the session (the persona's handout stays true), and
    the time spent updating does not count against the approval's time limit.
    """
    changes = {"app_version": settings.MOBILE_APP_CURRENT_VERSION}
    if session.push_state == PushState.PENDING:
        changes["push_sent_at"] = timezone.now()
    swap(
        session,
        Step.PUSH,
        event=(Step.PUSH, Result.INFO, messages.APP_UPDATED),
        **changes,
        push_state__expected=session.push_state,
    )


def push_approve(*, session: IssuanceSession, pin: str) -> None:
    """승인 with the app's 6-digit PIN; a request is approved at most once."""
    if session.status != Step.PUSH or push_view_state(session) != PushState.PENDING:
        raise WrongState(session.pk)
    result = mobile_pin_verify(
        authenticator=session.customer.mobile_authenticator,
        pin=pin,
        threshold=limits.lock_threshold(session, "mobile_pin"),
    )
    if not result.ok:
        message = messages.app_pin_refused(result)
        record(session, Step.PUSH, refusal(result), message)
        raise Refused(message, field="pin")
    swap(
        session,
        Step.PUSH,
        event=(Step.PUSH, Result.OK, messages.PUSH_APPROVED),
        status=Step.STORAGE,
        push_state=PushState.APPROVED,
        push_state__expected=PushState.PENDING,
        push_sent_at__expected=session.push_sent_at,
    )


def push_deny(*, session: IssuanceSession) -> None:
    """거부, without the PIN: the request stops the flow. One QR code pairs one phone, so
    only the learner's own phone sees it; real authenticator apps let you cancel too."""
    if session.status != Step.PUSH or push_view_state(session) != PushState.PENDING:
        raise WrongState(session.pk)
    stop(
        session,
        Step.PUSH,
        messages.PUSH_DENIED,
        push_state=PushState.DENIED,
        push_state__expected=PushState.PENDING,
    )
