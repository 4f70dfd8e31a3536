"""Fresh personas (accounts/persona_factory.py): fictitious, unique, shaped by the situation."""

import pytest

from accounts import rrn
from accounts.models import Customer
from accounts.persona_factory import SITUATIONS, fictitious_rrn, persona_generate
from accounts.personas import PERSONAS_BY_KEY, handout
from accounts.services import persona_apply
from issuance.pki import password_problems


def test_every_situation_gives_the_shape_of_its_fixed_persona():
    for situation in SITUATIONS:
        template, persona = PERSONAS_BY_KEY[situation], persona_generate(situation)
        assert len(persona.accounts) == len(template.accounts)
        assert [a.internet_banking_registered for a in persona.accounts] == [
            a.internet_banking_registered for a in template.accounts
        ]
        assert [a.balance for a in persona.accounts] == [a.balance for a in template.accounts]
        assert (persona.member_since is None) == (template.member_since is None)
        assert bool(persona.security_card) == bool(template.security_card)
        assert bool(persona.mobile_app) == bool(template.mobile_app)
        if template.mobile_app:
            assert persona.mobile_app.installed_version == template.mobile_app.installed_version
        assert persona.holds_certificate == template.holds_certificate
        assert persona.user_id != template.user_id and persona.rrn != template.rrn


def test_the_data_is_fictitious_and_valid():
    for _ in range(300):
        persona = persona_generate("has-certificate")
        number = rrn.validate(persona.rrn)  # a real date and century digit...
        assert not rrn.passes_legacy_checksum(number)  # ...but nobody's number
        assert password_problems(persona.certificate_password) == []
        assert len(persona.security_card.codes()) == 35
        assert all(len(code) == 4 and code.isdigit() for code in persona.security_card.codes())
        assert len(persona.mobile_app.pin) == 6 and len(persona.accounts[0].pin) == 4


def test_two_personas_share_nothing_a_learner_types():
    first, second = persona_generate("ready"), persona_generate("ready")
    assert first.user_id != second.user_id
    assert first.rrn != second.rrn
    assert first.accounts[0].number != second.accounts[0].number
    assert first.security_card.serial != second.security_card.serial
    assert first.security_card.codes() != second.security_card.codes()
    assert first.key != second.key


def test_a_taken_value_is_drawn_again():
    seen = []

    def taken(kind, value):
        seen.append(kind)
        return kind == "user_id" and seen.count("user_id") < 3  # the first two are taken

    persona_generate("ready", taken=taken)
    assert seen.count("user_id") == 3


def test_fictitious_rrn_never_passes_the_check_digit():
    assert not any(rrn.passes_legacy_checksum(rrn.normalize(fictitious_rrn())) for _ in range(500))


@pytest.mark.django_db
def test_a_generated_persona_becomes_a_customer_with_its_handout():
    persona = persona_generate("several-accounts")
    customer = persona_apply(persona=persona)
    assert Customer.objects.get(user_id=persona.user_id) == customer
    assert customer.rrn_matches(persona.rrn)
    assert customer.check_password(persona.password)
    card = customer.security_card
    assert card.codes == persona.security_card.codes()
    assert customer.accounts.count() == 3
    assert handout(persona)["security_card"]["codes"] == card.codes
