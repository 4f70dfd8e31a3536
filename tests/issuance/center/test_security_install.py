"""보안프로그램 설치 on its own (/cert/security/): installed ahead ("미리 설치"), the
issuance flow's install step only confirms the programs; installed in the flow, the
page knows it too."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.flow.machine import Step
from issuance.models import CenterEvent, IssuanceEvent
from tests.issuance.flow.support import HTMX, Learner, text

pytestmark = pytest.mark.django_db
PAGE = reverse("center:security")


def install_ahead(client) -> None:
    client.post(PAGE, {"full": "1"})
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        response = client.get(reverse("center:security_progress"), **HTMX)
    assert response["HX-Redirect"] == PAGE


def test_the_page_offers_the_install_on_a_fresh_pc(client):
    page = text(client.get(PAGE))

    assert "보안프로그램 설치" in page
    assert "공동인증서 보안모듈 (모의)" in page
    assert "아직 보안프로그램이 설치되어 있지 않습니다" in page
    assert "csrfmiddlewaretoken" in page
    assert "통합설치 (권장)" in page


def test_the_install_shows_its_progress_then_the_programs_are_on_the_pc(client, customer):
    client.force_login(customer)

    response = client.post(PAGE, {"full": "1"})
    assert response["Location"] == PAGE
    running = text(client.get(PAGE))
    assert "설치 중…" in running
    assert reverse("center:security_progress") in running

    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        response = client.get(reverse("center:security_progress"), **HTMX)
    assert response["HX-Redirect"] == PAGE

    page = text(client.get(PAGE))
    assert "이 PC에 보안프로그램이 설치되어 있습니다" in page
    assert "설치 중…" not in page
    event = CenterEvent.objects.get(customer=customer)
    assert (event.action, event.result) == (CenterEvent.Action.INSTALL, CenterEvent.Result.OK)


def test_a_poll_while_it_runs_answers_the_bar(client):
    client.post(PAGE, {"full": "0"})

    response = client.get(reverse("center:security_progress"), **HTMX)

    assert response.status_code == 200
    assert 'role="progressbar"' in text(response)
    assert "HX-Redirect" not in response


def test_a_bad_install_method_is_refused_beside_the_field(client):
    response = client.post(PAGE, {"full": "7"})

    assert response.status_code == 200
    page = text(response)
    assert 'aria-describedby="id_full_error"' in page
    assert "올바르게 선택해 주세요" in page
    assert "설치 중…" not in text(client.get(PAGE))


def test_another_browser_has_not_installed_anything(client):
    install_ahead(client)
    other = Client()

    assert "아직 보안프로그램이 설치되어 있지 않습니다" in text(other.get(PAGE))


@pytest.mark.usefixtures("ready", "issuing_ca")
def test_installed_ahead_the_flow_only_confirms_the_programs(client):
    install_ahead(client)
    learner = Learner(client)
    learner.start()

    page = text(client.get(learner.url("install")))
    assert "이 PC에 보안프로그램이 이미 설치되어 있습니다" in page

    response = client.post(learner.url("install"), {"confirm": "1"})

    assert response["Location"] == learner.url("identify")
    assert learner.session.status == Step.IDENTIFY
    assert IssuanceEvent.objects.filter(
        session=learner.session, message="미리 설치한 보안프로그램 확인 완료"
    ).exists()


@pytest.mark.usefixtures("ready", "issuing_ca")
def test_a_confirmation_without_the_programs_does_not_pass_the_step(client):
    learner = Learner(client)
    learner.start()

    response = client.post(learner.url("install"), {"confirm": "1"})

    assert response.status_code == 200
    assert learner.session.status == Step.INSTALL
    assert "이미 설치되어 있습니다" not in text(response)


@pytest.mark.usefixtures("ready", "issuing_ca")
def test_installed_in_the_flow_the_page_knows_it(client):
    learner = Learner(client)
    learner.start()
    learner.install()

    assert "이 PC에 보안프로그램이 설치되어 있습니다" in text(client.get(PAGE))
