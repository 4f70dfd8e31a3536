"""A learner ready to issue, and a way to walk a session to any step via the services."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from issuance.flow import authentication
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import IssuanceEvent, IssuanceSession
from tests.factories import (
    BankAccountFactory,
    CustomerFactory,
    MobileAuthenticatorFactory,
    RegisteredPhoneFactory,
    SecurityCardFactory,
)
from tests.issuance.conftest import CERT_PASSWORD, generated_cas, issuing_ca  # noqa: F401

RRN = "850315-1234567"
CARD_CODES = [f"{i:02d}{(i * 7) % 100:02d}" for i in range(1, 36)]  # slot n = nn + (7n mod 100)


def card_answer(slot_a: int, slot_b: int) -> tuple[str, str]:
    return CARD_CODES[slot_a - 1][:2], CARD_CODES[slot_b - 1][2:]


@pytest.fixture
def ready(db):
    """김하나-like: account registered for internet banking, 보안카드, current app, a phone."""
    customer = CustomerFactory(user_id="hana", name="김하나", rrn=RRN)
    BankAccountFactory(customer=customer, number="110201-01-100001", pin="1357", balance=10_000)
    SecurityCardFactory(customer=customer, codes=CARD_CODES)
    MobileAuthenticatorFactory(customer=customer, pin="135790")
    RegisteredPhoneFactory(customer=customer, number="010-2100-0001")
    return customer


HANA = {  # the ``ready`` customer's handout, as accounts.personas.handout gives one
    "user_id": "hana",
    "rrn": RRN,
    "accounts": [{"pin": "1357"}],
    "security_card": {"codes": CARD_CODES},
    "mobile_app": {"pin": "135790"},
}


def walk(
    session: IssuanceSession, to: str, *, cert_type: str = "bank", handout: dict = HANA
) -> IssuanceSession:
    """Drive ``session`` through the real services up to step ``to``, typing what the
    customer's ``handout`` says (김하나's unless given)."""
    codes = handout["security_card"]["codes"]
    while session.status != to:
        status = session.status
        if status == Step.INSTALL:
            flow.install_start(session=session, full=True)
            with time_machine.travel(timezone.now() + timedelta(seconds=10)):
                flow.install_finish(session=session)
        elif status == Step.IDENTIFY:
            flow.user_identify(session=session, user_id=handout["user_id"], rrn=handout["rrn"])
        elif status == Step.TERMS:
            flow.terms_accept(session=session, cert_type=cert_type)
        elif status == Step.ARS:
            authentication.ars_call(session=session, phone=session.customer.phones.first())
            authentication.ars_answer(session=session, digits=session.ars_code)
        elif status == Step.MEDIUM:
            slot_a, slot_b = authentication.medium_challenge(session)
            first, last = codes[slot_a - 1][:2], codes[slot_b - 1][2:]
            number = handout["accounts"][0].get("number")
            accounts = session.customer.accounts
            authentication.medium_verify(
                session=session,
                account=accounts.get(number=number) if number else accounts.first(),
                pin=handout["accounts"][0]["pin"],
                first_two=first,
                last_two=last,
            )
        elif status == Step.PUSH:
            authentication.push_approve(session=session, pin=handout["mobile_app"]["pin"])
        elif status == Step.STORAGE:
            flow.storage_submit(
                session=session,
                medium="hdd",
                password=CERT_PASSWORD,
                password_confirm=CERT_PASSWORD,
            )
        else:
            raise AssertionError(f"cannot walk from {status}")
        session.refresh_from_db()
    return session


@pytest.fixture
def new_session(db):
    return flow.session_start()


def later(seconds: float):
    """The clock ``seconds`` from now, standing still."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=False)


def messages_of(session) -> list[str]:
    """The session's event trail, as the admin and the trainer read it."""
    return list(IssuanceEvent.objects.filter(session=session).values_list("message", flat=True))
