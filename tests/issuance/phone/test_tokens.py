"""Phone pairing tokens (phone/tokens.py)."""

import uuid
from datetime import timedelta

import time_machine
from django.utils import timezone

from issuance.phone.tokens import PairingTokenGenerator, pairing_token_generator


def test_a_token_checks_as_the_session_it_was_made_for():
    session_id = uuid.uuid4()
    token = pairing_token_generator.make_token(session_id)
    assert pairing_token_generator.check_token(token) == str(session_id)


def test_an_altered_or_foreign_token_checks_as_none():
    token = pairing_token_generator.make_token(uuid.uuid4())
    assert (
        pairing_token_generator.check_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    )
    assert pairing_token_generator.check_token("not-a-token") is None

    class OtherPurpose(PairingTokenGenerator):
        salt = "another-purpose"

    assert pairing_token_generator.check_token(OtherPurpose().make_token(uuid.uuid4())) is None


def test_a_token_expires(settings):
    token = pairing_token_generator.make_token(uuid.uuid4())
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.PHONE_PAIRING_SECONDS + 1)
    ):
        assert pairing_token_generator.check_token(token) is None
