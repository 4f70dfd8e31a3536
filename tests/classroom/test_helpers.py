"""보조강사: the trainer adds one by name (a new account, its password shown once and
kept hashed); the 보조강사 logs in at the trainer login and helps the class (dashboard,
a learner's page, a hint, 오류 해제, the queue) but cannot end, close, delete or reset
it, switch scenarios for everyone, add 보조강사 or download results (403); another
class's 보조강사 gets 404 on everything of the class; a removed one is logged out."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from classroom import help_queue, helpers, services
from classroom.models import Classroom, ClassroomHelper, HelpRequest, SeatPersona
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def added(classroom):
    """A 보조강사 of ``classroom`` and their one-time password."""
    return helpers.helper_add(classroom=classroom, name="김도움")


@pytest.fixture
def helper_client(added):
    client = Client()
    client.force_login(added[0].user)
    return client


def seat_url(classroom, number, action):
    return reverse("trainer:seat_action", args=[classroom.code, number, action])


def class_url(classroom, action):
    return reverse("trainer:class_action", args=[classroom.code, action])


class TestAddingAHelper:
    def test_the_password_is_shown_once_and_kept_hashed(self, trainer_client, classroom):
        url = reverse("trainer:helper_add", args=[classroom.code])
        page = text(trainer_client.post(url, {"name": " 김도움 "}))
        helper = ClassroomHelper.objects.get(classroom=classroom)
        user = helper.user
        password = re.search(r'data-helper="password">([^<]+)<', page).group(1)
        assert user.user_id in page and user.name == "김도움"
        assert user.password != password and user.check_password(password)
        assert not (user.is_trainer or user.is_staff)
        assert password not in text(
            trainer_client.get(reverse("trainer:dashboard", args=[classroom.code]))
        )
        assert "no-store" in trainer_client.post(url, {"name": "박도움"})["Cache-Control"]

    def test_a_name_is_required(self, trainer_client, classroom):
        url = reverse("trainer:helper_add", args=[classroom.code])
        response = trainer_client.post(url, {"name": "  "}, follow=True)
        assert "보조강사 이름을 입력하세요" in text(response)
        assert not ClassroomHelper.objects.exists()

    def test_two_helpers_get_two_user_ids(self, classroom):
        first, _ = helpers.helper_add(classroom=classroom, name="가")
        second, _ = helpers.helper_add(classroom=classroom, name="나")
        assert first.user.user_id != second.user.user_id
        assert first.user.user_id.startswith(f"help_{classroom.code.lower()}_")

    def test_the_dashboard_lists_them_for_the_trainer(self, trainer_client, classroom, added):
        page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
        assert "김도움" in page and added[0].user.user_id in page and "보조강사 추가" in page


class TestTheHelpersLogin:
    def test_a_helper_logs_in_at_the_trainer_login(self, client, classroom, added):
        helper, password = added
        login = reverse("trainer:login")
        response = client.post(login, {"user_id": helper.user.user_id, "password": password})
        assert response["Location"] == reverse("trainer:index")
        index = text(client.get(reverse("trainer:index")))
        assert classroom.name in index and "새 수업 만들기" not in index
        assert client.post(reverse("trainer:index"), {"name": "내 반"}).status_code == 403
        assert Classroom.objects.count() == 1

    def test_a_wrong_password_is_refused(self, client, added):
        login = reverse("trainer:login")
        response = client.post(login, {"user_id": added[0].user.user_id, "password": "nope"})
        assert "_auth_user_id" not in client.session
        assert "올바르지 않습니다" in text(response)


class TestWhatAHelperMayDo:
    def test_the_pages_of_the_class(self, helper_client, classroom):
        join(classroom)
        code = classroom.code
        for name, args in [
            ("trainer:dashboard", [code]),
            ("trainer:rows", [code]),
            ("trainer:help_queue", [code]),
            ("trainer:seat", [code, 1]),
            ("trainer:project", [code]),
            ("trainer:join_qr", [code]),
            ("trainer:quiz", [code]),
            ("trainer:quiz_board", [code]),
        ]:
            assert helper_client.get(reverse(name, args=args)).status_code == 200, name

    def test_the_dashboard_offers_what_they_may_do_only(self, helper_client, classroom):
        page = text(helper_client.get(reverse("trainer:dashboard", args=[classroom.code])))
        assert "도와주세요 요청" in page and "학습자 진행 상황" in page
        for absent in ("수업 삭제", "수업 마치기", "결과 내려받기", "보조강사 추가", "참여 마감"):
            assert absent not in page, absent

    def test_a_hint_and_unlock(self, helper_client, classroom):
        _learner, seat = join(classroom)
        page = text(helper_client.get(reverse("trainer:seat", args=[classroom.code, 1])))
        assert "오류 해제" in page and "새 페르소나로 다시 시작" not in page
        response = helper_client.post(seat_url(classroom, 1, "message"), {"text": "천천히 하세요"})
        assert response.status_code == 302
        seat.refresh_from_db()
        assert seat.message == "천천히 하세요"
        assert helper_client.post(seat_url(classroom, 1, "unlock")).status_code == 302

    def test_the_rest_is_403_and_changes_nothing(self, helper_client, classroom):
        _learner, seat = join(classroom)
        persona = SeatPersona.objects.current().get(seat=seat)
        code = classroom.code
        for action in ("end", "close", "reset", "takehome-off", "forget-password", "drill"):
            assert helper_client.post(class_url(classroom, action)).status_code == 403, action
        delete = helper_client.post(class_url(classroom, "delete"), {"confirm": code})
        assert delete.status_code == 403
        scenario = reverse("trainer:class_scenario", args=[code])
        assert helper_client.post(scenario, {"key": "ars-fail", "on": "1"}).status_code == 403
        for action in ("reset", "scenario", "forget-password", "new-device", "renewal-window"):
            assert helper_client.post(seat_url(classroom, 1, action)).status_code == 403, action
        add = reverse("trainer:helper_add", args=[code])
        assert helper_client.post(add, {"name": "몰래"}).status_code == 403
        for name in ("trainer:results", "trainer:results_xlsx"):
            assert helper_client.get(reverse(name, args=[code])).status_code == 403
        assert helper_client.post(reverse("trainer:quiz", args=[code])).status_code == 403
        stop = reverse("trainer:quiz_control", args=[code, "stop"])
        assert helper_client.post(stop).status_code == 403
        classroom.refresh_from_db()
        assert classroom.is_open and not classroom.has_ended and classroom.takehome
        assert SeatPersona.objects.current().get(seat=seat) == persona
        assert ClassroomHelper.objects.count() == 1

    def test_another_classes_helper_gets_404(self, trainer, classroom, helper_client):
        other = services.classroom_create(trainer=trainer, name="목요반")
        join(other)
        help_request, _ = help_queue.help_ask(
            persona=SeatPersona.objects.get(seat__classroom=other)
        )
        code = other.code
        for name, args in [
            ("trainer:dashboard", [code]),
            ("trainer:rows", [code]),
            ("trainer:help_queue", [code]),
            ("trainer:seat", [code, 1]),
            ("trainer:quiz", [code]),
            ("trainer:results", [code]),
        ]:
            assert helper_client.get(reverse(name, args=args)).status_code == 404, name
        assert helper_client.post(seat_url(other, 1, "message"), {"text": "x"}).status_code == 404
        assert helper_client.post(class_url(other, "end")).status_code == 404
        take = reverse("trainer:help_action", args=[code, help_request.pk, "take"])
        assert helper_client.post(take).status_code == 404
        help_request.refresh_from_db()
        assert help_request.taken_by is None
        assert other.name not in text(helper_client.get(reverse("trainer:index")))


class TestRemovingAHelper:
    def test_their_account_goes_and_their_learner_waits_again(
        self, trainer_client, classroom, added, helper_client
    ):
        helper, password = added
        _learner, seat = join(classroom)
        help_request, _ = help_queue.help_ask(persona=SeatPersona.objects.get(seat=seat))
        help_queue.help_take(
            classroom=classroom, request_id=help_request.pk, user=helper.user, as_helper=True
        )
        remove = reverse("trainer:helper_remove", args=[classroom.code, helper.pk])
        assert trainer_client.post(remove).status_code == 302
        assert not get_user_model().objects.filter(pk=helper.user_id).exists()
        help_request.refresh_from_db()
        assert help_request.taken_by is None and help_request.taken_at is None
        dashboard = helper_client.get(reverse("trainer:dashboard", args=[classroom.code]))
        assert dashboard.status_code == 302  # logged out: the account is gone
        fresh = Client()
        fresh.post(reverse("trainer:login"), {"user_id": helper.user.user_id, "password": password})
        assert "_auth_user_id" not in fresh.session

    def test_only_the_classes_trainer_removes_and_only_its_own(
        self, trainer, other_trainer, classroom, added
    ):
        helper, _ = added
        other = services.classroom_create(trainer=other_trainer, name="남의 반")
        intruder = Client()
        intruder.force_login(other_trainer)
        remove = reverse("trainer:helper_remove", args=[classroom.code, helper.pk])
        assert intruder.post(remove).status_code == 404
        own = Client()
        own.force_login(other_trainer)
        wrong_class = reverse("trainer:helper_remove", args=[other.code, helper.pk])
        assert own.post(wrong_class).status_code == 404
        assert ClassroomHelper.objects.filter(pk=helper.pk).exists()


def test_a_taken_request_says_who_is_coming(helper_client, classroom, added):
    learner, seat = join(classroom)
    help_request, _ = help_queue.help_ask(persona=SeatPersona.objects.get(seat=seat))
    take = reverse("trainer:help_action", args=[classroom.code, help_request.pk, "take"])
    helper_client.post(take, HTTP_HX_REQUEST="true")
    help_request.refresh_from_db()
    assert help_request.taken_by_helper and help_request.taken_by == added[0].user
    assert "김도움 보조강사가 갑니다" in text(learner.get(reverse("learner:message")))
    assert HelpRequest.objects.open().count() == 1
