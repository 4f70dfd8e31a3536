"""The 금융인증서's issuance (``IssuanceSession.product`` "finance", ``machine.FINANCE_FLOW``):
start, 약관, 클라우드 연결 (the SMS sent back from the phone) and the PIN that issues it
into the cloud. 사용자 확인 and 출금계좌 + 보안매체 are the 공동인증서's own services
(``services.user_identify``, ``authentication.medium_verify``), which move a finance
session along its own table.

Every write goes through ``machine.swap`` and leaves its line on the trail, as in the
rest of the flow.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Customer
from accounts.rrn import birth_date
from accounts.services import check_record
from issuance.ca import cloud
from issuance.ca.selectors import replaceable_certificate
from issuance.ca.services import certificate_prepare, certificate_publish, certificate_store
from issuance.choices import CertificateProduct, KeyStoreName
from issuance.flow import limits, messages
from issuance.flow.machine import Step, record, refusal, stop, swap
from issuance.models import (
    Certificate,
    CertificateType,
    IssuanceEvent,
    IssuanceSession,
    StorageMedium,
)
from issuance.pki.pin_rules import pin_problems
from issuance.pki_messages import pin_problems_message
from issuance.scenario_rules import rules, scenario_of
from issuance.transitions import WrongState
from portal.refusals import Refused

Result = IssuanceEvent.Result
SmsState = IssuanceSession.SmsState


def finance_start(*, customer: Customer | None = None, time_factor: int = 1) -> IssuanceSession:
    """금융인증서 발급/재발급: a new session at 사용자 확인 (nothing to install)."""
    session = IssuanceSession(
        customer=customer,
        scenario=scenario_of(customer),
        product=CertificateProduct.FINANCE,
        status=Step.IDENTIFY,
        time_factor=time_factor,
    )
    session.expires_at = limits.session_expiry(session, timezone.now())
    with transaction.atomic():
        session.save()
        record(session, Step.PREREQUISITES, Result.OK, messages.FINANCE_STARTED)
    return session


def finance_terms_accept(*, session: IssuanceSession) -> None:
    """금융인증서비스 이용약관 and the 제3자 제공 동의 (the form requires both)."""
    swap(
        session,
        Step.TERMS,
        event=(Step.TERMS, Result.OK, messages.FINANCE_TERMS_ACCEPTED),
        status=Step.MEDIUM,
        cert_type=CertificateType.FINANCE,
    )


# --- 클라우드 연결 ---------------------------------------------------------------------------


def sms_timeout(session: IssuanceSession) -> timedelta:
    return timedelta(seconds=settings.CLOUD_SMS_SECONDS)


def sms_view_state(session: IssuanceSession) -> str:
    """The message's state as the learner sees it now: a sent one past its time is
    "expired" before any request has recorded it (``cloud_expired`` does)."""
    sent = session.cloud_sent_at
    if (
        session.cloud_state == SmsState.SENT
        and sent
        and timezone.now() >= sent + sms_timeout(session)
    ):
        return SmsState.EXPIRED
    return session.cloud_state


def sms_arrives(session: IssuanceSession) -> bool:
    """Whether the learner's phone shows the message now: sent to their own number, not
    answered, in time, and not held back by the trainer's "문자 미수신" scenario (its
    first message never arrives; "문자 다시 받기" sends one that does)."""
    if session.status != Step.CLOUD or sms_view_state(session) != SmsState.SENT:
        return False
    return not session.cloud_held and cloud.phone_is_customers(
        session.customer_id, session.cloud_phone
    )


def cloud_request(*, session: IssuanceSession, name: str, phone: str, birth) -> str:
    """이름 + 휴대폰번호 + 생년월일: the cloud's 본인확인 sends its message; the page shows
    the 2 digits to send back. Returns the number it went to."""
    problems = cloud.identity_problems(session.customer, name=name, phone=phone, birth=birth)
    if problems:
        field, problem = next(iter(problems.items()))
        raise Refused(problem, field=field)
    number = cloud.phone_normalize(phone)
    swap(
        session,
        Step.CLOUD,
        event=(Step.CLOUD, Result.INFO, messages.sms_sent(cloud.phone_mask(number))),
        cloud_phone=number,
        cloud_code=cloud.new_sms_code(),
        cloud_state=SmsState.SENT,
        cloud_sent_at=timezone.now(),
        cloud_held=rules(session.scenario).sms_not_delivered and session.cloud_sent_at is None,
        cloud_sent_at__expected=session.cloud_sent_at,
    )
    return number


def cloud_reply(*, session: IssuanceSession, digits: str) -> bool:
    """The learner sent ``digits`` back from the phone's 문자 app. True when they are the
    page's; a wrong answer ends this message and counts N/5 on the customer."""
    if not sms_arrives(session):
        raise WrongState(session.pk)
    threshold = limits.lock_threshold(session, "cloud_sms")
    if secrets.compare_digest(digits.strip(), session.cloud_code):
        result = check_record(
            customer=session.customer, kind="cloud_sms", passed=True, threshold=threshold
        )
        if result.locked:
            stop(session, Step.CLOUD, messages.sms_locked(threshold), refusal(result))
            return False
        swap(
            session,
            Step.CLOUD,
            event=(Step.CLOUD, Result.OK, messages.SMS_OK),
            status=Step.PIN,
            cloud_state=SmsState.REPLIED,
            cloud_state__expected=SmsState.SENT,
        )
        return True
    with transaction.atomic():
        swap(session, Step.CLOUD, cloud_state=SmsState.WRONG, cloud_state__expected=SmsState.SENT)
        _sms_failed(session, threshold, messages.sms_wrong_digits)
    return False


def cloud_expired(*, session: IssuanceSession) -> None:
    """Record a message nobody answered in time (counted like a wrong answer)."""
    if session.cloud_state != SmsState.SENT or sms_view_state(session) != SmsState.EXPIRED:
        return
    threshold = limits.lock_threshold(session, "cloud_sms")
    with transaction.atomic():
        try:
            swap(
                session,
                Step.CLOUD,
                cloud_state=SmsState.EXPIRED,
                cloud_state__expected=SmsState.SENT,
            )
        except WrongState:
            return  # another request recorded it
        _sms_failed(session, threshold, messages.sms_expired)


def _sms_failed(session: IssuanceSession, threshold: int, message) -> None:
    result = check_record(
        customer=session.customer, kind="cloud_sms", passed=False, threshold=threshold
    )
    IssuanceSession.objects.filter(pk=session.pk).update(cloud_failures=result.failures)
    session.cloud_failures = result.failures
    record(session, Step.CLOUD, Result.FAILED, message(result.failures, threshold))
    if result.locked:
        stop(session, Step.CLOUD, messages.sms_locked(threshold))


# --- 비밀번호(PIN) 설정 → 발급 완료 ---------------------------------------------------------


def pin_problems_for(session: IssuanceSession, pin: str) -> list[str]:
    rrn = session.customer.rrn if session.customer_id else None
    return pin_problems(pin, birth=birth_date(rrn) if rrn else None)


def pin_submit(*, session: IssuanceSession, pin: str, pin_confirm: str) -> Certificate:
    """Six digits twice, by the rules; then the 금융인증서 is issued into the cloud, once
    (a 재발급 revokes the one before, in the same transaction)."""
    if problems := pin_problems_for(session, pin):
        raise Refused(pin_problems_message(problems), field="pin")
    if pin != pin_confirm:
        raise Refused(messages.PINS_DIFFER, field="pin_confirm")
    customer = session.customer
    finance = CertificateType.FINANCE
    prepared = certificate_prepare(  # the key pair: before any transaction
        customer=customer,
        cert_type=finance,
        password=pin,
        replaces=replaceable_certificate(customer_id=customer.pk, cert_type=finance),
        store=KeyStoreName.CLOUD,
    )
    try:
        with transaction.atomic():
            # One 금융인증서 issuance of a customer at a time: two at once end with one.
            Customer.objects.select_for_update().filter(pk=customer.pk).first()
            swap(session, Step.PIN, status=Step.COMPLETED, medium=StorageMedium.CLOUD)
            replaces = replaceable_certificate(customer_id=customer.pk, cert_type=finance)
            issued = certificate_store(
                prepared=prepared, replaces=replaces, medium=StorageMedium.CLOUD
            )
            certificate = issued.certificate
            IssuanceSession.objects.filter(pk=session.pk).update(certificate=certificate)
            session.certificate = certificate
            message = messages.finance_issued(
                certificate.serial, reissued=bool(certificate.replaces_id)
            )
            record(session, Step.COMPLETED, Result.OK, message)
    except WrongState:
        session.refresh_from_db()
        raise
    certificate_publish(issued=issued)
    return certificate
