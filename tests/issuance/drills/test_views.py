"""금융사기 예방 연습 in a browser (the Django test client): a visitor takes a drill from
/drills/, it plays on the virtual phone, each answer ends it with its outcome and the
debrief; the look-alike page of a text is counted, never kept; another browser sees
nobody else's run."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from issuance.models import DrillRun

pytestmark = pytest.mark.django_db
MARKER = "4821-typed-on-the-fake-page"


def text(response) -> str:
    return response.content.decode()


def start(client, key) -> DrillRun:
    response = client.post(reverse("drills:start", args=[key]))
    assert response.status_code == 302
    return DrillRun.objects.filter(drill__key=key).latest("created_at")


def choose(client, run, outcome):
    index = next(i for i, c in enumerate(run.drill.choices) if c["outcome"] == outcome)
    return client.post(reverse("phone:drill_choose"), {"run": run.pk, "choice": index})


def test_the_list_is_open_to_everyone_and_marked_as_training(client):
    page = text(client.get(reverse("drills:home")))
    assert "검찰청 사칭" in page or "검찰" in page
    assert "교육용 모의 상황" in page and "연습하기" in page
    assert reverse("drills:home") in text(client.get("/"))  # linked from the home page


def test_a_call_refused_on_the_phone_then_the_debrief(client):
    run = start(client, "prosecutor-reissue")
    phone = text(client.get(reverse("phone:phone")))
    assert run.drill.sender in phone and run.drill.lines[0] in phone
    assert "교육용 모의 상황" in phone
    screen = text(choose(client, run, "refused"))
    assert "잘하셨습니다" in screen
    run.refresh_from_db()
    assert run.state == "refused"
    debrief = text(client.get(reverse("drills:debrief", args=[run.pk])))
    assert run.drill.signs[0] in debrief and run.drill.call in debrief
    assert "인증서 관리에서 폐지하기" in debrief  # it asked for the certificate
    # Closed: the phone is home again, nothing more to show.
    client.post(reverse("phone:drill_close"))
    assert run.drill.sender not in text(client.get(reverse("phone:phone")))


def test_falling_for_it_says_what_would_have_happened(client):
    run = start(client, "fss-safe-account")
    screen = text(choose(client, run, "fell"))
    assert "속았습니다" in screen and run.drill.fell in screen


def test_a_text_opens_the_look_alike_page_which_keeps_only_a_count(client):
    run = start(client, "account-frozen-smishing")
    phone = text(client.get(reverse("phone:phone")))
    assert run.drill.link in phone
    fake = text(client.post(reverse("phone:drill_open_link"), {"run": run.pk}))
    assert run.drill.link in fake and "보안카드 번호 전체" in fake
    answered = client.post(
        reverse("phone:drill_fake_submit"),
        {"run": run.pk, "fake_certificate_password": MARKER, "fake_card_01": "1234", "x": MARKER},
    )
    assert "2칸을 입력했습니다" in text(answered)
    run.refresh_from_db()
    assert run.state == "fell" and run.boxes_filled == 2
    for model in apps.get_models():  # what was typed is nowhere, sessions included
        for row in model.objects.all().values_list():
            assert not any(MARKER in str(value) for value in row), model


def test_another_browser_never_sees_or_answers_the_run(client):
    run = start(client, "prosecutor-reissue")
    stranger = Client()
    assert stranger.get(reverse("drills:debrief", args=[run.pk])).status_code == 404
    assert choose(stranger, run, "fell").status_code == 404
    assert run.drill.sender not in text(stranger.get(reverse("phone:phone")))
    run.refresh_from_db()
    assert run.state == "waiting"


def test_a_second_answer_is_told_the_drill_is_over(client):
    run = start(client, "security-card-photo")
    choose(client, run, "refused")
    response = choose(client, run, "fell")
    assert response.status_code == 409 and "이미 끝난 연습입니다" in text(response)


@pytest.mark.parametrize("choice", ["-1", "99", "x"])
def test_a_tampered_choice_is_a_404_never_a_500(client, choice):
    run = start(client, "prosecutor-reissue")
    response = client.post(reverse("phone:drill_choose"), {"run": run.pk, "choice": choice})
    assert response.status_code == 404


def test_after_giving_the_certificate_away_the_real_revocation_works(client, issuing_ca, holder):
    from issuance.ca.services import certificate_issue
    from tests.fixtures.pki import CERT_PASSWORD

    copy = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    ).certificate.copies.get()
    client.force_login(holder)
    run = start(client, "bank-security-team-copy")
    assert run.customer == holder  # a logged-in learner's drill is on their own trail
    choose(client, run, "fell")
    debrief = text(client.get(reverse("drills:debrief", args=[run.pk])))
    assert reverse("center:manage") in debrief
    response = client.post(reverse("center:revoke", args=[copy.pk]), {"password": CERT_PASSWORD})
    assert response.status_code == 302
    copy.certificate.refresh_from_db()
    assert copy.certificate.revoked_at is not None


def test_the_installed_app_shows_someone_else_moving_the_screen(client):
    run = start(client, "remote-app-install")
    screen = text(choose(client, run, "fell"))
    assert "원격제어 중" in screen and "이체 진행 중" in screen and run.drill.fell in screen
