"""The commands trainers' scripts use: classroom_create / classroom_show (--json),
demo_trainer, demo_reset."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import Customer
from classroom.models import Classroom, DemoReset
from classroom.services import seat_join
from issuance.flow import services as flow
from issuance.models import Certificate

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_classroom_create_json(trainer, settings):
    settings.SITE_URL = "http://192.168.0.10:8000"
    data = json.loads(
        run("classroom_create", "--name", "화요반", "--trainer", "trainer1",
            "--situations", "ready,outdated-app", "--scenarios", "install-fails", "--json")
    )  # fmt: skip
    classroom = Classroom.objects.get()
    assert data["code"] == classroom.code
    assert data["join_url"] == f"http://192.168.0.10:8000/join/?code={classroom.code}"
    assert data["situations"] == ["ready", "outdated-app"]
    assert data["scenarios"] == ["install-fails"] and data["open"] is True


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--trainer", "nobody"], "강사 계정"),
        (["--trainer", "trainer1", "--situations", "rich"], "알 수 없는 상황"),
        (["--trainer", "trainer1", "--scenarios", "fly"], "알 수 없는 시나리오"),
    ],
)
def test_classroom_create_refuses_clearly(trainer, args, words):
    with pytest.raises(CommandError, match=words):
        run("classroom_create", "--name", "x", *args)
    assert not Classroom.objects.exists()


def test_classroom_show_json_is_the_dashboard(classroom):
    seat = seat_join(code=classroom.code, display_name="김민수")
    flow.session_start(customer=seat.personas.get().customer)
    data = json.loads(run("classroom_show", classroom.code, "--json"))
    assert data["code"] == classroom.code
    (shown,) = data["seats"]
    assert shown["display_name"] == "김민수"
    assert shown["user_id"] == seat.personas.get().customer.user_id
    assert shown["step"] == "install" and shown["failures"] == 0 and shown["stuck"] is False


def test_classroom_show_unknown_code(db):
    with pytest.raises(CommandError, match="수업이 없습니다"):
        run("classroom_show", "AAAAAA")


def test_demo_trainer_is_created_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first = run("demo_trainer")
    second = run("demo_trainer")
    assert first == second and "강사 로그인: ID trainer" in first
    trainer = Customer.objects.get(user_id="trainer")
    assert trainer.is_trainer and not trainer.is_staff


def test_demo_reset_runs_only_when_due(settings, issuing_ca):
    run("seed_personas")
    settings.DEMO_RESET_MINUTES = 30
    holder = Customer.objects.get(persona_key="has-certificate")
    first = Certificate.objects.get(customer=holder)
    assert "되돌렸습니다" in run("demo_reset")
    assert "아직 때가 아닙니다" in run("demo_reset")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert "되돌렸습니다" in run("demo_reset")
    assert DemoReset.objects.count() == 2
    # Back to the handout: one certificate, a new one, the old one gone.
    (again,) = Certificate.objects.filter(customer=holder)
    assert again.pk != first.pk and again.revoked_at is None


def test_demo_reset_is_off_without_the_setting(settings):
    settings.DEMO_RESET_MINUTES = 0
    assert "DEMO_RESET_MINUTES가 0" in run("demo_reset")


def test_learners_see_when_the_demo_resets_next(client, settings):
    settings.DEMO_RESET_MINUTES = 30
    DemoReset.objects.create(done_at=timezone.now())
    assert "처음 상태로 돌아갑니다" in client.get("/").content.decode()
