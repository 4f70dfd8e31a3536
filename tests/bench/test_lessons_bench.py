"""What the lesson layer costs, in process (run with `make bench`; nothing asserts a
time). Each figure is a median of server CPU per request through Django's handler,
and in floors (÷ one static file through the same handler, measured in the same run):

- the learner's panel poll (every 10 s on every page): now also asks whether a 골든벨
  is running; printed with its queries;
- 오늘의 할 일 opened (the lesson's rules and the seed's ten items);
- the trainer's table poll (every 2 s) for 60 learners, without and with a lesson of
  seven tasks (its one query per rule), in the same run: the ratio is the price;
- the 과제 표 poll (every 5 s) and the 골든벨 board poll (every 2 s) for 60 learners;
- one 수료증 issued (the PDF with its font, SHA-256, the CMS signature).
"""

import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classroom import quiz, services
from classroom.models import Classroom, Question
from lessons import seed
from lessons.completion.services import completion_issue
from lessons.models import Lesson, LessonTask, Task
from tests.bench.test_learner_bench import floor_cpu_ms

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
RUNS = 60
LEARNERS = 60


def cpu_ms(action, runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        started = time.thread_time()
        action()
        samples.append((time.thread_time() - started) * 1000)
    return statistics.median(samples)


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def report(name: str, ms: float, floor: float, count: int | None = None) -> None:
    extra = f", {count} queries" if count is not None else ""
    print(f"{name}: {ms:.2f} ms = {ms / floor:.1f} floors{extra}")


def test_what_the_lesson_layer_costs(trainer, issuing_ca):
    seed.load(Task, Lesson, LessonTask)
    lesson = Lesson.objects.get(key="issue-and-use")
    plain = services.classroom_create(trainer=trainer, name="과정 없음")
    with_lesson = services.classroom_create(trainer=trainer, name="과정", lesson=lesson)
    for classroom in (plain, with_lesson):
        for number in range(LEARNERS):
            services.seat_join(code=classroom.code, display_name=f"{number}")
    learner = Client()
    learner.post("/join/", {"code": with_lesson.code, "display_name": "측정"})
    trainer_client = Client()
    trainer_client.force_login(trainer)
    floor = floor_cpu_ms()
    print(f"\nfloor (one static file): {floor:.3f} ms")

    def get(client, url, **headers):
        return lambda: client.get(url, headers=headers)

    panel = get(learner, reverse("learner:message"), HX_Request="true")
    report("learner panel poll", cpu_ms(panel), floor, queries(panel))
    drawer = get(learner, reverse("learner:checklist"))
    report("오늘의 할 일 opened (7 tasks + 10 items)", cpu_ms(drawer), floor, queries(drawer))

    rows = {
        c.name: get(trainer_client, reverse("trainer:rows", args=[c.code]))
        for c in (plain, with_lesson)
    }
    without, within = cpu_ms(rows["과정 없음"]), cpu_ms(rows["과정"])
    report(
        f"trainer rows, {LEARNERS} learners, no lesson", without, floor, queries(rows["과정 없음"])
    )
    report(
        f"trainer rows, {LEARNERS} learners, a lesson of 7", within, floor, queries(rows["과정"])
    )
    print(f"  the lesson's price on the table: × {within / without:.2f}")
    grid = get(trainer_client, reverse("trainer:task_rows", args=[with_lesson.code]))
    report(f"과제 표 poll, {LEARNERS} learners", cpu_ms(grid), floor, queries(grid))

    questions = list(Question.objects.all()[:2]) or [
        Question.objects.create(text="?", choices=["가", "나"], answer=0, explanation="!")
    ]
    run = quiz.quiz_start(classroom=Classroom.objects.get(pk=with_lesson.pk), questions=questions)
    for seat in with_lesson.seats.all()[:LEARNERS]:
        quiz.quiz_answer(run=run, seat=seat, choice=0)
    board = get(trainer_client, reverse("trainer:quiz_board", args=[with_lesson.code]))
    report(f"골든벨 board poll, {LEARNERS} learners", cpu_ms(board), floor, queries(board))
    report("learner panel poll during a 골든벨", cpu_ms(panel), floor, queries(panel))

    def issue():
        completion_issue(
            customer=None, lesson=lesson, learner_name="김민수", class_name="화요반",
            trainer_name="김강사", tasks_done=[task.title for task in lesson.ordered_tasks()],
            quiz_score="2/2", verify_url_for=lambda pk: f"http://127.0.0.1:8000/lessons/verify/{pk}/",
        )  # fmt: skip

    issue()  # the document signer is made on first use: not counted
    report("one 수료증 (PDF + SHA-256 + CMS)", cpu_ms(issue, runs=10), floor)
