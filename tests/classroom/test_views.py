"""The classroom's pages: who may see what, the live dashboard, joining, the wallet,
messages and hints, a reset learner's browser."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom import services
from classroom.handouts import handout_of
from classroom.learner.browser import SEAT_KEY
from classroom.models import Classroom, Seat, SeatPersona
from issuance.flow import services as flow
from tests.factories import CustomerFactory
from tests.fixtures.classroom import TRAINER_PASSWORD, join

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def trainer_urls(classroom, number=1):
    code = classroom.code
    return [
        reverse("trainer:dashboard", args=[code]),
        reverse("trainer:rows", args=[code]),
        reverse("trainer:project", args=[code]),
        reverse("trainer:join_qr", args=[code]),
        reverse("trainer:results", args=[code]),
        reverse("trainer:seat", args=[code, number]),
    ]


class TestAccess:
    def test_a_visitor_is_sent_to_the_trainer_login(self, client, classroom):
        for url in [reverse("trainer:index"), *trainer_urls(classroom)]:
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("trainer:login"))

    def test_a_learner_gets_403(self, classroom):
        learner, _seat = join(classroom)
        for url in [reverse("trainer:index"), *trainer_urls(classroom)]:
            assert learner.get(url).status_code == 403, url
        post = reverse("trainer:class_action", args=[classroom.code, "reset"])
        assert learner.post(post).status_code == 403

    def test_another_trainer_gets_404_and_changes_nothing(self, classroom, other_trainer):
        join(classroom)
        intruder = Client()
        intruder.force_login(other_trainer)
        for url in trainer_urls(classroom):
            assert intruder.get(url).status_code == 404, url
        delete = reverse("trainer:class_action", args=[classroom.code, "delete"])
        assert intruder.post(delete, {"confirm": classroom.code}).status_code == 404
        assert Classroom.objects.filter(pk=classroom.pk).exists()
        index = text(intruder.get(reverse("trainer:index")))
        assert reverse("trainer:dashboard", args=[classroom.code]) not in index

    def test_the_administrator_sees_every_class(self, admin_client, classroom):
        join(classroom)
        assert classroom.name in text(admin_client.get(reverse("trainer:index")))
        for url in trainer_urls(classroom):
            assert admin_client.get(url).status_code == 200, url

    def test_trainer_login(self, client, trainer):
        response = client.post(
            reverse("trainer:login"), {"user_id": "trainer1", "password": TRAINER_PASSWORD}
        )
        assert response["Location"] == reverse("trainer:index")

    def test_a_learner_account_cannot_log_in_as_trainer(self, client, db):
        CustomerFactory(user_id="plainuser", password="plain-pw-1!")
        response = client.post(
            reverse("trainer:login"), {"user_id": "plainuser", "password": "plain-pw-1!"}
        )
        assert "강사 계정으로 로그인하세요" in text(response)
        assert "_auth_user_id" not in client.session


class TestClasses:
    def test_create_a_class_from_the_page(self, trainer_client, trainer):
        response = trainer_client.post(
            reverse("trainer:index"),
            {
                "name": "디지털배움터 화요반",
                "situations": ["ready", "outdated-app"],
                "mode": "practice",
                "scenario_defaults": ["install-fails"],
                "stuck_minutes": 4,
                "stuck_failures": 2,
            },
        )
        classroom = Classroom.objects.get()
        assert response["Location"] == reverse("trainer:dashboard", args=[classroom.code])
        assert classroom.trainer == trainer and classroom.mode == "practice"
        assert classroom.situations == ["ready", "outdated-app"]
        page = text(trainer_client.get(response["Location"]))
        assert classroom.code in page and f"/join/?code={classroom.code}" in page

    def test_bad_input_is_refused_beside_the_field(self, trainer_client):
        response = trainer_client.post(
            reverse("trainer:index"), {"name": "", "situations": [], "stuck_minutes": 0}
        )
        form = response.context["form"]
        assert "수업 이름을 입력하세요." in form.errors["name"]
        assert "상황을 하나 이상 고르세요." in form.errors["situations"]
        assert "stuck_minutes" in form.errors
        assert not Classroom.objects.exists()

    def test_the_join_qr_and_url_use_the_address_learners_reach(
        self, trainer_client, classroom, settings
    ):
        settings.SITE_URL = "http://192.168.0.10:8000"
        page = text(trainer_client.get(reverse("trainer:project", args=[classroom.code])))
        assert f"http://192.168.0.10:8000/join/?code={classroom.code}" in page
        qr = trainer_client.get(reverse("trainer:join_qr", args=[classroom.code]))
        assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    def test_close_then_delete(self, trainer_client, classroom):
        join(classroom)
        trainer_client.post(reverse("trainer:class_action", args=[classroom.code, "close"]))
        classroom.refresh_from_db()
        assert not classroom.is_open
        wrong = trainer_client.post(
            reverse("trainer:class_action", args=[classroom.code, "delete"]),
            {"confirm": "nope"},
            follow=True,
        )
        assert "참여 코드를 그대로 입력하세요" in text(wrong)
        trainer_client.post(
            reverse("trainer:class_action", args=[classroom.code, "delete"]),
            {"confirm": classroom.code},
        )
        assert not Classroom.objects.exists() and not Seat.objects.exists()

    def test_an_unknown_action_is_refused(self, trainer_client, classroom):
        url = reverse("trainer:class_action", args=[classroom.code, "explode"])
        assert trainer_client.post(url).status_code == 403


class TestDashboard:
    def test_rows_show_each_learners_step(self, trainer_client, classroom):
        _client, seat = join(classroom, "김민수")
        customer = seat.personas.get().customer
        flow.session_start(customer=customer)
        rows = text(trainer_client.get(reverse("trainer:rows", args=[classroom.code])))
        assert "김민수" in rows and customer.user_id in rows and "보안프로그램 설치" in rows
        assert 'hx-trigger="every 2s"' in rows

    def test_a_centre_action_after_the_flow_shows_its_own_name(self, trainer_client, classroom):
        from issuance.models import CenterEvent

        _client, seat = join(classroom, "박이체")
        customer = seat.personas.get().customer
        flow.session_start(customer=customer)
        CenterEvent.objects.create(
            customer=customer,
            action=CenterEvent.Action.TRANSFER,
            result=CenterEvent.Result.OK,
            message="50,000원 이체 완료",
        )
        rows = text(trainer_client.get(reverse("trainer:rows", args=[classroom.code])))
        row = rows[rows.index("박이체") :]
        assert "계좌 이체" in row and "50,000원 이체 완료" in row
        assert "인증서 로그인" not in row

    def test_the_table_costs_the_same_queries_whatever_the_class_size(
        self, trainer_client, classroom
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        url = reverse("trainer:rows", args=[classroom.code])

        def join_until(learners: int) -> int:
            while classroom.seats.count() < learners:
                number = classroom.seats.count()
                seat = services.seat_join(code=classroom.code, display_name=f"{number}")
                if number % 2:
                    flow.session_start(customer=seat.personas.get().customer)
            trainer_client.get(url)  # the session and the user are cached after this
            with CaptureQueriesContext(connection) as queries:
                response = trainer_client.get(url)
            assert text(response).count('class="seat-row') == learners
            return len(queries)

        three, sixty = join_until(3), join_until(60)
        assert three == sixty <= 4  # (the session, the user,) the class, the whole table

    def test_a_stuck_learner_is_marked(self, trainer_client, classroom):
        from datetime import timedelta

        import time_machine
        from django.utils import timezone

        _client, seat = join(classroom)
        flow.session_start(customer=seat.personas.get().customer)
        with time_machine.travel(timezone.now() + timedelta(minutes=4)):
            rows = text(trainer_client.get(reverse("trainer:rows", args=[classroom.code])))
        assert "is-stuck" in rows and "막힘" in rows


class TestLearnerPages:
    def test_join_logs_in_as_a_fresh_persona(self, classroom):
        learner, seat = join(classroom, "3번 자리")
        persona = SeatPersona.objects.get(seat=seat)
        assert int(learner.session["_auth_user_id"]) == persona.customer_id
        page = text(learner.get(reverse("learner:welcome")))
        assert persona.customer.name in page and "내 지갑" in page

    def test_the_join_page_prefills_the_code_and_says_why_it_refuses(self, client, classroom):
        page = text(client.get(f"/join/?code={classroom.code}"))
        assert f'value="{classroom.code}"' in page
        response = client.post("/join/", {"code": "AAAAAA", "display_name": "가"})
        assert "이 코드의 수업이 없습니다" in response.context["form"].errors["code"][0]
        services.classroom_close(classroom=classroom)
        response = client.post("/join/", {"code": classroom.code, "display_name": "가"})
        assert "마감" in response.context["form"].errors["code"][0]
        assert not Seat.objects.exists()

    def test_the_wallet_shows_the_handout_and_is_never_cached(self, classroom):
        learner, seat = join(classroom)
        handout = handout_of(SeatPersona.objects.get(seat=seat))
        response = learner.get(reverse("learner:wallet"))
        page = text(response)
        for shown in (
            handout["rrn"],
            handout["password"],
            handout["accounts"][0]["pin"],
            handout["mobile_app"]["pin"],
            handout["security_card"]["codes"][34],
        ):
            assert shown in page
        assert "no-store" in response["Cache-Control"]

    def test_the_wallet_names_the_other_bank_of_the_certificate(self, trainer, issuing_ca):
        classroom = services.classroom_create(
            trainer=trainer, name="등록반", situations=["other-bank-certificate"]
        )
        learner, _seat = join(classroom)
        wallet = text(learner.get(reverse("learner:wallet")))
        assert "신한은행 (모의)" in wallet and "타기관 인증서 등록" in wallet

    def test_someone_without_a_seat_has_no_wallet(self, client):
        assert client.get(reverse("learner:wallet"))["Location"] == reverse("learner:join")
        assert "wallet-drawer" not in text(client.get("/"))

    def test_the_trainers_message_reaches_the_learner(self, classroom, trainer_client):
        learner, seat = join(classroom)
        # No message yet: the panel has 도와주세요 only (docs/HELPERS.md)
        assert "trainer-message-text" not in text(learner.get(reverse("learner:message")))
        trainer_client.post(
            reverse("trainer:seat_action", args=[classroom.code, seat.number, "message"]),
            {"text": "보안카드 번호는 앞 2자리입니다"},
        )
        assert "보안카드 번호는 앞 2자리입니다" in text(learner.get(reverse("learner:message")))
        assert "보안카드 번호는 앞 2자리입니다" in text(learner.get("/"))
        learner.post(reverse("learner:message_dismiss"), HTTP_HX_REQUEST="true")
        assert "trainer-message-text" not in text(learner.get(reverse("learner:message")))

    def test_hints_in_guided_mode_only(self, classroom, trainer):
        learner, _seat = join(classroom)
        learner.post(reverse("flow:prerequisites"))
        session_id = learner.session["issuance_session"]
        install = reverse("flow:install", args=[session_id])
        page = text(learner.get(install))
        assert "이 단계 도움말" in page and "저장" in page and "회피 팁" in page
        practice = services.classroom_create(trainer=trainer, name="연습반", mode="practice")
        other, _ = join(practice)
        other.post(reverse("flow:prerequisites"))
        other_install = reverse("flow:install", args=[other.session["issuance_session"]])
        assert "이 단계 도움말" not in text(other.get(other_install))

    def test_after_a_reset_the_browser_is_the_new_persona(self, classroom, trainer_client):
        learner, seat = join(classroom)
        old = seat.personas.get().customer
        trainer_client.post(
            reverse("trainer:seat_action", args=[classroom.code, seat.number, "reset"])
        )
        new = SeatPersona.objects.get(seat=seat, retired_at__isnull=True).customer
        page = text(learner.get(reverse("learner:welcome")))
        assert new.name in page
        assert int(learner.session["_auth_user_id"]) == new.pk != old.pk

    def test_a_one_learner_scenario_from_the_trainers_page(self, classroom, trainer_client):
        _one, seat_one = join(classroom)
        _two, seat_two = join(classroom)
        trainer_client.post(
            reverse("trainer:seat_action", args=[classroom.code, seat_one.number, "scenario"]),
            {"key": "app-outdated", "on": "1"},
        )
        seat_one.scenario.refresh_from_db()
        seat_two.scenario.refresh_from_db()
        assert seat_one.scenario.app_outdated and not seat_two.scenario.app_outdated
        page = text(trainer_client.get(reverse("trainer:seat", args=[classroom.code, 1])))
        assert "켜짐" in page


def test_after_a_reset_every_request_of_the_browser_follows_even_at_the_same_moment(
    classroom, trainer_client
):
    """The page and the phone ask at once with the same cookie: both must find the seat."""
    learner, seat = join(classroom)
    same_moment = Client()
    same_moment.cookies = learner.cookies  # the phone's poll, sent before any answer came
    old_cookie = learner.cookies["sessionid"].value
    trainer_client.post(reverse("trainer:seat_action", args=[classroom.code, seat.number, "reset"]))
    new = SeatPersona.objects.get(seat=seat, retired_at__isnull=True).customer
    assert new.name in text(learner.get(reverse("learner:welcome")))
    same_moment.cookies["sessionid"] = old_cookie
    assert new.name in text(same_moment.get(reverse("learner:welcome")))


def test_a_request_while_the_seat_is_between_personas_keeps_the_seat(classroom):
    """A poll that lands while a seat has no current persona (its old one retired, the
    new one not yet there) must not lose the seat: it then follows the new persona."""
    learner, seat = join(classroom)
    old = seat.personas.get()
    SeatPersona.objects.filter(pk=old.pk).update(retired_at=timezone.now())
    get_user_model().objects.filter(pk=old.customer_id).update(is_active=False)

    poll = learner.get(reverse("phone:screen"), HTTP_HX_REQUEST="true")

    assert poll.status_code == 200
    assert learner.session[SEAT_KEY] == seat.pk
    new = services._persona_create(seat)
    assert new.customer.name in text(learner.get(reverse("learner:welcome")))


class TestNext:
    """A ``next`` that is a bare word (``?next=on``) once reached ``redirect("on")``:
    NoReverseMatch, a 500. Only a path of this site is followed."""

    @pytest.mark.parametrize("target", ["on", "//evil.example/"])
    def test_the_trainer_login_goes_to_the_class_list(self, client, trainer, target):
        response = client.post(
            f"{reverse('trainer:login')}?next={target}",
            {"user_id": "trainer1", "password": TRAINER_PASSWORD},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("trainer:index")

    def test_the_trainer_login_follows_a_path_of_this_site(self, client, trainer, classroom):
        dashboard = reverse("trainer:dashboard", args=[classroom.code])
        response = client.post(
            f"{reverse('trainer:login')}?next={dashboard}",
            {"user_id": "trainer1", "password": TRAINER_PASSWORD},
        )
        assert response["Location"] == dashboard

    @pytest.mark.parametrize("target", ["on", "//evil.example/"])
    def test_dismissing_the_message_goes_home(self, classroom, target):
        learner, _seat = join(classroom)
        for response in (
            learner.post(reverse("learner:message_dismiss"), {"next": target}),
            learner.post(f"{reverse('learner:message_dismiss')}?next={target}"),
        ):
            assert response.status_code == 302
            assert response["Location"] == reverse("portal:home")
        response = learner.post(reverse("learner:message_dismiss"), {"next": "/cert/"})
        assert response["Location"] == "/cert/"
