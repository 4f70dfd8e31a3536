"""골든벨: the trainer starts a run on the projector, learners answer on their own
screens before each deadline (the server's clock), the board shows the answers per
choice, the right one and who is still standing; scores count the closed questions."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from classroom import quiz, services
from classroom.models import Question, QuizAnswer
from portal.refusals import Refused
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded_questions(db):
    """The seeded questions (a transactional browser test may have flushed them)."""
    import importlib

    seed = importlib.import_module("classroom.migrations.0011_quiz_questions")
    from django.apps import apps

    seed.load(apps, None)


def text(response) -> str:
    return response.content.decode()


def two_questions():
    return list(Question.objects.all()[:2])


def right(question) -> int:
    return question.answer


def wrong(question) -> int:
    return (question.answer + 1) % len(question.choices)


def test_answers_count_once_before_the_deadline(classroom):
    first = services.seat_join(code=classroom.code, display_name="가")
    run = quiz.quiz_start(classroom=classroom, questions=two_questions())
    question = quiz.current_question(run)
    quiz.quiz_answer(run=run, seat=first, choice=right(question))
    with pytest.raises(Refused, match="이미 답했습니다"):
        quiz.quiz_answer(run=run, seat=first, choice=wrong(question))
    second = services.seat_join(code=classroom.code, display_name="나")
    late = run.deadline + timedelta(seconds=1)
    with time_machine.travel(late), pytest.raises(Refused, match="시간이 지났습니다"):
        quiz.quiz_answer(run=run, seat=second, choice=right(question))
    run.refresh_from_db()
    assert run.state == "revealed"  # the deadline closed it, whoever looked first
    assert QuizAnswer.objects.filter(seat=second).count() == 0


def test_a_choice_that_does_not_exist_is_refused(classroom):
    seat = services.seat_join(code=classroom.code, display_name="가")
    run = quiz.quiz_start(classroom=classroom, questions=two_questions())
    with pytest.raises(ValueError, match="no choice 9"):
        quiz.quiz_answer(run=run, seat=seat, choice=9)


def test_scores_and_who_is_still_standing(classroom):
    seats = [services.seat_join(code=classroom.code, display_name=n) for n in "가나다"]
    first, second = two_questions()
    run = quiz.quiz_start(classroom=classroom, questions=[first, second])
    quiz.quiz_answer(run=run, seat=seats[0], choice=right(first))
    quiz.quiz_answer(run=run, seat=seats[1], choice=wrong(first))
    quiz.quiz_answer(run=run, seat=seats[2], choice=right(first))
    assert quiz.board(run).standing == ["가", "나", "다"]  # nothing closed yet
    quiz.quiz_reveal(run=run)
    board = quiz.board(run)
    assert board.standing == ["가", "다"] and board.answered == 3
    assert [count for _c, count, _p, _a in board.bars][first.answer] == 2
    assert quiz.quiz_next(run=run)
    quiz.quiz_answer(run=run, seat=seats[0], choice=right(second))  # 다 does not answer
    quiz.quiz_reveal(run=run)
    assert quiz.board(run).standing == ["가"]
    assert [quiz.score_of(seat) for seat in seats] == ["2/2", "0/2", "1/2"]
    assert quiz.quiz_next(run=run)  # after the last one: the end
    run.refresh_from_db()
    assert run.state == "finished" and not quiz.is_running(classroom.pk)


def test_the_trainer_runs_it_on_the_projector(trainer_client, classroom):
    client, _seat = join(classroom, "가")
    url = reverse("trainer:quiz", args=[classroom.code])
    page = text(trainer_client.get(url))
    assert "골든벨 시작" in page and Question.objects.first().text in page
    refused = text(trainer_client.post(url, {"questions": []}))
    assert "문제를 하나 이상 고르세요" in refused
    first, second = two_questions()
    trainer_client.post(url, {"questions": [first.pk, second.pk]})
    board = text(trainer_client.get(reverse("trainer:quiz_board", args=[classroom.code])))
    assert "문제 1 / 2" in board and first.text in board and "0/1명 답함" in board
    # The learner's pages show the way in; the quiz page the question and its choices.
    assert "골든벨 참여하기" in text(client.get(reverse("learner:message")))
    card = text(client.get(reverse("learner:quiz")))
    assert first.text in card and first.choices[0] in card and "초 남음" in card
    run = quiz.current_run(classroom)
    answered = client.post(reverse("learner:quiz_answer"), {"run": run.pk, "choice": right(first)})
    assert "정답 공개를 기다리세요" in text(answered)
    trainer_client.post(reverse("trainer:quiz_control", args=[classroom.code, "reveal"]))
    board = text(trainer_client.get(reverse("trainer:quiz_board", args=[classroom.code])))
    assert "아직 살아남은 학습자 1명" in board and "가" in board and first.explanation in board
    assert "맞혔습니다" in text(client.get(reverse("learner:quiz") + "?part=1"))


def test_a_late_answer_on_the_page_is_told_so(classroom):
    client, _seat = join(classroom, "가")
    run = quiz.quiz_start(classroom=classroom, questions=two_questions())
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        response = client.post(reverse("learner:quiz_answer"), {"run": run.pk, "choice": 0})
    assert response.status_code == 409 and "시간이 지났습니다" in text(response)


def test_another_trainer_and_a_bad_control_get_404(classroom, other_trainer, trainer_client):
    from django.test import Client

    stranger = Client()
    stranger.force_login(other_trainer)
    assert stranger.get(reverse("trainer:quiz", args=[classroom.code])).status_code == 404
    quiz.quiz_start(classroom=classroom, questions=two_questions())
    url = reverse("trainer:quiz_control", args=[classroom.code, "explode"])
    assert trainer_client.post(url).status_code == 404
    assert (
        stranger.post(reverse("trainer:quiz_control", args=[classroom.code, "stop"])).status_code
        == 404
    )
    assert quiz.is_running(classroom.pk)


def test_the_board_costs_the_same_queries_whatever_the_class_size(trainer_client, classroom):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = quiz.quiz_start(classroom=classroom, questions=two_questions())
    url = reverse("trainer:quiz_board", args=[classroom.code])

    def measure(learners: int) -> int:
        while classroom.seats.count() < learners:
            seat = services.seat_join(
                code=classroom.code, display_name=f"{classroom.seats.count()}"
            )
            quiz.quiz_answer(run=run, seat=seat, choice=0)
        trainer_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            trainer_client.get(url)
        return len(queries)

    assert measure(3) == measure(60)


@pytest.mark.parametrize(
    ("choices", "answer", "field"),
    [(["하나"], 0, "choices"), (["가", ""], 0, "choices"), (["가", "나"], 2, "answer")],
)
def test_a_question_must_be_answerable(choices, answer, field):
    from django.core.exceptions import ValidationError

    question = Question(text="?", choices=choices, answer=answer, explanation="!")
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert field in refused.value.message_dict


def test_whether_a_run_is_live_is_asked_of_the_database_once_per_change(
    classroom, django_assert_num_queries
):
    """Every learner's panel asks every 10 s: the answer is cached per class and
    forgotten when a run starts, stops or ends after its last question."""
    assert not quiz.is_running(classroom.pk)
    with django_assert_num_queries(0):
        assert not quiz.is_running(classroom.pk)
    run = quiz.quiz_start(classroom=classroom, questions=two_questions()[:1])
    assert quiz.is_running(classroom.pk)
    with django_assert_num_queries(0):
        assert quiz.is_running(classroom.pk)
    quiz.quiz_reveal(run=run)
    assert quiz.is_running(classroom.pk)  # revealed: still on the projector
    assert quiz.quiz_next(run=run)  # after the only question: the end
    assert not quiz.is_running(classroom.pk)
    again = quiz.quiz_start(classroom=classroom, questions=two_questions())
    assert quiz.is_running(classroom.pk)
    assert quiz.quiz_stop(run=again)
    assert not quiz.is_running(classroom.pk)
