"""The class's results: one row per persona (a reset seat has one row per persona it
held), with the steps completed, the time and the wrong attempts per step, the
certificates the learner issued and whether a certificate login succeeded.

- A step's time runs from the previous step's success to its own; 발급 완료 ends the
  storage step. The total is the sum of the steps' times (as rounded in the sheet).
- Steps completed is how far the learner got: the furthest step of the progress
  indicator they passed, 발급 완료 being the 9th of 9 (a learner without the banking
  app skips 모바일 인증 and still reaches 9).
- Failures are wrong attempts only: a secret typed while its medium was already
  locked is a refusal (``IssuanceEvent.Result.REFUSED``), not a failure.
- Certificates issued are the ones the learner made: through the flow (발급/재발급) or
  by 갱신, never the ones a persona's situation handed out.

- 도와주세요: how often the persona asked, and how long they waited for someone
  (asked → taken, in minutes: the total and the longest); a request cancelled before
  anyone took it counts as asked, with no wait (classroom/help_queue.py).

A fixed number of queries for the whole class, whatever its size.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from classroom.help_queue import help_waits
from classroom.models import Classroom, SeatPersona
from classroom.situations import label as situation_label
from issuance.flow import machine
from issuance.models import (
    CenterEvent,
    Certificate,
    CertificateProduct,
    CertificateType,
    DrillRun,
    IssuanceEvent,
)
from lessons.selectors import task_grid

Step = machine.Step
# The steps a learner works through: install … storage, then the 금융인증서's own two.
TIMED_STEPS = (*machine.INDICATOR[1:-1], Step.CLOUD, Step.PIN)
# How far a step is in its indicator: 발급 전 확인 is 1, 발급 완료 is 9 (of 9); for the
# 금융인증서, 사용자 확인 is 1 and 발급 완료 6 (of 6).
REACHED = {step: number for number, step in enumerate(machine.INDICATOR, start=1)}
FINANCE_REACHED = {step: number for number, step in enumerate(machine.FINANCE_INDICATOR, start=1)}
OK, FAILED = IssuanceEvent.Result.OK, IssuanceEvent.Result.FAILED


@dataclass
class PersonaResult:
    seat_number: int
    persona_number: int  # 1 for the seat's first persona, 2 after one reset, …
    display_name: str
    user_id: str
    situation: str
    steps_completed: int = 0
    finance_steps_completed: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    certificates_issued: int = 0
    finance_issued: int = 0
    certificate_login: bool = False
    drills_safe: int = 0  # scam drills refused or reported
    drills_fell: int = 0
    drills_reported_after: int = 0  # fell, then called 112, 1332 or the bank
    tasks: list[bool] = field(default_factory=list)  # the class lesson's, in its order
    help_asked: int = 0  # 도와주세요
    help_wait_minutes: float = 0  # asked → taken, all of them
    help_longest_minutes: float = 0


def classroom_results(classroom: Classroom) -> list[PersonaResult]:
    """Every persona the class's seats held, in seat order, then in the order held."""
    results: dict[int, PersonaResult] = {}
    personas = (
        SeatPersona.objects.filter(seat__classroom=classroom)
        .order_by("seat__number", "created_at", "id")
        .values_list(
            "customer_id", "seat_id", "seat__number", "seat__display_name",
            "seat__situation", "customer__user_id",
        )
    )  # fmt: skip
    held: dict[int, int] = defaultdict(int)
    for customer_id, seat_id, number, name, situation, user_id in personas:
        held[seat_id] += 1
        results[customer_id] = PersonaResult(
            seat_number=number,
            persona_number=held[seat_id],
            display_name=name,
            user_id=user_id,
            situation=str(situation_label(situation)),
        )
    _add_flow_events(classroom, results)
    _add_certificates(classroom, results)
    _add_logins(classroom, results)
    _add_drills(classroom, results)
    _add_tasks(classroom, results)
    _add_help(classroom, results)
    return list(results.values())


def _add_flow_events(classroom: Classroom, results: dict[int, PersonaResult]) -> None:
    events = (
        IssuanceEvent.objects.filter(session__customer__seat_persona__seat__classroom=classroom)
        .order_by("session_id", "created_at", "id")
        .values_list(
            "session_id", "session__customer_id", "session__product", "step", "result",
            "created_at",
        )
    )  # fmt: skip
    previous_ok: dict = {}
    for session_id, customer_id, product, step, outcome, at in events:
        result = results[customer_id]
        finance = product == CertificateProduct.FINANCE
        last = Step.PIN if finance else Step.STORAGE  # the step that issues it
        counted = last if step == Step.COMPLETED else step
        if outcome == FAILED:
            result.failures[counted] += 1
        elif outcome == OK and finance:
            reached = FINANCE_REACHED.get(step, 0)
            result.finance_steps_completed = max(result.finance_steps_completed, reached)
        elif outcome == OK:
            result.steps_completed = max(result.steps_completed, REACHED.get(step, 0))
        if outcome == OK:
            if session_id in previous_ok and counted in TIMED_STEPS:
                result.seconds[counted] += (at - previous_ok[session_id]).total_seconds()
            previous_ok[session_id] = at


def _add_certificates(classroom: Classroom, results: dict[int, PersonaResult]) -> None:
    """Issued through the flow (it has its session) or renewed (it replaces another
    without a session); a persona's starting certificate has neither."""
    issued = Certificate.objects.filter(
        Q(issuance_session__isnull=False) | Q(replaces__isnull=False),
        customer__seat_persona__seat__classroom=classroom,
    ).values_list("customer_id", "cert_type")
    for customer_id, cert_type in issued:
        results[customer_id].certificates_issued += 1
        if cert_type == CertificateType.FINANCE:
            results[customer_id].finance_issued += 1


def _add_logins(classroom: Classroom, results: dict[int, PersonaResult]) -> None:
    logins = CenterEvent.objects.filter(
        customer__seat_persona__seat__classroom=classroom,
        action=CenterEvent.Action.LOGIN,
        result=CenterEvent.Result.OK,
    ).values_list("customer_id", flat=True)
    for customer_id in logins:
        results[customer_id].certificate_login = True


def _add_drills(classroom: Classroom, results: dict[int, PersonaResult]) -> None:
    runs = DrillRun.objects.filter(
        customer__seat_persona__seat__classroom=classroom,
        state__in=[DrillRun.State.REFUSED, DrillRun.State.REPORTED, DrillRun.State.FELL],
    ).values_list("customer_id", "state", "reported_to")
    for customer_id, state, reported_to in runs:
        if state == DrillRun.State.FELL:
            results[customer_id].drills_fell += 1
            results[customer_id].drills_reported_after += bool(reported_to)
        else:
            results[customer_id].drills_safe += 1


def _add_tasks(classroom: Classroom, results: dict[int, PersonaResult]) -> None:
    """Each persona's tasks of the class's lesson, ticked from its own events."""
    if not classroom.lesson_id:
        return
    grid = task_grid(classroom.lesson, list(results))
    for customer_id, done in grid.done.items():
        results[customer_id].tasks = done


def _add_help(classroom: Classroom, results: dict[int, PersonaResult]) -> None:
    for customer_id, waits in help_waits(classroom).items():
        result = results[customer_id]
        result.help_asked = waits.asked
        result.help_wait_minutes = waits.total_minutes
        result.help_longest_minutes = waits.longest_minutes


# --- As a table (CSV and .xlsx: classroom/spreadsheets.py writes it safely) ----------------


def header(tasks=()) -> list[str]:
    head = [_("자리"), _("페르소나 (이 자리의 몇 번째)"), _("이름"), _("사용자 ID"), _("상황")]
    head.append(_("완료한 단계 (9단계 중)"))
    head.append(_("금융인증서 완료 단계 (6단계 중)"))
    head += [_("%(step)s 시간(초)") % {"step": Step(step).label} for step in TIMED_STEPS]
    head.append(_("총 소요 시간(초)"))
    head += [_("%(step)s 오류") % {"step": Step(step).label} for step in TIMED_STEPS]
    head += [_("발급한 인증서"), _("그중 금융인증서"), _("인증서 로그인")]
    return [
        *head,
        _("금융사기 연습: 거절·신고"),
        _("금융사기 연습: 속음"),
        _("금융사기 연습: 속은 뒤 신고"),
        _("도움 요청 (회)"),
        _("도움 기다린 시간 합계 (분)"),
        _("도움 가장 오래 기다린 시간 (분)"),
        *(_("과제: %(task)s") % {"task": task.name} for task in tasks),
    ]


def row(result: PersonaResult) -> list:
    cells = [
        result.seat_number,
        result.persona_number,
        result.display_name,
        result.user_id,
        result.situation,
        result.steps_completed,
        result.finance_steps_completed,
    ]
    timed = [round(result.seconds.get(step, 0)) for step in TIMED_STEPS]
    cells += [*timed, sum(timed)]  # the total adds up to the columns beside it
    cells += [result.failures.get(step, 0) for step in TIMED_STEPS]
    login = _("예") if result.certificate_login else _("아니요")
    cells += [result.certificates_issued, result.finance_issued, login]
    cells += [result.drills_safe, result.drills_fell, result.drills_reported_after]
    cells += [result.help_asked, result.help_wait_minutes, result.help_longest_minutes]
    return [*cells, *(_("예") if done else _("아니요") for done in result.tasks)]


def table(classroom: Classroom) -> list[list]:
    """The header and one row per persona."""
    tasks = classroom.lesson.ordered_tasks() if classroom.lesson_id else []
    return [header(tasks), *(row(result) for result in classroom_results(classroom))]
