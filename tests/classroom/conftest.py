"""A trainer, a class, and learners who join it through the services or the pages."""

import pytest
from django.test import Client

from classroom import services
from classroom.learner.browser import SEAT_KEY
from classroom.models import Seat
from tests.factories import CustomerFactory
from tests.issuance.conftest import generated_cas, issuing_ca  # noqa: F401

TRAINER_PASSWORD = "trainer-pw-1!"


@pytest.fixture
def trainer(db):
    return CustomerFactory(
        user_id="trainer1", name="김강사", is_trainer=True, rrn=None, password=TRAINER_PASSWORD
    )


@pytest.fixture
def other_trainer(db):
    return CustomerFactory(user_id="trainer2", name="이강사", is_trainer=True, rrn=None)


@pytest.fixture
def classroom(trainer):
    return services.classroom_create(trainer=trainer, name="화요반", situations=["ready"])


@pytest.fixture
def trainer_client(trainer):
    client = Client()
    client.force_login(trainer)
    return client


def join(classroom, name="1번") -> tuple[Client, Seat]:
    """A learner's browser that joined ``classroom`` through /join/."""
    client = Client()
    response = client.post("/join/", {"code": classroom.code, "display_name": name})
    assert response.status_code == 302, response.content.decode()[-2000:]
    seat = Seat.objects.get(pk=client.session[SEAT_KEY])
    return client, seat
