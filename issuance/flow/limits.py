"""The flow's limits: lock thresholds and clocks, as the session's scenario says
(``issuance.scenario_rules``: the settings where it says nothing)."""

from datetime import timedelta

from issuance.models import IssuanceSession
from issuance.scenario_rules import rules


def lock_threshold(session: IssuanceSession, kind: str) -> int:
    """Failures before ``kind`` locks (a key of ``settings.LOCK_THRESHOLDS``)."""
    return rules(session.scenario).threshold(kind)


def session_expiry(session: IssuanceSession, now):
    """When the session expires if nothing happens after ``now`` (never earlier than
    it already does: a step does not take back the time "시간 더 주기" gave)."""
    minutes = rules(session.scenario).session_minutes * session.time_factor
    later = now + timedelta(minutes=minutes)
    return max(later, session.expires_at) if session.expires_at else later


def ars_timeout(session: IssuanceSession) -> timedelta:
    return rules(session.scenario).ars_timeout * session.time_factor


def push_timeout(session: IssuanceSession) -> timedelta:
    return rules(session.scenario).push_timeout * session.time_factor
