"""A learner of a class, in English, Vietnamese or Chinese (issue #26): the class's own
pages (welcome, wallet, 오늘의 할 일, the resume card), a guided step with its hints, the
scam drills and the lessons carry no Korean without the learner's language beside it —
the data texts included (drills, tasks, lessons, hints: their ``translations``)."""

import importlib

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.persona_factory import ACCOUNT_PRODUCTS
from classroom import services
from classroom.models import Classroom
from lessons.models import Lesson
from tests.fixtures.classroom import join
from tests.portal.test_english_pages import FOREIGN, korean_alone

pytestmark = pytest.mark.django_db
HINT_MIGRATIONS = ("0002_hints", "0006_keypad_hints", "0008_finance_hints", "0014_translations")
PERSONA_DATA = (*ACCOUNT_PRODUCTS, "(모의)")  # the bank's product names, a phone's model


@pytest.fixture(autouse=True)
def seeded(db):
    """The seeded lessons, drills and hints with their translations: a browser test
    elsewhere empties the database (transactional tests flush it), the migrations' rows
    with it."""
    from django.apps import apps

    from classroom.models import Hint
    from issuance.drills import seed as drills
    from issuance.models import Drill
    from lessons import seed as lessons
    from lessons.models import LessonTask, Task

    lessons.load(Task, Lesson, LessonTask)
    drills.load(Drill)
    if not Hint.objects.exists():
        for name in HINT_MIGRATIONS:
            importlib.import_module(f"classroom.migrations.{name}").load(apps, None)


@pytest.fixture(params=FOREIGN)
def learner(request, trainer):
    lesson = Lesson.objects.get(key="issue-and-use")
    classroom = services.classroom_create(
        trainer=trainer,
        name="Lớp 1",
        situations=["foreign-resident", "foreign-resident-zh"],
        mode=Classroom.Mode.GUIDED,
        language=request.param,
        lesson=lesson,
    )
    client, seat = join(classroom, name="Lan")
    return client, seat


def test_the_class_pages_are_in_the_learners_language(learner):
    client, _seat = learner
    pages = [
        reverse("learner:welcome"),
        reverse("learner:wallet"),
        reverse("learner:checklist"),
        reverse("learner:takehome"),
        reverse("drills:home"),
        reverse("lessons:home"),
    ]
    left = {url: korean_alone(client.get(url), *PERSONA_DATA) for url in pages}
    assert left == {url: [] for url in pages}


def test_a_guided_step_shows_its_hints_in_the_learners_language(learner):
    client, _seat = learner
    client.post(reverse("flow:prerequisites"), {"confirm": "on"})
    page = client.get(reverse("flow:prerequisites"), follow=True)
    html = page.content.decode()
    assert 'class="hint-list"' in html
    # Each hint in the learner's language, its Korean beside (not the Korean alone).
    assert html.count('class="said-beside" lang="ko"') == html.count('class="hint hint-')
    assert korean_alone(page) == []


@pytest.mark.parametrize("language", FOREIGN)
def test_a_scam_drill_plays_and_is_debriefed_in_the_learners_language(client, language):
    """The caller's lines, the choices on the phone and the debrief: the learner's
    language first, the Korean a real caller would say beside it."""
    from issuance.models import DrillRun

    client.cookies["django_language"] = language
    client.post(reverse("drills:start", args=["prosecutor-reissue"]))
    run = DrillRun.objects.latest("created_at")
    said = run.drill.translated(language)
    phone = client.get(reverse("phone:phone"))
    assert escape(said["lines"][0]) in phone.content.decode()
    assert korean_alone(phone, run.drill.sender) == []
    refused = next(i for i, c in enumerate(run.drill.choices) if c["outcome"] == "refused")
    client.post(reverse("phone:drill_choose"), {"run": run.pk, "choice": refused})
    debrief = client.get(reverse("drills:debrief", args=[run.pk]))
    assert escape(said["signs"][0]) in debrief.content.decode()
    assert korean_alone(debrief, run.drill.sender) == []
