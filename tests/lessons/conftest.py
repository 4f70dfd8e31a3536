"""The seeded tasks and lessons, in every test here: a browser test elsewhere empties the
database (transactional tests flush it), the migration's rows with it."""

import pytest
from django.urls import reverse

from lessons import seed
from lessons.completion.services import completion_issue
from lessons.models import Lesson, LessonTask, Task
from tests.lessons.documents import link


@pytest.fixture(autouse=True)
def seeded_lessons(db):
    seed.load(Task, Lesson, LessonTask)


# --- The 수료증's tests (test_completion*.py) ------------------------------------------


@pytest.fixture
def lesson(db):
    lesson = Lesson.objects.create(key="cert-one", title="첫 발급", english="First issue")
    LessonTask.objects.create(lesson=lesson, task=Task.objects.get(key="refuse-scam"), order=1)
    return lesson


@pytest.fixture
def completion(issuing_ca, holder, lesson):
    return completion_issue(
        customer=holder,
        lesson=lesson,
        learner_name="홍길동",
        class_name="3월 디지털 금융 교실",
        trainer_name="김강사",
        tasks_done=["공동인증서 발급", "인증서 로그인"],
        quiz_score="8/10",
        verify_url_for=link,
    )


@pytest.fixture
def finished(holder):
    """홍길동 did the lesson's one task for real: refused a scam drill on the phone's
    service (which events tick a task: tests/lessons/test_rules.py)."""
    from issuance.drills import seed, services
    from issuance.models import Drill

    seed.load(Drill)
    drill = Drill.objects.get(key="prosecutor-reissue")
    run = services.drill_start(drill=drill, customer=holder)
    services.drill_answer(run=run, index=[c["outcome"] for c in drill.choices].index("refused"))


@pytest.fixture
def finished_learner(client, issuing_ca, holder, lesson, finished):
    """A self-paced learner (logged in as 홍길동) whose chosen lesson is complete."""
    client.force_login(holder)
    client.post(reverse("lessons:choose", args=[lesson.key]))
    return client
