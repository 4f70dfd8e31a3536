"""A drill run through its services: due now, later or at a flow's step; answered once
(refused, reported, fell) with its line on the learner's trail; the look-alike page
counted, never kept; a class launch reaching each learner once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from issuance.drills import services
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import CenterEvent, Drill, DrillRun
from issuance.transitions import WrongState
from tests.factories import CustomerFactory
from tests.fixtures.flow import walk

pytestmark = pytest.mark.django_db


def drill(key="prosecutor-reissue"):
    return Drill.objects.get(key=key)


def choice_index(run, outcome):
    return next(i for i, c in enumerate(run.drill.choices) if c["outcome"] == outcome)


def test_a_run_is_due_now_later_or_at_a_step(ready):
    now_run = services.drill_start(drill=drill(), customer=ready)
    later = services.drill_start(
        drill=drill(), customer=ready, due_at=timezone.now() + timedelta(minutes=3)
    )
    at_ars = services.drill_start(drill=drill(), customer=ready, at_step=Step.ARS)
    due = list(services.due_runs(customer_ids=[ready.pk]))
    assert due == [now_run]
    session = walk(flow.session_start(customer=ready), Step.ARS)
    assert at_ars in services.due_runs(customer_ids=[ready.pk])
    walk(session, Step.MEDIUM)
    assert at_ars not in services.due_runs(customer_ids=[ready.pk])
    assert later not in services.due_runs(customer_ids=[ready.pk])


@pytest.mark.parametrize(
    ("outcome", "result"), [("refused", "ok"), ("reported", "ok"), ("fell", "failed")]
)
def test_each_outcome_goes_on_the_trail(ready, outcome, result):
    run = services.drill_start(drill=drill(), customer=ready)
    services.drill_answer(run=run, index=choice_index(run, outcome))
    run.refresh_from_db()
    assert run.state == outcome and run.ended_at and run.choice
    event = CenterEvent.objects.get(customer=ready, action="drill")
    assert event.result == result and run.drill.title in event.message


def test_a_run_is_answered_once(ready):
    run = services.drill_start(drill=drill(), customer=ready)
    services.drill_answer(run=run, index=0)
    with pytest.raises(WrongState):
        services.drill_answer(run=DrillRun.objects.get(pk=run.pk), index=1)


def test_a_choice_that_does_not_exist_is_refused(ready):
    run = services.drill_start(drill=drill(), customer=ready)
    with pytest.raises(ValueError, match="no choice"):
        services.drill_answer(run=run, index=99)


def test_the_look_alike_page_keeps_a_count_only(ready):
    run = services.drill_start(drill=drill("account-frozen-smishing"), customer=ready)
    services.fake_page_submit(run=run, boxes_filled=37)
    run.refresh_from_db()
    assert run.state == "fell" and run.boxes_filled == 37


def test_a_visitor_practises_without_a_customer():
    run = services.drill_start(drill=drill())
    assert list(services.due_runs(run_ids=[run.pk])) == [run]
    services.drill_answer(run=run, index=0)
    assert not CenterEvent.objects.exists()  # nobody's trail


def test_a_launch_reaches_each_learner_once_at_a_random_moment(ready):
    other = CustomerFactory(user_id="other", rrn="900101-1234568")
    launched = services.drills_launch(
        drill=drill(), customer_ids=[ready.pk, other.pk], within_minutes=5
    )
    assert launched == 2
    again = services.drills_launch(drill=drill(), customer_ids=[ready.pk, other.pk])
    assert again == 0  # each is already waiting for it
    latest = timezone.now() + timedelta(minutes=5, seconds=1)
    assert all(run.due_at <= latest for run in DrillRun.objects.all())
