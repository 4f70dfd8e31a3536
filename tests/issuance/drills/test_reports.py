"""Reporting from a drill (신고·확인): a "reported" choice that names a number, or a call
after the outcome (112, 1332, the bank's 지급정지), plays as a call screen on the virtual
phone with the simulated answer; nothing is dialled. The run keeps where, the learner's
trail says so, the debrief and the trainer's table show it."""

import pytest
from django.urls import reverse

from issuance.drills import services
from issuance.drills.reports import AFTER_DRILL, NUMBERS
from issuance.drills.seed import REPORT_NUMBERS
from issuance.models import CenterEvent, Drill, DrillRun
from issuance.transitions import WrongState

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def start(client, key) -> DrillRun:
    client.post(reverse("drills:start", args=[key]))
    return DrillRun.objects.filter(drill__key=key).latest("created_at")


def index_of(run, **match) -> int:
    return next(
        i for i, c in enumerate(run.drill.choices) if all(c.get(k) == v for k, v in match.items())
    )


def test_the_seed_dials_only_numbers_the_phone_can_call():
    assert set(REPORT_NUMBERS) == set(NUMBERS)
    assert set(AFTER_DRILL) <= set(NUMBERS)
    dials = {c["dial"] for d in Drill.objects.all() for c in d.choices if "dial" in c}
    assert {"112", "1332", "bank"} <= dials


def test_a_report_choice_calls_its_number_on_the_phone(client):
    run = start(client, "prosecutor-reissue")
    screen = text(
        client.post(
            reverse("phone:drill_choose"), {"run": run.pk, "choice": index_of(run, dial="112")}
        )
    )
    assert "112 · 경찰청 112 신고센터" in screen and "실제로 걸리지 않습니다" in screen
    assert str(NUMBERS["112"].lines[0]) in screen
    run.refresh_from_db()
    assert (run.state, run.reported_to) == ("reported", "112")
    # The call ends: the outcome, with the other numbers still there to call.
    ended = text(client.post(reverse("phone:drill_hang_up"), {"run": run.pk}))
    assert "잘하셨습니다" in ended and "경찰청 112 신고센터(112)에 신고·확인했습니다" in ended


def test_after_falling_for_it_the_learner_asks_the_bank_for_a_payment_stop(client, holder):
    client.force_login(holder)
    run = start(client, "account-frozen-smishing")
    fell = text(
        client.post(
            reverse("phone:drill_choose"), {"run": run.pk, "choice": index_of(run, outcome="fell")}
        )
    )
    assert "지금 신고하기" in fell and "1588-0000" in fell and "1332" in fell
    debrief = text(client.get(reverse("drills:debrief", args=[run.pk])))
    assert "아직 신고하지 않았습니다" in debrief
    call = text(client.post(reverse("phone:drill_report"), {"run": run.pk, "to": "bank"}))
    assert "지급정지를 접수했습니다" in call and "교육용 모의 통화" in call
    run.refresh_from_db()
    assert (run.state, run.reported_to) == ("fell", "bank")  # the money went; now reported
    trail = CenterEvent.objects.filter(customer=holder, action=CenterEvent.Action.DRILL)
    assert trail.filter(message__contains="모의국민은행 고객센터 (지급정지)(1588-0000)").exists()
    debrief = text(client.get(reverse("drills:debrief", args=[run.pk])))
    assert "모의국민은행 고객센터 (지급정지)(1588-0000)에 신고·확인했습니다" in debrief


def test_a_report_is_only_for_an_answered_run_and_a_known_number(client):
    run = start(client, "fine-smishing")
    waiting = client.post(reverse("phone:drill_report"), {"run": run.pk, "to": "112"})
    assert waiting.status_code == 409 and "이미 끝난 연습입니다" in text(waiting)
    with pytest.raises(WrongState):
        services.drill_report(run=run, to="112")
    services.drill_answer(run=run, index=index_of(run, outcome="refused"))
    unknown = client.post(reverse("phone:drill_report"), {"run": run.pk, "to": "119"})
    assert unknown.status_code == 404
    run.refresh_from_db()
    assert run.reported_to == ""


def test_another_browser_cannot_report_someone_elses_run(client):
    from django.test import Client

    run = start(client, "fine-smishing")
    services.drill_answer(run=run, index=index_of(run, outcome="fell"))
    response = Client().post(reverse("phone:drill_report"), {"run": run.pk, "to": "112"})
    assert response.status_code == 404
    run.refresh_from_db()
    assert run.reported_to == ""
