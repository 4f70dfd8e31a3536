"""The phone's inbox (phone/inbox.py): what the phone shows for each state of the flow."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from issuance.flow import authentication
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Scenario
from issuance.phone.inbox import phone_screen
from tests.fixtures.flow import walk

pytestmark = pytest.mark.django_db


def test_no_flow_is_idle_and_polls_slowly_a_paired_phone_stops():
    screen = phone_screen(None)
    assert (screen.name, screen.may_receive, screen.poll_seconds) == ("idle", True, 10)
    assert phone_screen(None, paired=True).may_receive is False


def test_before_the_call_the_phone_waits_and_polls_fast(ready, new_session):
    screen = phone_screen(walk(new_session, Step.ARS))
    assert (screen.name, screen.may_receive, screen.poll_seconds) == ("idle", True, 2)
    early = phone_screen(walk(flow.session_start(), Step.TERMS))
    assert early.poll_seconds == 10  # nothing can come before the ARS step


def test_a_ringing_call(ready, new_session):
    session = walk(new_session, Step.ARS)
    authentication.ars_call(session=session, phone=ready.phones.first())
    assert phone_screen(session).name == "call"


def test_a_call_nobody_may_answer_never_shows(ready):
    Scenario.objects.create(name="ARS 무응답", is_default=True, ars_not_answered=True)
    session = walk(flow.session_start(), Step.ARS)
    authentication.ars_call(session=session, phone=ready.phones.first())
    assert phone_screen(session).name == "idle"


def test_a_push_request_then_nothing_once_approved(ready, new_session):
    session = walk(new_session, Step.PUSH)
    assert phone_screen(session).name == "push"
    authentication.push_approve(session=session, pin="135790")
    assert phone_screen(session).name == "idle"


def test_an_outdated_app_shows_the_update(ready):
    Scenario.objects.create(name="구버전", is_default=True, app_outdated=True)
    session = walk(flow.session_start(), Step.PUSH)
    assert phone_screen(session).name == "update"
    authentication.app_update(session=session)
    assert phone_screen(session).name == "push"


def test_a_finished_or_expired_flow_sends_nothing_more(ready, new_session):
    session = walk(new_session, Step.PUSH)
    with time_machine.travel(timezone.now() + timedelta(minutes=21)):
        assert phone_screen(session, paired=True).may_receive is False
    authentication.push_deny(session=session)
    screen = phone_screen(session)
    assert (screen.name, screen.poll_seconds) == ("idle", 10)
    assert phone_screen(session, paired=True).may_receive is False
