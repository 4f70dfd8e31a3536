"""The flow's limits: lock thresholds and clocks, as the session's scenario says
(``issuance.scenario_rules``: the settings where it says nothing)."""

from datetime import timedelta

from django.conf import settings

from issuance.models import IssuanceSession
from issuance.scenario_rules import rules


def lock_threshold(session: IssuanceSession, kind: str) -> int:
    """Failures before ``kind`` locks (a key of ``settings.LOCK_THRESHOLDS``)."""
    return rules(session.scenario).threshold(kind)


def session_expiry(session: IssuanceSession, now):
    """When the session expires if nothing happens after ``now``: the scenario's minutes
    as they are now (a trainer's shorter clock applies from the learner's next step),
    times 쉬운 화면's factor, plus what "시간 더 주기" gave, which every step keeps."""
    minutes = rules(session.scenario).session_minutes * session.time_factor
    minutes += session.time_extensions * settings.FLOW_EXTEND_MINUTES
    return now + timedelta(minutes=minutes)


def ars_timeout(session: IssuanceSession) -> timedelta:
    return rules(session.scenario).ars_timeout * session.time_factor


def push_timeout(session: IssuanceSession) -> timedelta:
    return rules(session.scenario).push_timeout * session.time_factor
