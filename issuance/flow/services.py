"""The issuance flow's writes around the customer's checks: start, 보안프로그램 설치,
사용자 확인, 약관 동의, and 저장 위치 + 인증서 암호 with the issuance itself.
(The checks that prove the learner is the customer, ARS, 보안매체 and 모바일 인증,
are in ``authentication.py``.)

Each goes through ``machine.swap`` (the compare-and-swap that allows only the
edges ``machine.FLOW`` declares). Refusals a learner must read raise
``Refused`` with the message (and the form field it belongs to); a request
that lost a race or came too late raises ``WrongState``. Every outcome leaves an
``IssuanceEvent``. Scenario facts (an outdated app, an absent medium) are state
of the session: nothing here writes the persona's own rows except through the
services of ``accounts`` that a real bank would run (the fee).
"""

from typing import NoReturn

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from accounts import throttle
from accounts.models import Customer
from accounts.services import InsufficientBalance, SecretCheck, account_withdraw, check_record
from issuance.ca.selectors import replaceable_certificate
from issuance.ca.services import certificate_prepare, certificate_publish, certificate_store
from issuance.choices import JOINT_CERT_TYPES, drive_choices
from issuance.flow import limits, messages
from issuance.flow.machine import Step, record, refusal, stop, swap
from issuance.flow.selectors import install_progress, prerequisite_problem, user_id_find
from issuance.models import (
    Certificate,
    CertificateType,
    IssuanceEvent,
    IssuanceSession,
    Scenario,
)
from issuance.pki import password_problems
from issuance.pki_messages import password_problems_message
from issuance.scenario_rules import rules, scenario_of
from issuance.transitions import WrongState
from portal.refusals import Refused

Result = IssuanceEvent.Result


# --- 1. 발급 전 확인 ---------------------------------------------------------------------


def session_start(*, customer: Customer | None = None, time_factor: int = 1) -> IssuanceSession:
    """The learner confirmed the checklist: a new session at 보안프로그램 설치.

    A logged-in customer's prerequisites are checked now; everyone else's once
    step 3 has told us who they are.
    """
    if customer is not None and (problem := prerequisite_problem(customer)):
        raise Refused(problem)
    scenario = scenario_of(customer)
    # A logged-in customer is known from the start (the trainer's dashboard shows them).
    session = IssuanceSession(
        customer=customer, scenario=scenario, status=Step.INSTALL, time_factor=time_factor
    )
    session.expires_at = limits.session_expiry(session, timezone.now())
    with transaction.atomic():  # the session and its first line on the trail
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
        raise WrongState(session.pk)
    if rules(session.scenario).install_fails_once and session.install_failures == 0:
        swap(
            session,
            Step.INSTALL,
            event=(Step.INSTALL, Result.FAILED, messages.INSTALL_FAILED),
            install_started_at=None,
            install_failures=1,
            install_failures__expected=0,
        )
        return False
    swap(
        session,
        Step.INSTALL,
        event=(Step.INSTALL, Result.OK, messages.INSTALL_OK),
        status=Step.IDENTIFY,
    )
    return True


def install_confirm(*, session: IssuanceSession) -> None:
    """The PC has the programs already (installed ahead): confirmed, → 사용자 확인."""
    swap(
        session,
        Step.INSTALL,
        event=(Step.INSTALL, Result.OK, messages.INSTALL_CONFIRMED),
        status=Step.IDENTIFY,
        install_started_at__expected=None,
    )


# --- 3. 사용자 확인 -----------------------------------------------------------------------


def user_identify(
    *, session: IssuanceSession, user_id: str, rrn: str, client: throttle.Client | None = None
) -> Customer:
    """사용자 ID + 주민등록번호, counted N/5 across every session: on the customer whose
    ID was typed (or, for an ID nobody has, on the ``client``). At the limit
    the step locks. A customer who is logged in may only identify as themselves."""
    threshold = limits.lock_threshold(session, "identify")
    customer = Customer.objects.filter(user_id=user_id, is_active=True).first()
    known = session.customer  # logged in: the bank already knows who this is
    if known is not None and (customer is None or customer.pk != known.pk):
        result = check_record(customer=known, kind="identify", passed=False, threshold=threshold)
        _identify_failed(session, result, messages.identify_not_yourself(known.name, result))
    if customer is None:
        counted = throttle.attempt_failed(client, "identify", threshold) if client else None
        result = SecretCheck(
            ok=False,
            failures=counted.failures if counted else session.identify_failures + 1,
            threshold=threshold,
            locked=counted.locked if counted else session.identify_failures + 1 >= threshold,
        )
        _identify_failed(session, result, messages.identify_refused(result, by_client=True))
    result = check_record(
        customer=customer, kind="identify", passed=customer.rrn_matches(rrn), threshold=threshold
    )
    if not result.ok:
        _identify_failed(session, result, messages.identify_refused(result))
    if problem := prerequisite_problem(customer):
        stop(session, Step.IDENTIFY, problem, customer=customer)
        raise Refused(problem)
    scenario = session.scenario or scenario_of(customer)
    swap(
        session,
        Step.IDENTIFY,
        event=(Step.IDENTIFY, Result.OK, messages.identified(customer.name)),
        status=Step.TERMS,
        customer=customer,
        scenario=scenario,
    )
    return customer


def user_id_lookup(*, client: throttle.Client, name: str, rrn: str, account_number: str) -> str:
    """아이디 조회: the user ID, partly masked, when name + 주민등록번호 + account agree, or
    ``Refused`` (N/5 per client, then the client waits: there is no customer to lock)."""
    threshold = settings.LOCK_THRESHOLDS["find_id"]
    if throttle.attempts(client, "find-id", threshold).locked:  # refused without looking
        raise Refused(messages.find_id_locked(threshold))
    found = user_id_find(name=name, rrn=rrn, account_number=account_number)
    if found is None:
        attempts = throttle.attempt_failed(client, "find-id", threshold)
        if attempts.locked:
            raise Refused(messages.find_id_locked(threshold))
        raise Refused(messages.user_id_not_found(attempts))
    throttle.attempts_clear(client, "find-id")
    return found


def _identify_failed(session: IssuanceSession, result: SecretCheck, message: str) -> NoReturn:
    """Keep the count on the session too (the page shows it), and stop at the lock."""
    counted = {
        "identify_failures": result.failures,
        "identify_failures__expected": session.identify_failures,
    }
    if result.locked:
        stop(session, Step.IDENTIFY, message, refusal(result), **counted)
    else:
        swap(session, Step.IDENTIFY, event=(Step.IDENTIFY, refusal(result), message), **counted)
    raise Refused(message)


# --- 4. 약관 동의 / 인증서 종류 ----------------------------------------------------------------


def terms_accept(*, session: IssuanceSession, cert_type: str) -> None:
    if cert_type not in JOINT_CERT_TYPES:  # this flow issues the 공동인증서
        raise Refused(messages.CHOOSE_CERT_TYPE, field="cert_type")
    label = CertificateType(cert_type).label
    swap(
        session,
        Step.TERMS,
        event=(Step.TERMS, Result.OK, messages.terms_accepted(label)),
        status=Step.ARS,
        cert_type=cert_type,
    )


# --- 8. 저장 위치 + 인증서 암호 → 9. 발급 완료 ---------------------------------------------


def storage_submit(
    *, session: IssuanceSession, medium: str, password: str, password_confirm: str
) -> Certificate:
    """Check the medium and the password, then issue exactly once."""
    if medium not in dict(drive_choices()):
        raise Refused(messages.CHOOSE_MEDIUM, field="medium")
    if medium in rules(session.scenario).absent_media:
        record(session, Step.STORAGE, Result.FAILED, messages.MEDIUM_ABSENT)
        raise Refused(messages.MEDIUM_ABSENT, field="medium")
    if problems := password_problems(password):
        raise Refused(password_problems_message(problems), field="password")
    if password != password_confirm:
        raise Refused(messages.PASSWORDS_DIFFER, field="password_confirm")

    customer = session.customer
    prepared = certificate_prepare(  # the key pair: the costly part, before any transaction
        customer=customer,
        cert_type=session.cert_type,
        password=password,
        replaces=replaceable_certificate(customer_id=customer.pk, cert_type=session.cert_type),
    )
    try:
        with transaction.atomic():
            # All or nothing, and one 재발급 of a customer at a time: the status, the fee,
            # the certificate, its copy and the revocation of the one it replaces.
            Customer.objects.select_for_update().filter(pk=customer.pk).first()
            swap(session, Step.STORAGE, status=Step.COMPLETED, medium=medium)
            if session.cert_type == CertificateType.UNIVERSAL:
                account_withdraw(
                    account=session.account,
                    amount=settings.UNIVERSAL_CERTIFICATE_FEE,
                    description=str(messages.FEE_DESCRIPTION),
                )
            replaces = replaceable_certificate(  # read again under the lock
                customer_id=customer.pk, cert_type=session.cert_type
            )
            issued = certificate_store(prepared=prepared, replaces=replaces, medium=medium)
            certificate = issued.certificate
            IssuanceSession.objects.filter(pk=session.pk).update(certificate=certificate)
            session.certificate = certificate
            message = messages.issued(certificate.serial, reissued=bool(certificate.replaces_id))
            record(session, Step.COMPLETED, Result.OK, message)
    except InsufficientBalance as exc:
        session.status = Step.STORAGE
        raise Refused(messages.FEE_NOT_WITHDRAWN, field="medium") from exc
    except WrongState:
        session.refresh_from_db()  # another request issued it (a double click)
        raise
    certificate_publish(issued=issued)
    return certificate


def storage_recover(*, session: IssuanceSession) -> None:
    """A session left at ``issuing`` (by the two-transaction issuance before this one, if
    its server died in between) goes back to the storage step: the learner retries."""
    if session.status == Step.ISSUING and session.certificate_id is None:
        swap(session, Step.ISSUING, status=Step.STORAGE)


# --- Outside the steps ---------------------------------------------------------------


def sessions_end(*, customer_ids, reason: str = "") -> int:
    """End these customers' open flows now, in one UPDATE (a reset, the end of a class):
    each shows "처음부터 다시" with ``reason`` (a message id, translated when the page
    shows it)."""
    with translation.override(None):  # the source text: the page translates it for its reader
        reason = str(reason)
    return (
        IssuanceSession.objects.open()
        .filter(customer_id__in=list(customer_ids))
        .update(expires_at=timezone.now(), stop_reason=reason[:200])
    )


def sessions_follow_scenario(*, customer_ids) -> int:
    """Point these customers' unfinished flows at each one's scenario (``scenario_of``:
    the newest listing them, else the default), in one UPDATE: a trainer's switch counts
    from the learner's next step."""
    mine = Scenario.objects.filter(customers=OuterRef("customer_id")).order_by("-pk")
    default = Scenario.objects.filter(is_default=True)
    return (
        IssuanceSession.objects.unfinished()
        .filter(customer_id__in=list(customer_ids))
        .update(
            scenario=Coalesce(Subquery(mine.values("pk")[:1]), Subquery(default.values("pk")[:1]))
        )
    )
