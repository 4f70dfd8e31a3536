"""자동 로그아웃: idle customers are logged out (default 30 minutes), with the time left
shown and 연장; background polls do not keep a session alive; a class seat survives;
staff, trainers and a 보조강사 logged in at the trainer login are not logged out."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from classroom.helpers import helper_add
from classroom.services import classroom_create
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
HOME = reverse("portal:home")


def at(minutes: float):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


@pytest.fixture
def browsing(client, customer):
    client.force_login(customer)
    client.get(HOME)  # the clock starts
    return client


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_idle_for_more_than_30_minutes_logs_out_with_a_message(browsing):
    with at(31):
        response = browsing.get(HOME, follow=True)
    assert not logged_in(browsing)
    assert response.redirect_chain[0][0] == reverse("accounts:login")
    assert "30분 동안 사용하지 않아 자동으로 로그아웃되었습니다" in response.content.decode()


def test_doing_something_keeps_the_session(browsing):
    with at(20):
        browsing.get(HOME)
    with at(45):
        browsing.get(HOME)
    assert logged_in(browsing)


def test_background_polls_do_not_keep_it_alive(browsing):
    with at(20):
        browsing.get(reverse("phone:screen"), HTTP_HX_REQUEST="true")
    with at(31):
        response = browsing.get(reverse("phone:screen"), HTTP_HX_REQUEST="true")
    assert not logged_in(browsing)
    assert response["HX-Redirect"] == reverse("accounts:login")


def test_the_page_shows_the_time_left_and_extend_extends(browsing):
    page = browsing.get(HOME).content.decode()
    assert "자동 로그아웃" in page and "data-idle-left=" in page and "연장" in page
    with at(25):
        assert (
            browsing.post(reverse("accounts:session_extend"), HTTP_HX_REQUEST="true").status_code
            == 204
        )
    with at(50):
        browsing.get(HOME)
    assert logged_in(browsing)


def test_staff_and_trainers_are_not_logged_out(client, db):
    trainer = CustomerFactory(is_trainer=True)
    client.force_login(trainer)
    client.get(HOME)
    with at(120):
        client.get(HOME)
    assert logged_in(client)
    assert "data-idle-left=" not in client.get(HOME).content.decode()


def test_a_helper_logged_in_at_the_trainer_login_is_not_logged_out(client, db):
    """A 보조강사 (not a trainer) watches the dashboard and sits by a learner for an hour."""
    classroom = classroom_create(trainer=CustomerFactory(is_trainer=True), name="반")
    helper, password = helper_add(classroom=classroom, name="김도움")
    login = reverse("trainer:login")
    client.post(login, {"user_id": helper.user.user_id, "password": password})
    dashboard = reverse("trainer:dashboard", args=[classroom.code])
    assert "data-idle-left=" not in client.get(dashboard).content.decode()
    with at(120):
        assert client.get(dashboard).status_code == 200
    assert logged_in(client)


def test_the_helpers_account_at_the_customer_login_is_logged_out_as_a_customer(client, db):
    """Only the trainer login's session watches; the same account elsewhere is a customer."""
    classroom = classroom_create(trainer=CustomerFactory(is_trainer=True), name="반")
    helper, _password = helper_add(classroom=classroom, name="김도움")
    client.force_login(helper.user)
    client.get(HOME)
    with at(31):
        client.get(HOME)
    assert not logged_in(client)


def test_a_class_seat_survives_and_the_code_brings_the_learner_back(client, db):
    from classroom.models import SeatPersona

    classroom = classroom_create(trainer=CustomerFactory(is_trainer=True), name="반")
    client.post("/join/", {"code": classroom.code, "display_name": "1번"})
    persona = SeatPersona.objects.get()
    client.get(HOME)
    with at(31):
        client.get(HOME)
        assert not logged_in(client)
        client.post("/join/", {"code": classroom.code.lower(), "display_name": "아무개"})
    assert int(client.session["_auth_user_id"]) == persona.customer_id
    assert SeatPersona.objects.count() == 1  # the same seat, not a new persona


@pytest.mark.parametrize("target", ["on", "//evil.example/"])
def test_extend_with_a_next_that_is_no_path_goes_home(browsing, target):
    for response in (
        browsing.post(reverse("accounts:session_extend"), {"next": target}),
        browsing.post(f"{reverse('accounts:session_extend')}?next={target}"),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:home")
    response = browsing.post(reverse("accounts:session_extend"), {"next": "/banking/accounts/"})
    assert response["Location"] == "/banking/accounts/"


def test_a_boosted_step_is_activity_a_poll_is_not():
    """A step of the flow reached by a boosted form or link is a navigation (it counts),
    a poll of the page is not."""
    from django.test import RequestFactory

    from accounts.idle import is_background

    factory = RequestFactory()
    assert is_background(factory.get("/", headers={"HX-Request": "true"}))
    boosted = {"HX-Request": "true", "HX-Boosted": "true"}
    assert not is_background(factory.get("/", headers=boosted))
    assert not is_background(factory.post("/", headers={"HX-Request": "true"}))
