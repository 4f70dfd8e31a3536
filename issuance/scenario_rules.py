"""What a trainer's scenario says, read in one place.

A ``Scenario`` row holds the failure switches (install fails once, ARS unanswered, app
outdated, media absent, a lower lock threshold, shorter clocks, a forgotten certificate
password). Every area asks here instead of reading the row's fields:

- ``scenario_of(customer)``: the scenario that applies to a customer: the newest one
  listing them (a class seat's own), else the default scenario, else none;
- ``rules(scenario)``: what it says, with the settings filled in where it says nothing.

A flow keeps the scenario it started with (``IssuanceSession.scenario``), so a switch a
trainer turns counts from the learner's next step.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from accounts.models import version_tuple
from issuance.choices import StorageMedium
from issuance.models import Scenario


def scenario_of(customer) -> Scenario | None:
    """The customer's scenario: the newest listing them (a seat's own), else the default."""
    if customer is not None and customer.pk:
        mine = Scenario.objects.filter(customers=customer).order_by("-pk").first()
        if mine is not None:
            return mine
    return Scenario.objects.filter(is_default=True).first()


@dataclass(frozen=True)
class Rules:
    ars_timeout: timedelta
    push_timeout: timedelta
    session_minutes: int
    install_fails_once: bool = False
    ars_not_answered: bool = False
    app_outdated: bool = False
    absent_media: frozenset[str] = frozenset()
    lock_threshold: int | None = None  # None: each secret's own setting
    password_forgotten_before: datetime | None = None
    sms_not_delivered: bool = False  # 금융인증서: the first message never arrives
    cloud_reset_at: datetime | None = None  # 금융인증서: devices connected before reconnect

    def threshold(self, kind: str) -> int:
        """Failures before ``kind`` locks (a key of ``settings.LOCK_THRESHOLDS``)."""
        return self.lock_threshold or settings.LOCK_THRESHOLDS[kind]

    def app_version(self, installed: str | None) -> str | None:
        """The banking app's version on the virtual phone: ``installed``, or, when the
        "모바일 앱 구버전" scenario is on and ``installed`` is current, the outdated version
        it stands for (the phone's store and the learner's wallet both show it)."""
        if installed is None or not self.app_outdated:
            return installed
        if version_tuple(installed) < version_tuple(settings.MOBILE_APP_CURRENT_VERSION):
            return installed
        return settings.MOBILE_APP_OUTDATED_VERSION


def rules(scenario: Scenario | None) -> Rules:
    """What ``scenario`` says; the settings where it says nothing (or there is none)."""
    if scenario is None:
        return Rules(
            ars_timeout=timedelta(seconds=settings.ARS_TIMEOUT_SECONDS),
            push_timeout=timedelta(seconds=settings.PUSH_TIMEOUT_SECONDS),
            session_minutes=settings.ISSUANCE_SESSION_MINUTES,
        )
    absent = set()
    if scenario.removable_disk_absent:
        absent.add(StorageMedium.REMOVABLE_DISK)
    if scenario.security_token_absent:
        absent.add(StorageMedium.SECURITY_TOKEN)
    return Rules(
        install_fails_once=scenario.install_fails_once,
        ars_not_answered=scenario.ars_not_answered,
        app_outdated=scenario.app_outdated,
        absent_media=frozenset(absent),
        lock_threshold=scenario.lock_threshold,
        ars_timeout=timedelta(seconds=scenario.ars_timeout_seconds or settings.ARS_TIMEOUT_SECONDS),
        push_timeout=timedelta(
            seconds=scenario.push_timeout_seconds or settings.PUSH_TIMEOUT_SECONDS
        ),
        session_minutes=scenario.session_minutes or settings.ISSUANCE_SESSION_MINUTES,
        password_forgotten_before=scenario.password_forgotten_before,
        sms_not_delivered=scenario.sms_not_delivered,
        cloud_reset_at=scenario.cloud_reset_at,
    )
