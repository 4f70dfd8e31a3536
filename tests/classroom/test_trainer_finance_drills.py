"""The trainer and the new things a learner meets: the 금융인증서 on the dashboard, its
switches for every seat, and 금융사기 예방 연습 sent to the class (once each), with who
refused on the dashboard and in the results."""

import pytest
from django.urls import reverse

from tests.fixtures.classroom import join

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded_drills(db):
    """The seeded drills (a transactional test elsewhere may have flushed them)."""
    from issuance.drills import seed
    from issuance.models import Drill

    seed.load(Drill)


def text(response) -> str:
    return response.content.decode()


def test_new_device_and_forgotten_passwords_reach_every_seat(trainer_client, classroom):
    from issuance.models import Scenario

    _client, seat = join(classroom, "가")
    for action, field in (
        ("new-device", "cloud_reset_at"),
        ("forget-password", "password_forgotten_before"),
    ):
        url = reverse("trainer:class_action", args=[classroom.code, action])
        response = trainer_client.post(url, follow=True)
        assert response.status_code == 200
        assert getattr(Scenario.objects.get(pk=seat.scenario_id), field) is not None
    page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
    assert "새 기기에서 금융인증서 (클라우드 다시 연결)" in page
    assert "금융인증서 문자 미수신" in page  # the switch, for every learner


def test_a_drill_reaches_every_learner_once_and_the_table_shows_who_refused(
    trainer_client, classroom
):
    from issuance.drills import services as drills
    from issuance.models import Drill, DrillRun

    (_a, first), _b = join(classroom, "가"), join(classroom, "나")
    drill = Drill.objects.get(key="prosecutor-reissue")
    url = reverse("trainer:class_action", args=[classroom.code, "drill"])
    for _time in range(2):  # twice: still once each
        trainer_client.post(url, {"drill": drill.pk, "when": "now", "at_step": ""})
    assert DrillRun.objects.count() == 2
    run = DrillRun.objects.get(customer=first.personas.get().customer)
    refuse = next(i for i, c in enumerate(drill.choices) if c["outcome"] == "refused")
    drills.drill_answer(run=run, index=refuse)
    rows = text(trainer_client.get(reverse("trainer:rows", args=[classroom.code])))
    assert "drill-refused" in rows[rows.index("가") :] and "drill-waiting" in rows
    results = text(trainer_client.get(reverse("trainer:results", args=[classroom.code])))
    assert "금융사기 연습: 거절·신고" in results


def test_a_drill_at_a_step_needs_the_step(trainer_client, classroom):
    from issuance.models import Drill, DrillRun

    join(classroom, "가")
    drill = Drill.objects.get(key="prosecutor-reissue")
    url = reverse("trainer:class_action", args=[classroom.code, "drill"])
    response = trainer_client.post(url, {"drill": drill.pk, "when": "step"}, follow=True)
    assert "어느 단계에서 나타날지 고르세요" in text(response)
    assert not DrillRun.objects.exists()
    trainer_client.post(url, {"drill": drill.pk, "when": "step", "at_step": "ars"})
    assert DrillRun.objects.get().at_step == "ars"


def test_a_finance_certificates_step_is_named_with_it(trainer_client, classroom):
    from issuance.flow import finance

    _client, seat = join(classroom, "이금융")
    finance.finance_start(customer=seat.personas.get().customer)
    rows = text(trainer_client.get(reverse("trainer:rows", args=[classroom.code])))
    row = rows[rows.index("이금융") :]
    assert "금융인증서 · 사용자 확인" in row


def test_at_a_random_moment_means_within_the_setting(trainer_client, classroom, settings):
    from datetime import timedelta

    from django.utils import timezone

    from issuance.models import Drill, DrillRun

    settings.DRILL_RANDOM_MINUTES = 2
    join(classroom, "가")
    page = text(trainer_client.get(reverse("trainer:dashboard", args=[classroom.code])))
    assert "2분 안에 아무 때나" in page
    url = reverse("trainer:class_action", args=[classroom.code, "drill"])
    before = timezone.now()
    drill = Drill.objects.get(key="fine-smishing")
    trainer_client.post(url, {"drill": drill.pk, "when": "soon", "at_step": ""})
    due_at = DrillRun.objects.get().due_at
    assert before <= due_at <= timezone.now() + timedelta(minutes=2)


def test_a_learner_who_fell_then_reported_shows_so(trainer_client, classroom):
    from issuance.drills import services as drills
    from issuance.models import Drill

    _client, seat = join(classroom, "가")
    drill = Drill.objects.get(key="account-frozen-smishing")
    run = drills.drill_start(drill=drill, customer=seat.personas.get().customer)
    drills.drill_answer(run=run, index=[c["outcome"] for c in drill.choices].index("fell"))
    drills.drill_report(run=run, to="bank")
    rows = text(trainer_client.get(reverse("trainer:rows", args=[classroom.code])))
    assert "속음 → 신고" in rows
    results = text(trainer_client.get(reverse("trainer:results", args=[classroom.code])))
    assert "금융사기 연습: 속은 뒤 신고" in results
