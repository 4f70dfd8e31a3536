"""The virtual phone's pages (Django test client): what it shows, who may answer,
QR pairing, and when it stops polling."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.flow.machine import Step
from issuance.phone.tokens import pairing_token_generator
from tests.issuance.flow.support import HTMX, text

pytestmark = pytest.mark.django_db


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


def test_the_qr_code_is_drawn_once_and_its_token_still_pairs(learner, settings):
    settings.PHONE_PAIRING_SECONDS = 600
    learner.walk_to(Step.ARS)
    url = reverse("phone:pairing_qr", args=[learner.session_id])
    first = learner.client.get(url)
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        second = learner.client.get(url)  # a fresh drawing would carry a later token
    assert first.content == second.content  # the same drawing, from the cache
    assert first["Cache-Control"] == "private, max-age=120"
    from django.core.cache import cache

    cache.clear()  # the drawing's time is up (Redis keeps real time: cleared, not travelled)
    with time_machine.travel(timezone.now() + timedelta(seconds=241)):
        later = learner.client.get(url)  # drawn again, with a fresh token
    assert later.content != first.content


def pair(learner) -> Client:
    """A real smartphone that scanned the learner's QR code."""
    phone = Client()
    token = pairing_token_generator.make_token(learner.session_id)
    assert phone.get(reverse("phone:pair", args=[token])).status_code == 302
    return phone


def test_a_paired_phone_stops_polling_when_its_flow_is_over(learner):
    learner.walk_to(Step.PUSH)
    phone = pair(learner)
    assert phone.get(reverse("phone:screen"), **HTMX).status_code == 200
    learner.client.post(reverse("phone:push_deny"))
    response = phone.get(reverse("phone:screen"), **HTMX)
    assert response.status_code == 286 and response.content.strip()  # the last screen stays


def test_the_learners_own_phone_polls_on_slowly_after_the_flow(learner):
    learner.walk_to(Step.PUSH)
    page = text(learner.client.get(reverse("phone:screen"), **HTMX))
    assert 'hx-trigger="every 2s"' in page
    learner.client.post(reverse("phone:push_deny"))
    response = learner.client.get(reverse("phone:screen"), **HTMX)
    assert response.status_code == 200 and 'hx-trigger="every 10s"' in text(response)


# --- One QR code, one phone; the pairing ends with its flow ---------------------------------


def test_a_pairing_token_pairs_one_phone_only(learner):
    learner.walk_to(Step.PUSH)
    token = pairing_token_generator.make_token(learner.session_id)
    first, second = Client(), Client()
    assert first.get(reverse("phone:pair", args=[token])).status_code == 302
    assert first.get(reverse("phone:pair", args=[token])).status_code == 302  # again: fine
    taken = second.get(reverse("phone:pair", args=[token]))
    assert taken.status_code == 400 and "이미 다른 휴대전화와 연결되어" in text(taken)
    assert second.post(reverse("phone:push_approve"), {"pin": "135790"}).status_code == 404
    assert second.post(reverse("phone:push_deny")).status_code == 404
    assert learner.session.status == Step.PUSH
    assert first.post(reverse("phone:push_approve"), {"pin": "135790"}).status_code == 200


def test_a_denial_needs_no_pin_and_the_screen_says_so(learner):
    """One QR code pairs one phone: its holder may say no without the PIN, as real
    authenticator apps let you cancel; 승인 keeps the PIN."""
    learner.walk_to(Step.PUSH)
    screen = text(learner.client.get(reverse("phone:screen"), **HTMX))
    assert "본인이 요청하지 않았다면 PIN 없이 '거부'를 누르세요" in screen
    wrong = learner.client.post(reverse("phone:push_approve"), {"pin": "000000"})
    assert "PIN이 올바르지 않습니다 (1/5회)" in text(wrong)
    assert learner.session.status == Step.PUSH
    response = learner.client.post(reverse("phone:push_deny"))
    assert response.status_code == 200 and "인증 요청을 거부했습니다" in text(response)
    assert learner.session.status == Step.STOPPED


def test_a_browser_that_followed_a_pairing_link_still_gets_its_own_calls(learner, db):
    from tests.issuance.flow.support import Learner as OtherLearner

    learner.walk_to(Step.ARS)
    neighbour = OtherLearner(Client())  # a classmate's browser that scanned this QR code
    token = pairing_token_generator.make_token(learner.session_id)
    assert neighbour.client.get(reverse("phone:pair", args=[token])).status_code == 302
    neighbour.start()  # its own flow now comes first
    neighbour.install()
    assert neighbour.session.pk != learner.session.pk
    phone = learner.session.customer.phones.first()
    learner.client.post(learner.url("ars"), {"phone": phone.pk})  # the learner's call rings...
    assert "ARS 인증" in text(learner.client.get(reverse("phone:screen"), **HTMX))
    # ...on the learner's phone, not on the neighbour's, which follows its own flow now.
    assert "ARS 인증" not in text(neighbour.client.get(reverse("phone:screen"), **HTMX))
    neighbour.walk_to(Step.ARS)
    neighbour_phone = neighbour.session.customer.phones.first()
    neighbour.client.post(neighbour.url("ars"), {"phone": neighbour_phone.pk})
    assert "ARS 인증" in text(neighbour.client.get(reverse("phone:screen"), **HTMX))


def test_the_phone_follows_a_new_flow_after_starting_again(learner):
    learner.walk_to(Step.PUSH)
    learner.client.post(reverse("phone:push_deny"))
    assert "거부" in text(learner.client.get(learner.url("stopped")))
    learner.session_id = None
    learner.walk_to(Step.ARS)  # 처음부터 다시: a new flow in the same browser
    phone = learner.session.customer.phones.first()
    learner.client.post(learner.url("ars"), {"phone": phone.pk})
    response = learner.client.get(reverse("phone:screen"), **HTMX)
    assert response.status_code == 200 and "ARS 인증" in text(response)


def test_after_the_update_the_phone_says_what_is_on_its_screen(learner):
    from issuance.models import Scenario

    Scenario.objects.create(name="구버전", is_default=True, app_outdated=True)
    learner.walk_to(Step.PUSH)
    page = text(learner.client.post(reverse("phone:app_update")))
    assert "아래 인증 요청을 확인하고 승인하세요" in page
    assert "'다시 요청'" not in page
    assert "승인" in page and 'name="pin"' in page  # the PIN pad is already there


def test_a_poll_of_an_unchanged_screen_is_answered_with_nothing_to_draw(learner):
    """The poll says what its phone shows: the same screen is 204 (htmx swaps nothing and
    polls on), a new one (the ARS call ringing) is drawn."""
    learner.walk_to(Step.ARS)
    poll = reverse("phone:screen")
    first = learner.client.get(poll, **HTMX)
    key = re.search(r'data-poll-key="([^"]+)"', text(first)).group(1)
    assert f'"X-Phone-Screen": "{key}"' in text(first)
    again = learner.client.get(poll, **HTMX, headers={"X-Phone-Screen": key})
    assert again.status_code == 204
    assert again.content == b""

    phone_number = learner.session.customer.phones.first()
    learner.client.post(learner.url("ars"), {"phone": phone_number.pk})  # 전화 요청
    ringing = learner.client.get(poll, **HTMX, headers={"X-Phone-Screen": key})
    assert ringing.status_code == 200
    assert "받기" in text(ringing)
    assert 'data-poll-key="call-' in text(ringing)
