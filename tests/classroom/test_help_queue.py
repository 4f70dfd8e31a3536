"""도와주세요: the learner asks from the panel every page polls (with their step and last
error), once; cancels; a 보조강사 or the trainer takes it (the learner's panel says who
is coming) and marks it done; the queue, the panel and the results cost the same
queries for 3 learners as for 30; the results count the requests and the waits."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom import help_queue, helpers, results, services
from classroom.models import HelpRequest, SeatPersona
from issuance.flow import machine
from issuance.flow import services as flow
from issuance.models import IssuanceEvent
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def panel(learner) -> str:
    return text(learner.get(reverse("learner:message"), **HTMX))


def ask(learner) -> str:
    return text(learner.post(reverse("learner:help_ask"), **HTMX))


def persona_of(seat) -> SeatPersona:
    return SeatPersona.objects.current().get(seat=seat)


def queue_page(client, classroom) -> str:
    return text(client.get(reverse("trainer:help_queue", args=[classroom.code])))


def action(client, classroom, help_request, name):
    url = reverse("trainer:help_action", args=[classroom.code, help_request.pk, name])
    return client.post(url, **HTMX)


class TestTheLearnerAsks:
    def test_every_page_offers_the_button(self, classroom):
        learner, _seat = join(classroom)
        assert "도와주세요" in text(learner.get("/"))
        assert "도와주세요" in panel(learner)

    def test_the_request_carries_the_step_and_the_last_error(self, classroom):
        learner, seat = join(classroom)
        session = flow.session_start(customer=persona_of(seat).customer)
        machine.record(
            session, session.status, IssuanceEvent.Result.FAILED, "번호가 틀렸습니다 (1/5)"
        )
        assert "도움을 요청했습니다" in ask(learner)
        help_request = HelpRequest.objects.get()
        assert help_request.seat == seat and help_request.persona == persona_of(seat)
        assert help_request.step == session.status
        assert help_request.step_label == str(machine.Step(session.status).label)
        assert help_request.last_error == "번호가 틀렸습니다 (1/5)"

    def test_a_second_press_adds_nothing(self, classroom):
        learner, _seat = join(classroom)
        ask(learner)
        assert "이미 도움을 요청했습니다" in ask(learner)
        assert HelpRequest.objects.count() == 1

    def test_cancel_brings_the_button_back(self, classroom):
        learner, _seat = join(classroom)
        ask(learner)
        box = text(learner.post(reverse("learner:help_cancel"), **HTMX))
        assert "도와주세요" in box and "요청 취소" not in box
        assert HelpRequest.objects.get().cancelled_at is not None
        assert not HelpRequest.objects.open().exists()
        assert "도움을 요청했습니다" in ask(learner)  # and they may ask again

    def test_without_htmx_the_page_comes_back(self, classroom):
        learner, _seat = join(classroom)
        response = learner.post(reverse("learner:help_ask"), {"next": "/join/wallet/"})
        assert response["Location"] == "/join/wallet/"
        assert HelpRequest.objects.count() == 1

    def test_a_post_without_the_csrf_token_is_refused(self, classroom):
        learner, _seat = join(classroom)
        strict = Client(enforce_csrf_checks=True)
        strict.cookies = learner.cookies
        assert strict.post(reverse("learner:help_ask")).status_code == 403
        assert not HelpRequest.objects.exists()

    def test_no_button_once_the_class_has_ended(self, classroom):
        learner, _seat = join(classroom)
        services.classroom_end(classroom=classroom)
        assert "도와주세요" not in panel(learner)
        ask(learner)
        assert not HelpRequest.objects.exists()


class TestTheQueue:
    def test_oldest_first_with_step_error_and_wait(self, trainer_client, classroom):
        first, _ = join(classroom, "가나")
        second, _ = join(classroom, "다라")
        with time_machine.travel(timezone.now() - timedelta(minutes=3)):
            ask(second)
        ask(first)
        page = queue_page(trainer_client, classroom)
        assert page.index("다라") < page.index("가나")
        assert "3분째" in page and "0분째" in page and "시작 전" in page and "맡기" in page

    def test_a_helper_takes_it_and_the_learner_sees_who_comes(self, classroom):
        helper, _password = helpers.helper_add(classroom=classroom, name="김도움")
        helper_client = Client()
        helper_client.force_login(helper.user)
        learner, _seat = join(classroom)
        ask(learner)
        help_request = HelpRequest.objects.get()
        page = text(action(helper_client, classroom, help_request, "take"))
        assert "김도움 가는 중" in page
        assert "김도움 보조강사가 갑니다" in panel(learner)
        assert "김도움 보조강사가 갑니다" in text(learner.get("/"))  # the page itself, too
        page = text(action(helper_client, classroom, help_request, "done"))
        assert "도움을 기다리는 학습자가 없습니다" in page
        assert "도와주세요" in panel(learner) and "갑니다" not in panel(learner)
        help_request.refresh_from_db()
        assert help_request.done_at and help_request.taken_at

    def test_the_trainer_takes_it_as_the_trainer(self, trainer_client, classroom):
        learner, _seat = join(classroom)
        ask(learner)
        help_request = HelpRequest.objects.get()
        action(trainer_client, classroom, help_request, "take")
        assert "김강사 강사가 갑니다" in panel(learner)

    def test_taken_by_someone_else_first(self, trainer_client, classroom):
        learner, _seat = join(classroom)
        ask(learner)
        help_request = HelpRequest.objects.get()
        action(trainer_client, classroom, help_request, "take")
        page = text(action(trainer_client, classroom, help_request, "take"))
        assert "이미 다른 사람이 맡았거나" in page

    def test_without_htmx_back_to_the_dashboard(self, trainer_client, classroom):
        learner, _seat = join(classroom)
        ask(learner)
        url = reverse(
            "trainer:help_action", args=[classroom.code, HelpRequest.objects.get().pk, "done"]
        )
        response = trainer_client.post(url)
        assert response["Location"] == reverse("trainer:dashboard", args=[classroom.code])
        unknown = reverse("trainer:help_action", args=[classroom.code, 1, "maybe"])
        assert trainer_client.post(unknown).status_code == 404

    def test_the_dashboard_shows_the_queue(self, trainer_client, classroom):
        learner, _seat = join(classroom, "마바")
        ask(learner)
        page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
        assert "도와주세요 요청" in page and 'id="help-queue"' in page and "마바" in page


def test_the_results_count_requests_and_waits(trainer_client, classroom):
    learner, seat = join(classroom)
    start = timezone.now()
    with time_machine.travel(start - timedelta(minutes=10), tick=False):
        help_request, _ = help_queue.help_ask(persona=persona_of(seat))
    with time_machine.travel(start - timedelta(minutes=8), tick=False):
        help_queue.help_take(
            classroom=classroom, request_id=help_request.pk, user=classroom.trainer, as_helper=False
        )
        help_queue.help_done(classroom=classroom, request_id=help_request.pk)
    with time_machine.travel(start - timedelta(minutes=5), tick=False):
        second, _ = help_queue.help_ask(persona=persona_of(seat))
    with time_machine.travel(start - timedelta(minutes=4, seconds=30), tick=False):
        help_queue.help_take(
            classroom=classroom, request_id=second.pk, user=classroom.trainer, as_helper=False
        )
        help_queue.help_done(classroom=classroom, request_id=second.pk)
    ask(learner)  # still waiting: asked, no wait yet
    table = results.table(classroom)
    row = dict(zip(table[0], table[1], strict=True))
    assert row["도움 요청 (회)"] == 3
    assert row["도움 기다린 시간 합계 (분)"] == 2.5
    assert row["도움 가장 오래 기다린 시간 (분)"] == 2.0


def test_queries_do_not_grow_with_the_class(trainer_client, classroom):
    """The queue, a learner's panel and the results: the same queries for 3 and 30."""
    queue_url = reverse("trainer:help_queue", args=[classroom.code])
    learner, _seat = join(classroom)

    def grow_to(learners: int) -> tuple[int, int, int]:
        while classroom.seats.count() < learners:
            seat = services.seat_join(
                code=classroom.code, display_name=f"{classroom.seats.count()}"
            )
            help_request, _ = help_queue.help_ask(persona=persona_of(seat))
            if seat.number % 2:
                help_queue.help_take(
                    classroom=classroom,
                    request_id=help_request.pk,
                    user=classroom.trainer,
                    as_helper=False,
                )
        trainer_client.get(queue_url)  # the session and the user are cached after this
        with CaptureQueriesContext(connection) as queue_queries:
            page = text(trainer_client.get(queue_url))
        assert page.count('class="help-item') == learners - 1
        panel(learner)  # its session written once a minute (자동 로그아웃) before this
        with CaptureQueriesContext(connection) as panel_queries:
            panel(learner)
        with CaptureQueriesContext(connection) as results_queries:
            assert len(results.table(classroom)) == learners + 1
        return len(queue_queries), len(panel_queries), len(results_queries)

    three, thirty = grow_to(3), grow_to(30)
    assert three == thirty
