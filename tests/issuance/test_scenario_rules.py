"""What a scenario says, read in one place: which scenario applies to a customer (the
newest listing them, else the default), and its rules with the settings beside."""

from datetime import timedelta

import pytest

from issuance.models import Scenario, StorageMedium
from issuance.scenario_rules import rules, scenario_of

pytestmark = pytest.mark.django_db


def test_without_a_scenario_the_settings_rule(settings):
    settings.ARS_TIMEOUT_SECONDS, settings.ISSUANCE_SESSION_MINUTES = 90, 7
    said = rules(None)
    assert said.ars_timeout == timedelta(seconds=90) and said.session_minutes == 7
    assert said.threshold("account_pin") == settings.LOCK_THRESHOLDS["account_pin"]
    assert not (said.install_fails_once or said.app_outdated or said.absent_media)


def test_a_scenario_says_what_it_sets_and_leaves_the_rest_to_the_settings(settings):
    scenario = Scenario.objects.create(
        name="연습", lock_threshold=3, ars_timeout_seconds=60, removable_disk_absent=True
    )
    said = rules(scenario)
    assert said.threshold("security_card") == 3
    assert said.ars_timeout == timedelta(seconds=60)
    assert said.push_timeout == timedelta(seconds=settings.PUSH_TIMEOUT_SECONDS)
    assert said.absent_media == {StorageMedium.REMOVABLE_DISK}


def test_the_outdated_app_scenario_shows_an_old_version_only_of_a_current_app(settings):
    said = rules(Scenario.objects.create(name="구버전", app_outdated=True))
    assert said.app_version(settings.MOBILE_APP_CURRENT_VERSION) == "4.8.1"
    assert said.app_version("3.0.0") == "3.0.0"  # older already: as it is
    assert said.app_version(None) is None  # no app
    assert rules(None).app_version("5.2.0") == "5.2.0"


def test_the_scenario_of_a_customer_is_the_newest_listing_them_else_the_default(holder):
    assert scenario_of(holder) is None
    default = Scenario.objects.create(name="기본", is_default=True)
    assert scenario_of(holder) == default
    older = Scenario.objects.create(name="가 (먼저)")
    newer = Scenario.objects.create(name="나 (나중)")
    for scenario in (newer, older):  # listed in any order: the newest applies
        scenario.customers.add(holder)
    assert scenario_of(holder) == newer
    assert scenario_of(None) == default  # a visitor's flow
