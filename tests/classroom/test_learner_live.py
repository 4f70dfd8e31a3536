"""What a learner's screen shows while the trainer runs the class: a reset reaches the
page by itself, the end of a class is said as such, joining is limited per client and
offers the language, and the "모바일 앱 구버전" scenario shows an old version."""

import pytest
from django.test import Client
from django.urls import reverse

from classroom import services
from classroom.handouts import handout_of
from classroom.models import Seat, SeatPersona
from issuance.devices import DEVICE_KEY
from issuance.flow.machine import Step
from issuance.models import IssuanceSession
from portal.refusals import Refused
from tests.fixtures.classroom import join
from tests.fixtures.flow import walk

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def current(seat) -> SeatPersona:
    return SeatPersona.objects.get(seat=seat, retired_at__isnull=True)


class TestAResetReachesTheScreen:
    def test_every_page_polls_with_the_persona_it_shows(self, classroom):
        learner, seat = join(classroom)
        page = text(learner.get("/"))
        assert f"{reverse('learner:message')}?seen={current(seat).pk}" in page
        assert 'hx-trigger="every 10s"' in page

    def test_the_poll_sends_a_stale_page_to_the_new_persona(self, classroom):
        learner, seat = join(classroom)
        old = current(seat)
        poll = f"{reverse('learner:message')}?seen={old.pk}"
        assert "HX-Redirect" not in learner.get(poll, **HTMX)  # nothing changed: the same page

        new = services.seat_reset(seat=seat)

        response = learner.get(poll, **HTMX)
        assert response["HX-Redirect"] == f"{reverse('learner:welcome')}?changed=1"
        welcome = text(learner.get(response["HX-Redirect"]))
        assert "강사가 새 페르소나를 배정했습니다" in welcome
        assert new.customer.name in welcome and new.customer.user_id in welcome
        assert old.customer.name not in welcome

    def test_a_page_of_the_new_persona_is_left_alone(self, classroom):
        learner, seat = join(classroom)
        new = services.seat_reset(seat=seat)
        poll = f"{reverse('learner:message')}?seen={new.pk}"
        assert "HX-Redirect" not in learner.get(poll, **HTMX)

    def test_the_new_persona_does_not_inherit_the_old_ones_certificates(self, classroom):
        learner, seat = join(classroom)
        old = current(seat)
        session = learner.session
        session[DEVICE_KEY] = [old.customer_id]  # the old persona saved a certificate here
        session.save()
        services.seat_reset(seat=seat)
        learner.get("/")
        assert old.customer_id not in learner.session.get(DEVICE_KEY, [])

    def test_a_flow_ended_by_the_reset_says_so(self, classroom):
        learner, seat = join(classroom)
        learner.post(reverse("flow:prerequisites"))
        install = reverse("flow:install", args=[learner.session["issuance_session"]])
        services.seat_reset(seat=seat)
        page = text(learner.get(install))
        assert "발급 절차가 끝났습니다" in page
        assert "강사가 새 페르소나를 배정해" in page

    def test_a_deleted_class_sends_the_page_to_the_join_form(self, classroom):
        learner, seat = join(classroom)
        poll = f"{reverse('learner:message')}?seen={current(seat).pk}"
        services.classroom_delete(classroom=classroom)
        response = learner.get(poll, **HTMX)
        assert response["HX-Redirect"] == f"{reverse('learner:join')}?gone=1"
        assert "강사가 수업을 삭제해" in text(learner.get(response["HX-Redirect"]))


class TestTheEndOfAClass:
    def test_a_latecomer_hears_closed_or_ended(self, classroom):
        services.classroom_close(classroom=classroom)
        with pytest.raises(Refused) as closed:
            services.seat_join(code=classroom.code, display_name="가")
        services.classroom_end(classroom=classroom)
        with pytest.raises(Refused) as ended:
            services.seat_join(code=classroom.code, display_name="가")
        assert "마감" in str(closed.value.message)
        assert "이미 끝난 수업입니다" in str(ended.value.message)
        assert str(closed.value.message) != str(ended.value.message)

    def test_a_learner_mid_flow_is_told_the_class_has_ended(self, classroom):
        learner, _seat = join(classroom)
        learner.post(reverse("flow:prerequisites"))
        install = reverse("flow:install", args=[learner.session["issuance_session"]])
        services.classroom_end(classroom=classroom)
        page = text(learner.get(install))
        assert "발급 절차가 끝났습니다" in page and "수업이 끝났습니다" in page
        assert "수업이 끝났습니다" in text(learner.get("/"))  # every page says it

    def test_the_reason_is_in_the_learners_language(self, classroom):
        learner, _seat = join(classroom)
        learner.cookies["django_language"] = "en"
        learner.post(reverse("flow:prerequisites"))
        install = reverse("flow:install", args=[learner.session["issuance_session"]])
        services.classroom_end(classroom=classroom)
        page = text(learner.get(install))
        assert "The class is over" in page or "class has ended" in page


class TestJoinCodes:
    def test_wrong_codes_are_limited_per_client(self, classroom, settings):
        settings.LOCK_THRESHOLDS = {**settings.LOCK_THRESHOLDS, "join_code": 3}
        guesser = Client(REMOTE_ADDR="192.168.0.22")
        for n in (1, 2):
            response = guesser.post("/join/", {"code": "AAAAAA", "display_name": "가"})
            assert f"({n}/3회)" in response.context["form"].errors["code"][0]
        response = guesser.post("/join/", {"code": "AAAAAA", "display_name": "가"})
        assert "3회 잘못 입력해" in response.context["form"].errors["code"][0]
        # … then even the right code waits, without being looked at
        response = guesser.post("/join/", {"code": classroom.code, "display_name": "가"})
        assert response.status_code == 200 and "잘못 입력해" in text(response)
        assert not Seat.objects.exists()
        # another client (another device in the room) is not held
        other = Client(REMOTE_ADDR="192.168.0.23")
        assert (
            other.post("/join/", {"code": classroom.code, "display_name": "나"}).status_code == 302
        )

    @pytest.mark.parametrize("typed", ["ABCDEF", "Q0O1IL", "aaaaaa"])
    def test_six_letters_or_digits_never_get_the_format_message(self, classroom, typed):
        response = Client().post("/join/", {"code": typed, "display_name": "가"})
        error = response.context["form"].errors["code"][0]
        assert "수업이 없습니다" in error and "6자리입니다" not in error

    def test_a_code_typed_lowercase_or_with_spaces_joins(self, classroom):
        typed = f" {classroom.code[:3].lower()} {classroom.code[3:].lower()} "
        response = Client().post("/join/", {"code": typed, "display_name": "가"})
        assert response.status_code == 302 and Seat.objects.count() == 1


class TestJoinLanguage:
    def test_an_english_browser_finds_english_chosen_in_a_korean_class(self, classroom):
        browser = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        page = browser.get(f"/join/?code={classroom.code}")
        assert page.context["form"]["language"].value() == "en"
        response = browser.post(
            "/join/", {"code": classroom.code, "display_name": "Lan", "language": "en"}
        )
        assert response.cookies["django_language"].value == "en"
        assert "joined" in text(browser.get(reverse("learner:welcome"))).lower()

    def test_without_a_browser_language_the_class_default_is_chosen(self, trainer):
        english = services.classroom_create(trainer=trainer, name="Class", language="en")
        browser = Client(HTTP_ACCEPT_LANGUAGE="th-TH,th;q=0.9")  # a language we don't have
        page = browser.get(f"/join/?code={english.code}")
        assert page.context["form"]["language"].value() == "en"

    @pytest.mark.parametrize("typed", ["%00", "AB%00CD", "x" * 40])
    def test_a_code_in_the_address_that_no_class_could_have_is_not_looked_up(self, typed):
        assert Client().get(f"/join/?code={typed}").status_code == 200

    @pytest.mark.parametrize(("accept", "chosen"), [("vi-VN,vi;q=0.9", "vi"), ("zh-CN", "zh-hans")])
    def test_a_vietnamese_or_chinese_browser_finds_its_language_chosen(
        self, classroom, accept, chosen
    ):
        page = Client(HTTP_ACCEPT_LANGUAGE=accept).get(f"/join/?code={classroom.code}")
        assert page.context["form"]["language"].value() == chosen

    def test_the_learner_may_choose_korean_in_an_english_class(self, trainer):
        english = services.classroom_create(trainer=trainer, name="Class", language="en")
        browser = Client()
        response = browser.post(
            "/join/", {"code": english.code, "display_name": "가", "language": "ko"}
        )
        assert response.cookies["django_language"].value == "ko"


def test_the_outdated_app_scenario_shows_an_old_version(trainer, issuing_ca, settings):
    classroom = services.classroom_create(
        trainer=trainer, name="구버전반", situations=["ready"], scenario_defaults=["app-outdated"]
    )
    learner, seat = join(classroom)
    persona = current(seat)
    customer, handout = persona.customer, handout_of(persona)
    assert customer.mobile_authenticator.installed_version == settings.MOBILE_APP_CURRENT_VERSION
    learner.post(reverse("flow:prerequisites"))
    session = IssuanceSession.objects.get(pk=learner.session["issuance_session"])
    walk(session, Step.PUSH, handout=handout)  # the push request waits on the phone
    screen = text(learner.get(reverse("phone:screen"), **HTMX))
    assert "앱을 최신 버전으로 업데이트하세요" in screen
    assert "설치된 버전 4.8.1 → 최신 버전 5.2.0" in screen
    assert "v4.8.1" in text(learner.get(reverse("learner:wallet")))
