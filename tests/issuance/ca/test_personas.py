"""What a persona holds from the start: the 공동인증서 on the hard disk, the 금융인증서
in the cloud with the handout's PIN (or one nobody was told), dated as it says."""

import pytest
from django.utils import timezone

from accounts.personas import PERSONAS_BY_KEY
from accounts.services import persona_apply
from issuance.ca.keystores import copy_open
from issuance.ca.personas import persona_certificates_give, unknown_pin
from issuance.pki.pin_rules import pin_problems
from portal.refusals import Refused


def give(key):
    persona = PERSONAS_BY_KEY[key]
    customer = persona_apply(persona=persona)
    return persona, persona_certificates_give(customer=customer, persona=persona)


def test_the_expiring_finance_persona_opens_with_its_pin_and_expires_in_60_days(finance_ca):
    persona, (issued,) = give("finance-expiring")
    certificate = issued.certificate
    assert certificate.cert_type == "finance"
    assert 58 <= (certificate.not_after - timezone.now()).days <= 61
    copy = certificate.copies.get()
    assert copy_open(copy, persona.finance_pin).private_key


def test_the_forgotten_pin_is_on_no_handout_and_opens_nothing(finance_ca):
    persona, (issued,) = give("finance-pin-lost")
    assert persona.finance_pin is None and persona.finance_pin_forgotten
    with pytest.raises(Refused):
        copy_open(issued.certificate.copies.get(), "294716")


def test_the_practice_persona_holds_nothing(finance_ca):
    _persona, issued = give("finance-practice")
    assert issued == []


def test_an_unknown_pin_keeps_the_rules():
    assert all(pin_problems(unknown_pin()) == [] for _ in range(50))
