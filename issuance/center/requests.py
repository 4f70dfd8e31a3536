"""What the certificate centre and the bank ask of the learner's virtual phone.

A ``PhoneRequest`` waits for the phone until it is answered or its time is up.
The phone's inbox (``issuance.phone.inbox``) shows the newest waiting one:

- ``approval``: the 추가 본인인증 of a large 이체, answered in the banking app with
  its PIN (승인 or 거부; both need the PIN, N/5 like the flow's push);
- ``copy_to_phone`` / ``copy_to_pc``: one side of 스마트폰 인증서 복사. The device
  that receives the certificate shows a 12-digit 인증번호 for three minutes; the
  other device types it (``copying``). Only an HMAC of the number is stored here;
  the showing device shows it again on every poll for its three minutes, as a bank's
  screen does, so its session keeps it, AES-GCM encrypted (``accounts.crypto``,
  bound to the request): a session row read from the database or the cache does
  not give the number.
- ``ars``: the ARS call of 타기관 인증서 등록: the PC shows 2 digits, the phone rings
  and the learner types them on its keypad (N/5 on the customer's ARS counter).
"""

import base64
import re
import secrets
from datetime import timedelta

from cryptography.exceptions import InvalidTag
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts import crypto
from accounts.models import Customer, MobileAuthenticator
from accounts.services import check_record, mobile_pin_verify
from issuance.center import messages
from issuance.models import PhoneRequest
from issuance.transitions import Machine
from portal.refusals import Refused

Kind = PhoneRequest.Kind
State = PhoneRequest.State
# A request's machine: waiting until answered (approved, denied, done), or until it
# fails (time, the limit of wrong numbers, a newer request); an approved ARS call of
# 타기관 인증서 등록 is done once the registration is.
PHONE_REQUEST = Machine(
    PhoneRequest,
    "state",
    {
        State.WAITING: (State.APPROVED, State.DENIED, State.DONE, State.FAILED),
        State.APPROVED: (State.DONE, State.FAILED),
        State.DENIED: (),
        State.DONE: (),
        State.FAILED: (),
    },
)
REQUEST_MINUTES = 3
CODE_DIGITS = 12
CODE_SESSION_KEY = "phone_request_codes"  # {request id: 인증번호 encrypted}, showing device


def code_digest(code: str) -> str:
    return salted_hmac("issuance.center.copy-code", code, algorithm="sha256").hexdigest()


def new_code(digits: int = CODE_DIGITS) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(digits))


def request_open(
    *, customer_id: int, kind: str, summary: str = "", medium: str = "", code: str = ""
) -> PhoneRequest:
    """A new waiting request; the customer's older waiting ones of the same kind end."""
    now = timezone.now()
    with transaction.atomic():
        older = PhoneRequest.objects.filter(customer_id=customer_id, kind=kind)
        PHONE_REQUEST.swap_all(older, State.WAITING, state=State.FAILED, answered_at=now)
        return PhoneRequest.objects.create(
            customer_id=customer_id,
            kind=kind,
            summary=summary,
            medium=medium,
            code_digest=code_digest(code) if code else "",
            expires_at=now + timedelta(minutes=REQUEST_MINUTES),
        )


def code_request_open(
    request, *, customer_id: int, kind: str, medium: str = "", digits: int = CODE_DIGITS
) -> PhoneRequest:
    """A request whose number this browser shows (a copy's 인증번호, an ARS call's 2 digits)."""
    code = new_code(digits)
    phone_request = request_open(customer_id=customer_id, kind=kind, medium=medium, code=code)
    sealed = crypto.encrypt(code, purpose=_code_purpose(phone_request))
    request.session[CODE_SESSION_KEY] = {
        str(phone_request.pk): base64.urlsafe_b64encode(sealed).decode("ascii")
    }
    return phone_request


def _code_purpose(phone_request: PhoneRequest) -> str:
    return f"phone_request.code:{phone_request.pk}"


def shown_code(request, phone_request: PhoneRequest) -> str:
    """The 인증번호 of ``phone_request`` as this device shows it (4-4-4), or ""."""
    sealed = (request.session.get(CODE_SESSION_KEY) or {}).get(str(phone_request.pk))
    if not isinstance(sealed, str):
        return ""
    try:
        code = crypto.decrypt(
            base64.urlsafe_b64decode(sealed), purpose=_code_purpose(phone_request)
        )
    except (ValueError, InvalidTag):  # not ours (an older session's)
        return ""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def waiting(customer_ids, *, kinds=None):
    """Waiting, unexpired requests of these customers, newest first."""
    rows = PhoneRequest.objects.waiting().filter(customer_id__in=customer_ids)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return rows.order_by("-created_at", "-id")


def owned(customer_ids, pk) -> PhoneRequest | None:
    if not re.fullmatch(r"[0-9]{1,18}", str(pk or "")):  # ASCII, and within a bigint
        return None
    return PhoneRequest.objects.filter(customer_id__in=customer_ids, pk=pk).first()


RECENT_MINUTES = 10


def recent(customer_ids) -> list[PhoneRequest]:
    """The phone's 알림: requests of the last minutes that ended (or ran out of time)."""
    if not customer_ids:
        return []
    since = timezone.now() - timedelta(minutes=RECENT_MINUTES)
    rows = PhoneRequest.objects.filter(customer_id__in=customer_ids, created_at__gte=since)
    return [
        r
        for r in rows.order_by("-created_at", "-id")[:3]
        if r.state != State.WAITING or r.is_expired
    ]


def finish(phone_request: PhoneRequest, state: str, *, from_state: str = State.WAITING) -> bool:
    """``from_state`` (WAITING: the request is answered now) → ``state``, once: False
    when it moved on already, in another tab or on the phone."""
    changes = {"state": state}
    if from_state == State.WAITING:
        changes["answered_at"] = timezone.now()
    return PHONE_REQUEST.try_swap(phone_request, from_state, **changes)


def code_check(phone_request: PhoneRequest, code: str) -> None:
    """The typed 인증번호, or ``Refused`` (wrong: N/5, then the request ends;
    too late: it ends at once)."""
    if phone_request.state != State.WAITING:
        raise Refused(messages.COPY_CODE_GONE, field="code")
    if phone_request.is_expired:
        finish(phone_request, State.FAILED)
        raise Refused(messages.copy_code_expired(REQUEST_MINUTES), field="code")
    digits = "".join(ch for ch in code if ch in "0123456789")
    if constant_time_compare(code_digest(digits), phone_request.code_digest):
        return
    threshold = settings.LOCK_THRESHOLDS["copy_code"]
    with transaction.atomic():  # the N/5 and the stop at the limit, seen together
        PhoneRequest.objects.filter(pk=phone_request.pk).update(failures=F("failures") + 1)
        phone_request.refresh_from_db(fields=["failures"])
        locked = phone_request.failures >= threshold
        if locked:
            finish(phone_request, State.FAILED)
    if locked:
        raise Refused(messages.copy_code_locked(threshold), field="code")
    raise Refused(messages.copy_code_wrong(phone_request.failures, threshold), field="code")


# --- 추가 본인인증: the banking app's approval ---------------------------------------------


def _approval_waiting(phone_request: PhoneRequest) -> None:
    if phone_request.kind != Kind.APPROVAL or phone_request.state != State.WAITING:
        raise Refused(messages.NOTHING_TO_APPROVE)
    if phone_request.is_expired:
        finish(phone_request, State.FAILED)
        raise Refused(messages.APPROVAL_EXPIRED)


def approval_approve(*, phone_request: PhoneRequest, pin: str) -> PhoneRequest:
    """승인 in the banking app, with its PIN (counted on the app, N/5)."""
    _approval_waiting(phone_request)
    app = MobileAuthenticator.objects.filter(customer_id=phone_request.customer_id).first()
    if app is None:
        raise Refused(messages.NO_APP)
    check = mobile_pin_verify(authenticator=app, pin=pin)
    if not check.ok:
        if check.locked:
            finish(phone_request, State.DENIED)
            raise Refused(messages.app_pin_locked(check.threshold), field="pin")
        raise Refused(messages.app_pin_wrong(check.failures, check.threshold), field="pin")
    if not finish(phone_request, State.APPROVED):
        raise Refused(messages.NOTHING_TO_APPROVE)
    return phone_request


def approval_deny(*, phone_request: PhoneRequest) -> PhoneRequest:
    """거부 in the banking app: no PIN, as a real authenticator lets its holder cancel a
    request they did not make (the phone is the learner's own: one per pairing)."""
    _approval_waiting(phone_request)
    if not finish(phone_request, State.DENIED):
        raise Refused(messages.NOTHING_TO_APPROVE)
    return phone_request


# --- ARS: the call of 타기관 인증서 등록 -------------------------------------------------------

ARS_DIGITS = 2


def ars_answer(*, phone_request: PhoneRequest, digits: str) -> None:
    """The 2 digits typed on the phone's keypad during the call, or ``Refused``
    (wrong: N/5 on the customer's ARS counter, and the call ends at the lock)."""
    if phone_request.kind != Kind.ARS or phone_request.state != State.WAITING:
        raise Refused(messages.ARS_CALL_OVER)
    if phone_request.is_expired:
        finish(phone_request, State.FAILED)
        raise Refused(messages.ARS_CALL_OVER)
    customer = Customer.objects.get(pk=phone_request.customer_id)
    matched = constant_time_compare(code_digest(digits), phone_request.code_digest)
    result = check_record(customer=customer, kind="ars", passed=matched)
    if result.ok:
        finish(phone_request, State.APPROVED)
        return
    if result.locked:
        finish(phone_request, State.FAILED)
        raise Refused(messages.ars_locked(result.threshold), field="digits")
    raise Refused(messages.ars_wrong(result.failures, result.threshold), field="digits")


# --- 금융인증서 클라우드 연결: the SMS of a new device -------------------------------------------

SMS_DIGITS = 2


def cloud_sms_answer(*, phone_request: PhoneRequest, digits: str) -> None:
    """The 2 digits sent back from the phone's 문자 app, or ``Refused`` (wrong: N/5 on
    the customer's cloud SMS counter, and the message ends at the lock)."""
    if phone_request.kind != Kind.CLOUD_SMS or phone_request.state != State.WAITING:
        raise Refused(messages.SMS_OVER)
    if phone_request.is_expired:
        finish(phone_request, State.FAILED)
        raise Refused(messages.SMS_OVER)
    customer = Customer.objects.get(pk=phone_request.customer_id)
    matched = constant_time_compare(code_digest(digits), phone_request.code_digest)
    result = check_record(customer=customer, kind="cloud_sms", passed=matched)
    if result.ok:
        finish(phone_request, State.DONE)
        return
    if result.locked:
        finish(phone_request, State.FAILED)
        raise Refused(messages.sms_locked(result.threshold), field="digits")
    raise Refused(messages.sms_wrong(result.failures, result.threshold), field="digits")
