"""A class with a lesson: the trainer picks it when creating the class (or with
``classroom_create --lesson``); each learner's "오늘의 할 일" follows it; the dashboard
counts tasks done, the grid (learners × tasks) fills from real events at a fixed query
cost, and the results gain one column per task."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from classroom import services
from classroom.models import Classroom
from lessons.models import Lesson
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded_lessons(db):
    from lessons import seed
    from lessons.models import LessonTask, Task

    seed.load(Task, Lesson, LessonTask)


@pytest.fixture
def lesson_class(trainer):
    lesson = Lesson.objects.get(key="first-issue")
    return services.classroom_create(trainer=trainer, name="목요반", lesson=lesson)


def text(response) -> str:
    return response.content.decode()


def issue_for(seat, issuing_ca):
    """The seat's learner walks the whole issuance (the real flow's services)."""
    from tests.fixtures.classroom import walk_flow

    walk_flow(seat)


def test_the_trainer_picks_a_lesson_when_creating_the_class(trainer_client):
    page = text(trainer_client.get(reverse("trainer:index")))
    assert "수업 과정 (과제)" in page and "발급과 활용" in page
    data = {
        "name": "금요반", "situations": ["ready"], "mode": "guided", "language": "ko",
        "keypad": "on", "stuck_minutes": 3, "stuck_failures": 3, "lesson": "issue-and-use",
    }  # fmt: skip
    response = trainer_client.post(reverse("trainer:index"), data)
    assert response.status_code == 302
    assert Classroom.objects.get(name="금요반").lesson.key == "issue-and-use"
    data["lesson"] = "no-such-lesson"
    refused = text(trainer_client.post(reverse("trainer:index"), {**data, "name": "토요반"}))
    assert "목록에 있는 과정을 고르세요" in refused
    assert not Classroom.objects.filter(name="토요반").exists()


def test_classroom_create_takes_a_lesson_and_says_it_in_json(trainer):
    out = StringIO()
    call_command(
        "classroom_create", "--name", "화요반", "--trainer", "trainer1",
        "--lesson", "safe-use", "--json", stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["lesson"] == "safe-use"
    with pytest.raises(CommandError, match="알 수 없는 수업 과정"):
        call_command("classroom_create", "--name", "x", "--trainer", "trainer1", "--lesson", "z")


def test_the_learner_sees_the_class_lesson_ticking(lesson_class, issuing_ca):
    client, seat = join(lesson_class, "가")
    assert 'id="checklist-drawer"' in text(client.get(reverse("center:home")))
    assert "0/3 완료" in text(client.get(reverse("learner:checklist")))
    issue_for(seat, issuing_ca)
    panel = text(client.get(reverse("learner:checklist")))
    assert "1/3 완료" in panel and "처음 발급" in panel


def test_a_class_without_a_lesson_still_has_the_seed_checklist(classroom):
    client, _seat = join(classroom, "가")
    panel = text(client.get(reverse("learner:checklist")))
    assert "발급 체크리스트" in panel and "계좌 정보 확인" in panel and "완료</span>" not in panel


def test_the_dashboard_counts_tasks_and_the_grid_fills(trainer_client, lesson_class, issuing_ca):
    _a, first = join(lesson_class, "가")
    join(lesson_class, "나")
    issue_for(first, issuing_ca)
    rows = text(trainer_client.get(reverse("trainer:rows", args=[lesson_class.code])))
    assert "1/3" in rows[rows.index("가") :][:2000] and "0/3" in rows
    grid = text(trainer_client.get(reverse("trainer:tasks", args=[lesson_class.code])))
    assert "1. 공동인증서 발급" in grid and "학습자별 과제 완료 표" in grid
    first_row = grid[grid.index('data-seat="1"') :]
    assert first_row.index("is-done") < first_row.index('data-seat="2"')


def test_another_trainer_never_sees_the_grid(lesson_class, other_trainer, client):
    client.force_login(other_trainer)
    assert client.get(reverse("trainer:tasks", args=[lesson_class.code])).status_code == 404
    assert client.get(reverse("trainer:task_rows", args=[lesson_class.code])).status_code == 404


def test_the_results_have_a_column_per_task(trainer_client, lesson_class, issuing_ca):
    from classroom.results import table

    _client, seat = join(lesson_class, "가")
    issue_for(seat, issuing_ca)
    head, row = table(lesson_class)
    assert head[-3:] == [
        "과제: 공동인증서 발급",
        "과제: 인증서 로그인",
        "과제: 설치 오류에서 다시 설치",
    ]
    assert row[-3:] == ["예", "아니요", "아니요"]


def test_the_grid_costs_the_same_queries_whatever_the_class_size(trainer_client, lesson_class):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from issuance.flow import services as flow

    def measure(learners: int) -> tuple[int, int]:
        while lesson_class.seats.count() < learners:
            number = lesson_class.seats.count()
            seat = services.seat_join(code=lesson_class.code, display_name=f"{number}")
            if number % 2:
                flow.session_start(customer=seat.personas.get().customer)
        counts = []
        for name in ("trainer:rows", "trainer:task_rows"):
            url = reverse(name, args=[lesson_class.code])
            trainer_client.get(url)  # the session and the user are cached after this
            with CaptureQueriesContext(connection) as queries:
                response = trainer_client.get(url)
            assert text(response).count("data-seat=") == learners
            counts.append(len(queries))
        return tuple(counts)

    assert measure(3) == measure(60)


def test_a_learner_who_finished_prints_a_certificate_naming_the_class(trainer, issuing_ca):
    import io

    from pypdf import PdfReader

    from classroom import quiz
    from classroom.models import Question
    from issuance.drills import seed as drill_seed
    from issuance.drills import services as drills
    from issuance.models import Drill
    from lessons.models import Completion, LessonTask, Task

    lesson = Lesson.objects.create(key="scam-only", title="사기 거절", minutes=10)
    LessonTask.objects.create(lesson=lesson, task=Task.objects.get(key="refuse-scam"), order=1)
    classroom = services.classroom_create(trainer=trainer, name="수요반", lesson=lesson)
    client, seat = join(classroom, "박수강")
    refused = client.post(reverse("learner:certificate"), {"learner_name": "박수강"})
    assert refused.status_code == 403 and not Completion.objects.exists()
    Question.objects.create(text="?", choices=["가", "나"], answer=1, explanation="!")
    run = quiz.quiz_start(classroom=classroom)
    quiz.quiz_answer(run=run, seat=seat, choice=1)
    quiz.quiz_reveal(run=run)
    drill_seed.load(Drill)
    drill = Drill.objects.get(key="fine-smishing")
    run = drills.drill_start(drill=drill, customer=seat.personas.get().customer)
    drills.drill_answer(run=run, index=[c["outcome"] for c in drill.choices].index("refused"))
    assert reverse("learner:certificate") in text(client.get(reverse("learner:checklist")))
    assert 'value="박수강"' in text(client.get(reverse("learner:certificate")))
    response = client.post(reverse("learner:certificate"), {"learner_name": "박수강"})
    completion = Completion.objects.get()
    assert (completion.class_name, completion.trainer_name) == ("수요반", "김강사")
    assert completion.quiz_score == "1/1" and completion.tasks_done == ["금융사기 전화·문자 거절"]
    document = client.get(response["Location"]).content
    printed = PdfReader(io.BytesIO(document)).pages[0].extract_text()
    assert "박수강" in printed and "수요반" in printed and "1/1" in printed
    verify = text(client.get(reverse("lessons:verify", args=[completion.pk])))
    assert 'data-verdict="valid"' in verify and "수요반" in verify


def test_classroom_show_says_how_many_tasks_each_learner_did(lesson_class, issuing_ca):
    _client, seat = join(lesson_class, "가")
    issue_for(seat, issuing_ca)
    out = StringIO()
    call_command("classroom_show", lesson_class.code, "--json", stdout=out)
    (shown,) = json.loads(out.getvalue())["seats"]
    assert (shown["tasks_done"], shown["tasks_total"]) == (1, 3)
