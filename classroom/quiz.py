"""골든벨: a live quiz the trainer runs on the projector and the learners answer on their
own screens. A run asks its questions one at a time; each is open until its deadline
(the question's ``seconds``), then revealed: the answers as a bar chart, the right one,
and who is still standing (every question so far answered right). The server keeps the
time: an answer after the deadline is refused, whatever the learner's clock says."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classroom.models import Classroom, Question, QuizAnswer, QuizItem, QuizRun, Seat
from issuance.transitions import Machine
from portal.refusals import Refused

State = QuizRun.State
QUIZ = Machine(
    QuizRun,
    "state",
    {
        State.ASKING: (State.REVEALED, State.FINISHED),
        State.REVEALED: (State.ASKING, State.FINISHED),
        State.FINISHED: (),
    },
)
LIVE = (State.ASKING, State.REVEALED)
DEFAULT_COUNT = 5
TIME_OVER = _("시간이 지났습니다. 다음 문제를 기다리세요.")
ALREADY = _("이미 답했습니다. 정답 공개를 기다리세요.")
NOT_ASKING = _("지금은 답할 수 있는 문제가 없습니다.")


# --- The trainer's controls -----------------------------------------------------------


# Whether a class has a live run: every learner's panel asks every 10 s, so the answer is
# cached per class, forgotten when a run starts or ends, and read again from the
# database at most every LIVE_SECONDS (a poll racing a start, or an edit in the admin,
# cannot keep a stale answer longer).
LIVE_SECONDS = 30


def _live_key(classroom_id: int) -> str:
    return f"quiz:live:{classroom_id}"


def _forget_live(classroom_id: int) -> None:
    cache.delete(_live_key(classroom_id))


def quiz_start(*, classroom: Classroom, questions=None, count: int = DEFAULT_COUNT) -> QuizRun:
    """A new run of ``questions`` (default: the first ``count`` active ones); a run still
    going in this class ends first. The first question is asked at once."""
    chosen = list(questions or Question.objects.filter(active=True)[:count])
    if not chosen:
        raise ValueError("no question to ask")
    now = timezone.now()
    with transaction.atomic():
        QuizRun.objects.filter(classroom=classroom).exclude(state=State.FINISHED).update(
            state=State.FINISHED
        )
        run = QuizRun.objects.create(
            classroom=classroom,
            state=State.ASKING,
            asked_at=now,
            deadline=now + timedelta(seconds=chosen[0].seconds),
        )
        QuizItem.objects.bulk_create(
            QuizItem(run=run, question=question, position=position)
            for position, question in enumerate(chosen)
        )
    _forget_live(classroom.pk)
    return run


def quiz_reveal(*, run: QuizRun) -> bool:
    """정답 공개: the question closes (the trainer's button, or its deadline passed)."""
    return QUIZ.try_swap(run, State.ASKING, state=State.REVEALED)


def quiz_next(*, run: QuizRun) -> bool:
    """다음 문제, or the end after the last one."""
    position = run.current + 1
    question = run.items.filter(position=position).select_related("question").first()
    if question is None:
        finished = QUIZ.try_swap(run, State.REVEALED, state=State.FINISHED)
        _forget_live(run.classroom_id)
        return finished
    now = timezone.now()
    return QUIZ.try_swap(
        run,
        State.REVEALED,
        state=State.ASKING,
        current=position,
        asked_at=now,
        deadline=now + timedelta(seconds=question.question.seconds),
    )


def quiz_stop(*, run: QuizRun) -> bool:
    if run.state == State.FINISHED:
        return False
    stopped = QUIZ.try_swap(run, run.state, state=State.FINISHED)
    _forget_live(run.classroom_id)
    return stopped


def close_if_due(run: QuizRun) -> QuizRun:
    """A question past its deadline is revealed (whoever looks first: the projector's
    poll or a learner's)."""
    if run.state == State.ASKING and timezone.now() >= run.deadline:
        quiz_reveal(run=run)
    return run


# --- The learner's answer ---------------------------------------------------------------


def quiz_answer(*, run: QuizRun, seat: Seat, choice: int) -> QuizAnswer:
    """The seat's answer to the question now asked: once, before the deadline."""
    close_if_due(run)
    if run.state != State.ASKING:
        raise Refused(TIME_OVER if run.state == State.REVEALED else NOT_ASKING)
    question = current_question(run)
    if not 0 <= choice < len(question.choices):
        raise ValueError(f"no choice {choice}")
    try:
        with transaction.atomic():
            return QuizAnswer.objects.create(
                run=run,
                position=run.current,
                seat=seat,
                choice=choice,
                correct=choice == question.answer,
            )
    except IntegrityError:
        raise Refused(ALREADY) from None


# --- What the projector and the learners see -----------------------------------------------


def is_running(classroom_id: int) -> bool:
    """A run is live in the class (the cached answer, else the database's)."""
    live = cache.get(_live_key(classroom_id))
    if live is None:
        live = QuizRun.objects.filter(classroom_id=classroom_id, state__in=LIVE).exists()
        cache.set(_live_key(classroom_id), live, LIVE_SECONDS)
    return live


def current_run(classroom: Classroom) -> QuizRun | None:
    run = QuizRun.objects.filter(classroom=classroom).exclude(state=State.FINISHED).first()
    return close_if_due(run) if run else None


def current_question(run: QuizRun) -> Question:
    return QuizItem.objects.select_related("question").get(run=run, position=run.current).question


def seconds_left(run: QuizRun) -> int:
    if run.state != State.ASKING:
        return 0
    return max(0, int((run.deadline - timezone.now()).total_seconds() + 0.999))


@dataclass(frozen=True)
class Board:
    """The projector: the question, its answers per choice, who is still standing."""

    run: QuizRun
    question: Question
    total: int
    counts: list[int]
    answered: int
    learners: int
    standing: list[str]  # display names, in seat order
    scores: dict[int, int]  # seat id → right answers among the revealed questions

    @property
    def position(self) -> int:
        return self.run.current + 1

    @property
    def revealed(self) -> bool:
        return self.run.state != State.ASKING

    @property
    def finished(self) -> bool:
        return self.run.state == State.FINISHED

    @property
    def seconds_left(self) -> int:
        return seconds_left(self.run)

    @property
    def bars(self) -> list[tuple[str, int, int, bool]]:
        """(choice, count, percent of the answers, is the answer) for the bar chart."""
        top = max(self.answered, 1)
        return [
            (choice, count, round(100 * count / top), index == self.question.answer)
            for index, (choice, count) in enumerate(
                zip(self.question.choices, self.counts, strict=True)
            )
        ]


def scores(run: QuizRun) -> dict[int, int]:
    """Right answers per seat among the questions closed so far."""
    closed = run.current + (0 if run.state == State.ASKING else 1)
    rows = (
        QuizAnswer.objects.filter(run=run, position__lt=closed, correct=True)
        .values("seat_id")
        .annotate(n=Count("id"))
    )
    return {row["seat_id"]: row["n"] for row in rows}


def board(run: QuizRun) -> Board:
    question = current_question(run)
    per_choice = dict(
        QuizAnswer.objects.filter(run=run, position=run.current)
        .values_list("choice")
        .annotate(n=Count("id"))
    )
    counts = [per_choice.get(index, 0) for index in range(len(question.choices))]
    closed = run.current + (0 if run.state == State.ASKING else 1)
    seats = list(run.classroom.seats.order_by("number").values_list("pk", "display_name"))
    right = scores(run)
    return Board(
        run=run,
        question=question,
        total=run.items.count(),
        counts=counts,
        answered=sum(counts),
        learners=len(seats),
        standing=[name for pk, name in seats if right.get(pk, 0) == closed],
        scores=right,
    )


def score_of(seat: Seat) -> str:
    """The seat's score in the class's latest run, as "right/asked" (the 수료증 prints it),
    or "" when the class held no 골든벨."""
    run = QuizRun.objects.filter(classroom_id=seat.classroom_id).first()
    if run is None:
        return ""
    asked = run.current + (0 if run.state == State.ASKING else 1)
    right = QuizAnswer.objects.filter(run=run, seat=seat, correct=True, position__lt=asked).count()
    return f"{right}/{asked}"
