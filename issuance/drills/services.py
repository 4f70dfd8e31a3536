"""A learner's drill runs: started (now, later, or when their flow reaches a step),
answered once on the phone (refused, reported or fell), and on the learner's trail.

Nothing in a drill leaves the site or reaches anyone: the "call" and the "text" are
screens of the virtual phone, the look-alike page is a page of this server, and what
it was given is counted, never kept (``fake_page_submit`` takes a number).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from issuance.drills import messages
from issuance.drills.reports import NUMBERS
from issuance.models import CenterEvent, Drill, DrillRun, IssuanceSession
from issuance.transitions import Machine, WrongState

State = DrillRun.State
OUTCOMES = (State.REFUSED, State.REPORTED, State.FELL)
# A run's machine: waiting until answered, once.
DRILL_RUN = Machine(
    DrillRun,
    "state",
    {State.WAITING: OUTCOMES, State.REFUSED: (), State.REPORTED: (), State.FELL: ()},
)


def drill_start(*, drill: Drill, customer=None, due_at=None, at_step: str = "") -> DrillRun:
    """One run of ``drill`` for ``customer`` (None: a visitor; the view keeps it in the
    browser's session), shown from ``due_at`` (now) or when the flow is at ``at_step``."""
    return DrillRun.objects.create(
        drill=drill, customer=customer, due_at=due_at or timezone.now(), at_step=at_step
    )


def drills_launch(*, drill: Drill, customer_ids, within_minutes: int = 0, at_step: str = "") -> int:
    """The trainer's launch for a class or one learner: each customer gets one run, at a
    random moment in the next ``within_minutes`` (0: now), or at ``at_step``; a customer
    already waiting for this drill is not given it twice."""
    now = timezone.now()
    waiting = set(
        DrillRun.objects.filter(
            drill=drill, customer_id__in=list(customer_ids), state=State.WAITING
        ).values_list("customer_id", flat=True)
    )
    runs = [
        DrillRun(
            drill=drill,
            customer_id=customer_id,
            due_at=now + timedelta(seconds=random.randint(0, within_minutes * 60)),  # noqa: S311 - a moment, not a secret
            at_step=at_step,
        )
        for customer_id in customer_ids
        if customer_id not in waiting
    ]
    DrillRun.objects.bulk_create(runs)
    return len(runs)


def due_runs(*, customer_ids=(), run_ids=()):
    """The waiting runs to show now: due, and, for one tied to a step, the customer's
    open flow at that step. Oldest first."""
    at_step = IssuanceSession.objects.open().filter(
        customer_id=OuterRef("customer_id"), status=OuterRef("at_step")
    )
    mine = Q(customer_id__in=list(customer_ids)) | Q(pk__in=list(run_ids))
    return (
        DrillRun.objects.filter(mine, state=State.WAITING, due_at__lte=timezone.now())
        .filter(Q(at_step="") | Exists(at_step))
        .select_related("drill")
        .order_by("due_at", "created_at")
    )


def drill_answer(*, run: DrillRun, index: int) -> DrillRun:
    """The learner's choice ``index`` of the scene: its outcome, once (a second tap, a
    second device: ``WrongState``), and a line on the learner's trail."""
    choices = run.drill.choices
    if not 0 <= index < len(choices):
        raise ValueError(f"no choice {index}")
    choice = choices[index]
    if choice.get("dial") in NUMBERS:  # 끊고 112에 신고한다: the phone calls it next
        run.reported_to = choice["dial"]
        run.reported_at = timezone.now()
    return _end(run, choice["outcome"], choice["label"])


def drill_report(*, run: DrillRun, to: str) -> DrillRun:
    """After a drill, the learner calls ``to`` (112, 1332, the bank's 지급정지) on the
    virtual phone: nothing is dialled; the run keeps where, and the trail says so. A
    run that fell stays "fell" (the money went), now reported; calling again is fine."""
    if to not in NUMBERS:
        raise ValueError(f"no report number {to!r}")
    if not run.is_over:
        raise WrongState("a drill is reported once it is over")
    run.reported_to, run.reported_at = to, timezone.now()
    with transaction.atomic():
        run.save(update_fields=["reported_to", "reported_at"])
        if run.customer_id:
            CenterEvent.objects.create(
                customer_id=run.customer_id,
                action=CenterEvent.Action.DRILL,
                result=CenterEvent.Result.OK,
                message=str(messages.report_line(run.drill.title, NUMBERS[to]))[:200],
            )
    return run


def fake_page_submit(*, run: DrillRun, boxes_filled: int) -> DrillRun:
    """The look-alike page was given something: the learner fell for it. Only how many
    boxes were filled is kept, never what."""
    run.boxes_filled = max(0, min(int(boxes_filled), 99))
    return _end(run, State.FELL, str(messages.TYPED_ON_FAKE_PAGE))


def _end(run: DrillRun, outcome: str, label: str) -> DrillRun:
    with transaction.atomic():
        DRILL_RUN.swap(
            run,
            State.WAITING,
            state=outcome,
            choice=label[:120],
            ended_at=timezone.now(),
            boxes_filled=run.boxes_filled,
            reported_to=run.reported_to,
            reported_at=run.reported_at,
        )
        if run.customer_id:
            safe = outcome != State.FELL
            CenterEvent.objects.create(
                customer_id=run.customer_id,
                action=CenterEvent.Action.DRILL,
                result=CenterEvent.Result.OK if safe else CenterEvent.Result.FAILED,
                message=str(messages.outcome_line(run.drill.title, outcome))[:200],
            )
    return run
