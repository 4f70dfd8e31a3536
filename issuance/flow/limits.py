"""The flow's limits: lock thresholds and clocks, from the settings unless the
session's scenario overrides them."""

from datetime import timedelta

from django.conf import settings

from accounts.models import version_tuple
from issuance.models import IssuanceSession, Scenario


def lock_threshold(session: IssuanceSession, kind: str) -> int:
    """Failures before ``kind`` locks (a key of ``settings.LOCK_THRESHOLDS``)."""
    scenario = session.scenario
    if scenario and scenario.lock_threshold:
        return scenario.lock_threshold
    return settings.LOCK_THRESHOLDS[kind]


def session_minutes(scenario: Scenario | None) -> int:
    return (scenario and scenario.session_minutes) or settings.ISSUANCE_SESSION_MINUTES


def session_expiry(session: IssuanceSession, now):
    """When the session expires if nothing happens after ``now``."""
    return now + timedelta(minutes=session_minutes(session.scenario))


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


def scenario_app_version(scenario: Scenario | None, installed: str | None) -> str | None:
    """The banking app's version on the virtual phone: ``installed``, or, when the
    "모바일 앱 구버전" scenario is on and ``installed`` is current, the outdated version the
    scenario stands for (the phone's store and the learner's wallet both show it)."""
    if installed is None or not (scenario and scenario.app_outdated):
        return installed
    if version_tuple(installed) < version_tuple(settings.MOBILE_APP_CURRENT_VERSION):
        return installed
    return settings.MOBILE_APP_OUTDATED_VERSION
