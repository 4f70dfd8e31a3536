"""The virtual phone's pages (Django test client): what it shows, who may answer,
QR pairing, and when it stops polling."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.flow.machine import Step
from issuance.phone.tokens import pairing_token_generator
from tests.issuance.flow.support import HTMX, Learner, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client, ready, issuing_ca):
    return Learner(client)


def test_push_wrong_pin_on_the_phone(learner):
    learner.walk_to(Step.PUSH)
    response = learner.approve(pin="000000")
    assert response.status_code == 400
    assert "PIN이 올바르지 않습니다 (1/5회)" in text(response)


def test_someone_elses_phone_cannot_answer(learner):
    learner.walk_to(Step.PUSH)
    stranger = Client()
    assert stranger.post(reverse("phone:push_approve"), {"pin": "135790"}).status_code == 404
    assert learner.session.status == Step.PUSH


def test_pairing_token_binds_a_real_phone_and_tampering_is_refused(learner):
    learner.walk_to(Step.PUSH)
    phone = Client()
    token = signing.dumps(learner.session_id, salt=pairing_token_generator.salt)
    assert phone.get(reverse("phone:pair", args=[token + "x"])).status_code == 400
    forged = signing.dumps(learner.session_id, salt="another-salt")
    assert phone.get(reverse("phone:pair", args=[forged])).status_code == 400
    assert phone.get(reverse("phone:pair", args=[token])).status_code == 302
    assert phone.post(reverse("phone:push_approve"), {"pin": "135790"}).status_code == 200
    assert learner.session.status == Step.STORAGE


def test_pairing_token_expires(learner):
    learner.walk_to(Step.PUSH)
    token = signing.dumps(learner.session_id, salt=pairing_token_generator.salt)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert Client().get(reverse("phone:pair", args=[token])).status_code == 400


def test_a_replayed_approval_is_refused(learner):
    learner.walk_to(Step.PUSH)
    assert learner.approve().status_code == 200
    assert learner.approve().status_code == 409


def test_qr_code_is_an_svg(learner):
    learner.walk_to(Step.ARS)
    response = learner.client.get(reverse("phone:pairing_qr", args=[learner.session_id]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_phone_stops_polling_when_the_flow_is_over(learner):
    learner.walk_to(Step.PUSH)
    assert learner.client.get(reverse("phone:screen"), **HTMX).status_code == 200
    learner.client.post(reverse("phone:push_deny"))
    assert learner.client.get(reverse("phone:screen"), **HTMX).status_code == 286


def test_the_phone_keeps_its_last_screen_when_polling_stops(learner):
    learner.walk_to(Step.PUSH)
    learner.client.post(reverse("phone:push_deny"))
    response = learner.client.get(reverse("phone:screen"), **HTMX)
    assert response.status_code == 286 and response.content.strip()


def test_after_the_update_the_phone_says_what_is_on_its_screen(learner):
    from issuance.models import Scenario

    Scenario.objects.create(name="구버전", is_default=True, app_outdated=True)
    learner.walk_to(Step.PUSH)
    page = text(learner.client.post(reverse("phone:app_update")))
    assert "아래 인증 요청을 확인하고 승인하세요" in page
    assert "'다시 요청'" not in page
    assert "승인" in page and 'name="pin"' in page  # the PIN pad is already there
