"""The class's results, per learner (every persona their seat held): steps completed,
time and failures per step, certificates issued, certificate login done.

A step's time runs from the previous step's success to its own; 발급 완료 ends
the storage step. Three queries for the whole class.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from classroom.models import Classroom
from classroom.situations import label as situation_label
from issuance.flow import machine
from issuance.models import CenterEvent, Certificate, IssuanceEvent

Step = machine.Step
TIMED_STEPS = machine.INDICATOR[1:-1]  # install … storage: the steps a learner works through
OK, FAILED = IssuanceEvent.Result.OK, IssuanceEvent.Result.FAILED


@dataclass
class LearnerResult:
    number: int
    display_name: str
    situation: str
    user_ids: list[str] = field(default_factory=list)
    steps_completed: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    certificates_issued: int = 0
    certificate_login: bool = False


def classroom_results(classroom: Classroom) -> list[LearnerResult]:
    results: dict[int, LearnerResult] = {}
    for seat in classroom.seats.order_by("number").prefetch_related("personas__customer"):
        result = LearnerResult(seat.number, seat.display_name, str(situation_label(seat.situation)))
        result.user_ids = [persona.customer.user_id for persona in seat.personas.all()]
        results[seat.pk] = result

    events = (
        IssuanceEvent.objects.filter(session__customer__seat_persona__seat__classroom=classroom)
        .order_by("session_id", "created_at", "id")
        .values_list(
            "session_id", "session__customer__seat_persona__seat", "step", "result", "created_at"
        )
    )
    session_steps: dict = defaultdict(set)
    previous_ok: dict = {}
    for session_id, seat_id, step, outcome, at in events:
        result = results[seat_id]
        counted = Step.STORAGE if step == Step.COMPLETED else step
        if outcome == FAILED:
            result.failures[counted] += 1
        elif outcome == OK:
            session_steps[(seat_id, session_id)].add(step)
            if session_id in previous_ok and counted in TIMED_STEPS:
                result.seconds[counted] += (at - previous_ok[session_id]).total_seconds()
            previous_ok[session_id] = at
    for (seat_id, _session), steps in session_steps.items():
        done = len([s for s in machine.INDICATOR if s in steps])
        results[seat_id].steps_completed = max(results[seat_id].steps_completed, done)

    issued = Certificate.objects.filter(
        customer__seat_persona__seat__classroom=classroom
    ).values_list("customer__seat_persona__seat", flat=True)
    for seat_id in issued:
        results[seat_id].certificates_issued += 1
    logins = CenterEvent.objects.filter(
        customer__seat_persona__seat__classroom=classroom,
        action=CenterEvent.Action.LOGIN,
        result=CenterEvent.Result.OK,
    ).values_list("customer__seat_persona__seat", flat=True)
    for seat_id in logins:
        results[seat_id].certificate_login = True
    return list(results.values())


def csv_header() -> list[str]:
    header = [_("자리"), _("이름"), _("상황"), _("사용자 ID"), _("완료한 단계 (9단계 중)")]
    header += [_("%(step)s 시간(초)") % {"step": Step(step).label} for step in TIMED_STEPS]
    header += [_("%(step)s 오류") % {"step": Step(step).label} for step in TIMED_STEPS]
    return [*header, _("발급한 인증서"), _("인증서 로그인")]


def csv_row(result: LearnerResult) -> list:
    row = [
        result.number,
        result.display_name,
        result.situation,
        " ".join(result.user_ids),
        result.steps_completed,
    ]
    row += [round(result.seconds.get(step, 0)) for step in TIMED_STEPS]
    row += [result.failures.get(step, 0) for step in TIMED_STEPS]
    login = _("예") if result.certificate_login else _("아니요")
    return [*row, result.certificates_issued, login]
