"""The trainer's pages as a real class uses them: class-wide actions kept apart and
confirmed with how many learners they reach, built-in hints for the learner's step,
the login page's pointer to where the password is printed."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from classroom.models import Hint, SeatPersona
from issuance.flow import services as flow
from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def actions_block(page: str) -> str:
    start = page.index('class="class-actions"')
    return page[start : page.index("</div>", start)]


class TestClassWideActions:
    def test_the_destructive_ones_are_not_beside_closing(self, trainer_client, classroom):
        page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
        beside = actions_block(page)
        assert "참여 마감" in beside
        assert "모두 새 페르소나로" not in beside and "수업 마치기" not in beside
        assert "수업 전체에 하는 일" in page

    @pytest.mark.parametrize(
        ("action", "words"), [("reset", "새 페르소나"), ("end", "발급이 끝나")]
    )
    def test_a_first_click_asks_again_naming_how_many(
        self, trainer_client, classroom, action, words
    ):
        _a, seat = join(classroom, "가")
        join(classroom, "나")
        before = SeatPersona.objects.get(seat=seat).pk
        url = reverse("trainer:class_action", args=[classroom.code, action])

        asked = trainer_client.post(url)

        assert asked.status_code == 200
        page = text(asked)
        assert "학습자 2명" in page and words in page
        assert SeatPersona.objects.get(seat=seat, retired_at__isnull=True).pk == before
        classroom.refresh_from_db()
        assert classroom.ended_at is None

        done = trainer_client.post(url, {"confirm": "1"})
        assert done.status_code == 302
        classroom.refresh_from_db()
        if action == "reset":
            assert SeatPersona.objects.get(seat=seat, retired_at__isnull=True).pk != before
        else:
            assert classroom.has_ended and not classroom.is_open

    def test_deleting_names_how_many_learners_go_with_the_class(self, trainer_client, classroom):
        join(classroom, "가")
        page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
        assert "학습자 1명의 페르소나와 인증서도 모두 지워집니다" in page


class TestHints:
    def test_the_hints_of_the_learners_step_can_be_sent_in_one_click(
        self, trainer_client, classroom
    ):
        learner, seat = join(classroom)
        flow.session_start(customer=SeatPersona.objects.get(seat=seat).customer)  # at 설치
        hint = Hint.objects.filter(step="install").first()
        assert hint is not None  # the seed's hints are loaded by a migration
        detail = reverse("trainer:seat", args=[classroom.code, seat.number])
        page = text(trainer_client.get(detail))
        assert "지금 단계(보안프로그램 설치)의 도움말" in page and escape(hint.text) in page
        other_step = Hint.objects.exclude(step="install").first()
        assert escape(other_step.text) not in page

        trainer_client.post(
            reverse("trainer:seat_action", args=[classroom.code, seat.number, "message"]),
            {"hint": hint.pk},
        )
        assert escape(hint.text) in text(learner.get(reverse("learner:message")))

    def test_free_text_still_goes_and_nothing_at_all_is_refused(self, trainer_client, classroom):
        learner, seat = join(classroom)
        url = reverse("trainer:seat_action", args=[classroom.code, seat.number, "message"])
        refused = trainer_client.post(url, {"text": "  "}, follow=True)
        assert "보낼 내용을 입력하거나 도움말을 고르세요" in text(refused)
        trainer_client.post(url, {"text": "천천히 하세요"})
        assert "천천히 하세요" in text(learner.get(reverse("learner:message")))

    def test_a_learner_not_in_a_flow_gets_a_note_instead(self, trainer_client, classroom):
        join(classroom)
        page = text(trainer_client.get(reverse("trainer:seat", args=[classroom.code, 1])))
        assert "학습자가 발급 단계에 있으면" in page


def test_the_login_page_says_where_the_password_is_printed(client):
    page = text(client.get(reverse("trainer:login")))
    assert "make classroom" in page and "make demo" in page
