"""Reads of the flow that pages, the phone and the services share.

Sub-states that depend on the clock (a call nobody answered, a request that
timed out) are computed here when read: no scheduler.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Customer, version_tuple
from issuance.flow import finance, limits, machine, messages
from issuance.models import IssuanceSession
from issuance.scenario_rules import rules

Step = machine.Step
CallState = IssuanceSession.CallState
PushState = IssuanceSession.PushState


def prerequisite_problem(customer: Customer) -> str | None:
    """The first missing prerequisite, in the words the bank uses, or None."""
    if not customer.accounts.exists():
        return messages.NO_ACCOUNT
    if not customer.is_internet_banking_member:
        return messages.NOT_A_MEMBER
    has_card = hasattr(customer, "security_card")
    has_app = hasattr(customer, "mobile_authenticator")
    if not (has_card or has_app):
        return messages.NO_SECURITY_MEDIUM
    return None


def user_id_find(*, name: str, rrn: str, account_number: str) -> str | None:
    """아이디 조회: the user ID, partly masked, when name + 주민등록번호 + account agree."""
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


# --- 5. ARS ------------------------------------------------------------------------------


def ars_view_state(session: IssuanceSession) -> str:
    """The call as the pages see it now: a ringing call past its time is missed."""
    if (
        session.ars_state == CallState.RINGING
        and timezone.now() - session.ars_started_at > limits.ars_timeout(session)
    ):
        return CallState.MISSED
    return session.ars_state


def ars_call_visible(session: IssuanceSession) -> bool:
    """Whether the phone shows the call (a scenario can make nobody answer)."""
    unanswered = rules(session.scenario).ars_not_answered
    return ars_view_state(session) == CallState.RINGING and not unanswered


# --- 7. 모바일 인증 ------------------------------------------------------------------------

PUSH_EXPIRED = "expired"
APP_OUTDATED = "outdated"


def app_outdated(session: IssuanceSession) -> bool:
    """Whether the banking app on this flow's virtual phone is older than the bank's.

    Read live, so a trainer's scenario takes effect at the learner's next step; once
    the learner updated the app in this flow, the update counts for this flow.
    """
    installed = installed_app_version(session)
    current = version_tuple(settings.MOBILE_APP_CURRENT_VERSION)
    return installed is not None and version_tuple(installed) < current


def installed_app_version(session: IssuanceSession) -> str | None:
    """The version of the banking app on this flow's phone (None: no app): the one the
    learner updated to in this flow, else the persona's as the scenario shows it."""
    if session.app_version:
        return session.app_version
    app = getattr(session.customer, "mobile_authenticator", None)
    return rules(session.scenario).app_version(app.installed_version if app else None)


def push_view_state(session: IssuanceSession) -> str:
    """pending / expired / approved / denied / outdated (the app must update first)."""
    if session.push_state != PushState.PENDING:
        return session.push_state
    if timezone.now() - session.push_sent_at > limits.push_timeout(session):
        return PUSH_EXPIRED
    if app_outdated(session):
        return APP_OUTDATED
    return PushState.PENDING


# --- What the flow asks of the learner's phone -------------------------------------------

PHONE_CALL = "call"
PHONE_PUSH = "push"
PHONE_APP_UPDATE = "update"
PHONE_SMS = "sms"  # the 금융인증서's cloud connection: the 문자 app, a message to answer


def phone_request(session: IssuanceSession) -> str | None:
    """What the phone must show for this flow now: a call, a push request, the app update."""
    if machine.is_finished(session) or machine.is_expired(session):
        return None
    if session.status == Step.ARS and ars_call_visible(session):
        return PHONE_CALL
    if session.status == Step.CLOUD and finance.sms_arrives(session):
        return PHONE_SMS
    if session.status == Step.PUSH:
        state = push_view_state(session)
        if state == APP_OUTDATED:
            return PHONE_APP_UPDATE
        if state == PushState.PENDING:
            return PHONE_PUSH
    return None


# The steps at which the phone may get something any moment (the call, the push request).
PHONE_STEPS = frozenset({Step.ARS, Step.MEDIUM, Step.PUSH, Step.CLOUD})
