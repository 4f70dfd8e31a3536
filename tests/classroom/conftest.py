"""A trainer, a class, and learners who join it through the services or the pages."""

import pytest
from django.test import Client

from classroom import services
from classroom.handouts import handout_of
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


def walk_to_medium(session, customer, handout):
    """From 보안프로그램 설치 to 보안매체 확인, as the persona's handout says."""
    from django.utils import timezone

    from issuance.flow import authentication
    from issuance.flow import services as flow
    from issuance.models import IssuanceSession

    flow.install_start(session=session, full=True)
    IssuanceSession.objects.filter(pk=session.pk).update(
        install_started_at=timezone.now() - timezone.timedelta(seconds=30)
    )
    session.refresh_from_db()
    flow.install_finish(session=session)
    flow.user_identify(session=session, user_id=handout["user_id"], rrn=handout["rrn"])
    flow.terms_accept(session=session, cert_type="bank")
    authentication.ars_call(session=session, phone=customer.phones.first())
    authentication.ars_answer(session=session, digits=session.ars_code)
    return session


def walk_flow(seat):
    """The seat's current persona walks the whole issuance through the services, as its
    handout says. Returns the session (발급 완료)."""
    from classroom.models import SeatPersona
    from issuance.flow import authentication
    from issuance.flow import services as flow
    from tests.issuance.conftest import CERT_PASSWORD

    persona = SeatPersona.objects.get(seat=seat, retired_at__isnull=True)
    customer, handout = persona.customer, handout_of(persona)
    session = walk_to_medium(flow.session_start(customer=customer), customer, handout)
    card = handout["security_card"]["codes"]
    slot_a, slot_b = authentication.medium_challenge(session)
    authentication.medium_verify(
        session=session,
        account=customer.accounts.first(),
        pin=handout["accounts"][0]["pin"],
        first_two=card[slot_a - 1][:2],
        last_two=card[slot_b - 1][2:],
    )
    authentication.push_approve(session=session, pin=handout["mobile_app"]["pin"])
    flow.storage_submit(
        session=session, medium="hdd", password=CERT_PASSWORD, password_confirm=CERT_PASSWORD
    )
    return session
