"""The flow's clock in 쉬운 화면 (issuance/flow/clock.py, views/clock.py): a flow started in
easy view runs its clocks EASY_VIEW_TIME_FACTOR times longer (the session, ARS, push);
the step page counts the time left down and "시간 더 주기" adds FLOW_EXTEND_MINUTES, as
often as FLOW_EXTEND_LIMIT allows, to this browser's own live flow only (POST, CSRF);
every later step keeps what was given, and a trainer's shorter clock applies from the
learner's next step."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.flow import clock, limits
from issuance.flow.machine import Step
from issuance.models import IssuanceSession, Scenario
from portal.display import EASY_VIEW_COOKIE
from portal.refusals import Refused
from tests.fixtures.flow import later, messages_of
from tests.issuance.flow.support import Learner, text

pytestmark = pytest.mark.django_db
COUNTDOWN = re.compile(r'data-flow-timer data-seconds-left="(\d+)"')


@pytest.fixture
def easy(learner):
    learner.client.cookies[EASY_VIEW_COOKIE] = "1"
    return learner


def minutes_left(session) -> float:
    return (session.expires_at - timezone.now()).total_seconds() / 60


SLACK = 0.5  # minutes: the walk's install step moves the clock a few seconds on


def test_a_flow_started_in_easy_view_has_its_clocks_longer(easy, settings):
    settings.EASY_VIEW_TIME_FACTOR = 3
    easy.walk_to(Step.IDENTIFY)
    session = easy.session
    assert session.time_factor == 3
    minutes = settings.ISSUANCE_SESSION_MINUTES * 3
    assert minutes - 1 < minutes_left(session) <= minutes + SLACK
    assert limits.ars_timeout(session) == timedelta(seconds=settings.ARS_TIMEOUT_SECONDS * 3)
    assert limits.push_timeout(session) == timedelta(seconds=settings.PUSH_TIMEOUT_SECONDS * 3)


def test_without_easy_view_the_clocks_are_the_settings(learner, settings):
    learner.walk_to(Step.IDENTIFY)
    session = learner.session
    assert session.time_factor == 1
    assert minutes_left(session) <= settings.ISSUANCE_SESSION_MINUTES + SLACK
    assert limits.ars_timeout(session) == timedelta(seconds=settings.ARS_TIMEOUT_SECONDS)


def test_the_ars_call_waits_longer_in_easy_view(easy, settings):
    easy.walk_to(Step.ARS)
    phone = easy.session.customer.phones.first()
    easy.client.post(easy.url("ars"), {"phone": phone.pk})
    page = text(easy.client.get(easy.url("ars")))
    assert str(settings.ARS_TIMEOUT_SECONDS * settings.EASY_VIEW_TIME_FACTOR) in page


def test_easy_view_counts_the_time_left_and_offers_more(easy, settings):
    easy.walk_to(Step.IDENTIFY)
    page = text(easy.client.get(easy.url("identify")))
    seconds = int(COUNTDOWN.search(page)[1])
    assert 0 < seconds <= (settings.ISSUANCE_SESSION_MINUTES * 2 + SLACK) * 60
    assert 'aria-live="polite" data-timer-announce' in page
    assert f'action="{easy.url("extend")}"' in page and "시간 더 주기" in page
    assert "js/timer.js" in page


def test_the_normal_view_keeps_its_one_line(learner):
    learner.walk_to(Step.IDENTIFY)
    page = text(learner.client.get(learner.url("identify")))
    assert "까지 유효합니다" in page
    assert "data-flow-timer" not in page and "시간 더 주기" not in page


def test_more_time_is_added_and_kept_by_the_next_step(easy, settings):
    easy.walk_to(Step.IDENTIFY)
    before = easy.session.expires_at
    response = easy.client.post(easy.url("extend"))
    assert response.status_code == 302 and response["Location"] == easy.url("identify")
    session = easy.session
    assert session.expires_at == before + timedelta(minutes=settings.FLOW_EXTEND_MINUTES)
    assert session.time_extensions == 1
    assert str(clock.TIME_EXTENDED) in messages_of(session)
    assert "시간을 더 드렸습니다" in text(easy.client.get(easy.url("identify")))
    easy.identify()  # a step renews the clock, never taking back what was given
    assert easy.session.status == Step.TERMS
    minutes = settings.ISSUANCE_SESSION_MINUTES * easy.session.time_factor
    minutes += settings.FLOW_EXTEND_MINUTES
    assert minutes - 1 < minutes_left(easy.session) <= minutes + SLACK


def test_a_trainers_shorter_clock_applies_from_the_next_step(learner, settings):
    """The class's scenario switched to 5 minutes mid-flow: the learner's next step gets
    5 minutes, not what was left of the longer clock."""
    settings.ISSUANCE_SESSION_MINUTES = 20
    learner.walk_to(Step.IDENTIFY)
    assert minutes_left(learner.session) > 19
    short = Scenario.objects.create(name="짧은 시간", session_minutes=5)
    IssuanceSession.objects.filter(pk=learner.session.pk).update(scenario=short)
    learner.identify()
    assert learner.session.status == Step.TERMS
    assert 4 < minutes_left(learner.session) <= 5 + SLACK


def test_more_time_only_so_many_times(easy, settings):
    settings.FLOW_EXTEND_LIMIT = 2
    easy.walk_to(Step.IDENTIFY)
    easy.client.post(easy.url("extend"))
    easy.client.post(easy.url("extend"))
    deadline = easy.session.expires_at
    response = easy.client.post(easy.url("extend"), follow=True)
    assert "시간은 더 늘릴 수 없습니다" in text(response)
    assert easy.session.expires_at == deadline and easy.session.time_extensions == 2
    assert "시간 더 주기" not in text(easy.client.get(easy.url("identify")))
    with pytest.raises(Refused) as refused:
        clock.session_extend(session=easy.session)
    assert refused.value.code == "limit"


def test_no_more_time_once_it_expired(easy):
    easy.walk_to(Step.IDENTIFY)
    session = easy.session
    with later(minutes_left(session) * 60 + 1):
        response = easy.client.post(easy.url("extend"))
        assert response["Location"] == reverse("flow:resume", args=[session.pk])
        with pytest.raises(Refused) as refused:
            clock.session_extend(session=session)
    assert refused.value.code == "expired"
    assert easy.session.time_extensions == 0


def test_only_the_browsers_own_flow(easy):
    easy.walk_to(Step.IDENTIFY)
    other = Client()
    other.cookies[EASY_VIEW_COOKIE] = "1"
    assert other.post(easy.url("extend")).status_code == 404
    assert easy.client.get(easy.url("extend")).status_code == 405
    assert easy.session.time_extensions == 0


def test_the_button_needs_the_csrf_token(ready, issuing_ca):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[EASY_VIEW_COOKIE] = "1"
    page = text(browser.get(reverse("flow:prerequisites")))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    learner = Learner(browser)
    learner.session_id = browser.post(
        reverse("flow:prerequisites"), {"csrfmiddlewaretoken": token}
    )["Location"].split("/")[3]
    assert browser.post(learner.url("extend")).status_code == 403
    assert browser.post(learner.url("extend"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert learner.session.time_extensions == 1
