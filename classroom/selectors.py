"""Reads of the classroom: the live dashboard, a learner's trail, the class's results.

``dashboard_rows`` is one query whatever the class size: every seat with its
current persona, that persona's latest flow (status, since when, failures at
this step) and its last event, as correlated subqueries.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.banking import bank_name
from classroom.handouts import handout_of
from classroom.models import Classroom, Hint, Seat, SeatPersona
from classroom.situations import label as situation_label
from issuance.flow import machine
from issuance.models import (
    CenterEvent,
    Certificate,
    CertificateProduct,
    DrillRun,
    IssuanceEvent,
    IssuanceSession,
)
from issuance.scenario_rules import rules
from lessons.selectors import task_grid

Step = machine.Step


@dataclass(frozen=True)
class SeatRow:
    number: int
    display_name: str
    situation: str
    user_id: str
    step: str  # a flow status, "center" (certificate centre), or "" (not started)
    step_label: str
    seconds_on_step: int
    failures: int
    keypad_shuffles: int  # 재배열 on the 보안 키패드, since the class began
    last_message: str
    stuck: bool
    state: str  # waiting / active / completed / stopped / expired / center
    drill_state: str = ""  # the latest scam drill: waiting / refused / reported / fell
    drill_reported: bool = False  # … and the learner called 112, 1332 or the bank after it
    customer_id: int | None = None  # the seat's current persona
    tasks_done: int = 0  # of the class's lesson (lessons/rules.py: from real events)
    tasks_total: int = 0

    @property
    def drill_label(self) -> str:
        if not self.drill_state:
            return ""
        label = str(DrillRun.State(self.drill_state).label)
        if self.drill_reported and self.drill_state == DrillRun.State.FELL:
            return _("%(state)s → 신고") % {"state": label}
        return label

    @property
    def minutes_on_step(self) -> str:
        minutes, seconds = divmod(self.seconds_on_step, 60)
        return f"{minutes}:{seconds:02d}"


def _annotated_seats(classroom: Classroom):
    persona = SeatPersona.objects.current().filter(seat=OuterRef("pk"))
    session = IssuanceSession.objects.filter(customer_id=OuterRef("persona_customer")).order_by(
        "-created_at"
    )
    last_event = IssuanceEvent.objects.filter(
        session__customer_id=OuterRef("persona_customer")
    ).order_by("-created_at", "-id")
    last_center = CenterEvent.objects.filter(customer_id=OuterRef("persona_customer")).order_by(
        "-created_at", "-id"
    )
    last_drill = DrillRun.objects.filter(customer_id=OuterRef("persona_customer")).order_by(
        "-created_at"
    )
    failures = (
        IssuanceEvent.objects.filter(
            session_id=OuterRef("session_id"),
            result=IssuanceEvent.Result.FAILED,
            step=OuterRef("session_status"),
            created_at__gte=OuterRef("session_entered"),
        )
        .values("session_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        classroom.seats.order_by("number")
        .annotate(
            persona_customer=Subquery(persona.values("customer_id")[:1]),
            persona_user_id=Subquery(persona.values("customer__user_id")[:1]),
            session_id=Subquery(session.values("id")[:1]),
            session_status=Subquery(session.values("status")[:1]),
            session_product=Subquery(session.values("product")[:1]),
            session_entered=Subquery(session.values("status_changed_at")[:1]),
            session_expires=Subquery(session.values("expires_at")[:1]),
            event_message=Subquery(last_event.values("message")[:1]),
            event_at=Subquery(last_event.values("created_at")[:1]),
            center_action=Subquery(last_center.values("action")[:1]),
            center_message=Subquery(last_center.values("message")[:1]),
            center_at=Subquery(last_center.values("created_at")[:1]),
            step_failures=Coalesce(Subquery(failures, output_field=IntegerField()), Value(0)),
            drill_state=Subquery(last_drill.values("state")[:1]),
            drill_reported=Subquery(last_drill.values("reported_to")[:1]),
        )
        .values(
            "number",
            "display_name",
            "situation",
            "persona_user_id",
            "session_status",
            "session_product",
            "session_entered",
            "session_expires",
            "event_message",
            "event_at",
            "center_action",
            "center_message",
            "center_at",
            "step_failures",
            "drill_state",
            "drill_reported",
            "persona_customer",
            "keypad_shuffles",
            "keypad_shuffled_at",
        )
    )


def _row(values: dict, classroom: Classroom, now: datetime) -> SeatRow:
    status = values["session_status"] or ""
    entered = values["session_entered"]
    message, last_at = values["event_message"] or "", values["event_at"]
    center_at = values["center_at"]
    step, state = status, "active"
    if not status:
        state = "waiting"
    elif status in machine.FINAL:
        state = status
    elif values["session_expires"] <= now:
        state = "expired"
    if center_at and (last_at is None or center_at > last_at):
        # The learner's latest action was in the certificate centre.
        step, state, message, entered = "center", "center", values["center_message"], center_at
    seconds = int((now - entered).total_seconds()) if entered else 0
    failures = values["step_failures"] if step == status else 0
    shuffles, shuffled_at = values["keypad_shuffles"], values["keypad_shuffled_at"]
    # Keys shuffled again and again, lately on this very step: lost on the 보안 키패드.
    lost_on_keypad = (
        shuffles >= classroom.stuck_failures and entered and shuffled_at and shuffled_at >= entered
    )
    stuck = state in ("stopped", "expired") or (
        state == "active"
        and (
            seconds > classroom.stuck_minutes * 60
            or failures >= classroom.stuck_failures
            or bool(lost_on_keypad)
        )
    )
    if step == "center":
        step_label = str(CenterEvent.Action(values["center_action"]).label)
    elif status and values["session_product"] == CertificateProduct.FINANCE:
        step_label = f"{CertificateProduct.FINANCE.label} · {Step(status).label}"
    elif status:
        step_label = str(Step(status).label)
    else:
        step_label = ""
    return SeatRow(
        number=values["number"],
        display_name=values["display_name"],
        situation=str(situation_label(values["situation"])),
        user_id=values["persona_user_id"] or "",
        step=step,
        step_label=step_label,
        seconds_on_step=max(seconds, 0),
        failures=failures,
        keypad_shuffles=shuffles,
        last_message=message,
        stuck=stuck,
        state=state,
        drill_state=values["drill_state"] or "",
        drill_reported=bool(values["drill_reported"]),
        customer_id=values["persona_customer"],
    )


def dashboard_rows(classroom: Classroom) -> list[SeatRow]:
    """One row per learner, as the trainer's dashboard shows it: one query, and with a
    lesson one more per task rule (lessons/selectors.task_grid), whatever the class size."""
    now = timezone.now()
    rows = [_row(values, classroom, now) for values in _annotated_seats(classroom)]
    if not classroom.lesson_id:
        return rows
    grid = task_grid(classroom.lesson, [row.customer_id for row in rows if row.customer_id])
    total = len(grid.tasks)
    return [replace(row, tasks_done=grid.count(row.customer_id), tasks_total=total) for row in rows]


def seat_row(seat: Seat) -> SeatRow | None:
    """One learner's row of the dashboard (its step and last record), one query."""
    values = _annotated_seats(seat.classroom).filter(pk=seat.pk).first()
    return _row(values, seat.classroom, timezone.now()) if values else None


@dataclass(frozen=True)
class TaskRow:
    number: int
    display_name: str
    done: list[bool]

    @property
    def count(self) -> int:
        return sum(self.done)


@dataclass(frozen=True)
class TaskGrid:
    tasks: list
    rows: list[TaskRow]

    def done_by_task(self) -> list[int]:
        """For each task, how many learners did it (the grid's last row)."""
        return [sum(row.done[i] for row in self.rows) for i in range(len(self.tasks))]


def task_rows(classroom: Classroom) -> TaskGrid:
    """Learners × the lesson's tasks (each seat's current persona): one query for the
    seats, then one per task rule, whatever the class size."""
    seats = list(
        SeatPersona.objects.current()
        .filter(seat__classroom=classroom)
        .order_by("seat__number")
        .values_list("seat__number", "seat__display_name", "customer_id")
    )
    grid = task_grid(classroom.lesson, [customer_id for _n, _d, customer_id in seats])
    return TaskGrid(
        tasks=grid.tasks,
        rows=[TaskRow(number, name, grid.done[pk]) for number, name, pk in seats],
    )


# --- One learner ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    where: str
    result: str
    message: str
    persona: str


def seat_trail(seat: Seat) -> list[TrailEntry]:
    """Every event of every persona the seat held, flow and centre, in order."""
    flow = IssuanceEvent.objects.filter(session__customer__seat_persona__seat=seat).values_list(
        "created_at", "step", "result", "message", "session__customer__user_id"
    )
    center = CenterEvent.objects.filter(customer__seat_persona__seat=seat).values_list(
        "created_at", "action", "result", "message", "customer__user_id"
    )
    entries = [
        TrailEntry(at, str(Step(step).label), result, message, user_id)
        for at, step, result, message, user_id in flow
    ]
    entries += [
        TrailEntry(at, str(CenterEvent.Action(action).label), result, message, user_id)
        for at, action, result, message, user_id in center
    ]
    return sorted(entries, key=lambda entry: entry.at)


def seat_certificates(seat: Seat):
    return (
        Certificate.objects.filter(customer__seat_persona__seat=seat)
        .select_related("customer")
        .order_by("-issued_at")
    )


def current_persona(seat: Seat) -> SeatPersona | None:
    return SeatPersona.objects.current().filter(seat=seat).select_related("customer").first()


def wallet(persona: SeatPersona) -> dict:
    """What the learner's wallet shows (and the trainer's view of it): the handout, with
    today's balances, the banking app's version as the seat's scenario makes it, and the
    name of the bank that issued a certificate the persona holds."""
    wallet = handout_of(persona)
    balances = dict(persona.customer.accounts.values_list("number", "balance"))
    for account in wallet["accounts"]:
        account["balance"] = balances.get(account["number"], account["balance"])
    if app := wallet.get("mobile_app"):  # "모바일 앱 구버전" on: the phone has the old version
        app["version"] = rules(persona.seat.scenario).app_version(app["version"])
    if wallet.get("certificate_bank"):
        wallet["certificate_bank_name"] = bank_name(wallet["certificate_bank"])
    return wallet


def seat_step(seat: Seat) -> str | None:
    """The flow step the seat's learner is on now (None: no open flow)."""
    status = (
        IssuanceSession.objects.filter(
            customer__seat_persona__seat=seat,
            customer__seat_persona__retired_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(status__in=machine.FINAL)
        .order_by("-created_at")
        .values_list("status", flat=True)
        .first()
    )
    return machine.shown_as(status) if status else None


def step_hints(step: str) -> list[Hint]:
    return list(Hint.objects.filter(step=step))
