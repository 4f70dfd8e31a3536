"""Secrets at rest: Argon2 for passwords and PINs, with the real hasher."""

import pytest
from django.conf import settings as django_settings

from tests.factories import BankAccountFactory, CustomerFactory, MobileAuthenticatorFactory

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_is_the_first_hasher_in_the_real_settings():
    # conftest swaps in a fast hasher per test; the module-level settings are untouched
    from portal import settings as portal_settings

    assert portal_settings.PASSWORD_HASHERS[0] == ARGON2
    assert django_settings.PASSWORD_HASHERS  # sanity: settings are loaded


@pytest.mark.django_db
def test_password_and_pins_are_argon2_hashes(settings):
    from portal import settings as portal_settings

    settings.PASSWORD_HASHERS = portal_settings.PASSWORD_HASHERS
    settings.PIN_HASHER = portal_settings.PIN_HASHER
    customer = CustomerFactory(password="secret-pass-1!")
    account = BankAccountFactory(customer=customer, pin="9876")
    app = MobileAuthenticatorFactory(customer=customer, pin="987654")
    # The login password at Django's default cost; the PINs at OWASP's Argon2id minimum.
    assert customer.password.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    for stored in (account.pin_hash, app.pin_hash):
        assert stored.startswith("argon2pin$argon2id$v=19$m=19456,t=2,p=1$")
    assert customer.check_password("secret-pass-1!")
    assert account.pin_matches("9876")
    assert app.pin_matches("987654")


@pytest.mark.django_db
def test_a_pin_hashed_at_the_old_cost_still_opens(settings):
    from django.contrib.auth.hashers import make_password

    from portal import settings as portal_settings

    settings.PASSWORD_HASHERS = portal_settings.PASSWORD_HASHERS
    settings.PIN_HASHER = portal_settings.PIN_HASHER
    account = BankAccountFactory(pin="1111")
    account.pin_hash = make_password("2468")  # argon2$… as PINs were hashed before
    assert account.pin_matches("2468")
    assert not account.pin_matches("2469")


@pytest.mark.django_db
def test_a_personas_practice_password_is_hashed_as_the_pins_and_stays_so(settings, client):
    """A generated persona's password is printed on the learner's handout: Argon2id at
    the PINs' cost (a join's CPU), never upgraded at login; other passwords keep the full
    cost."""
    from accounts.persona_factory import persona_generate
    from accounts.services import persona_apply
    from portal import settings as portal_settings

    settings.PASSWORD_HASHERS = portal_settings.PASSWORD_HASHERS
    settings.PIN_HASHER = portal_settings.PIN_HASHER
    persona = persona_generate("ready")
    customer = persona_apply(persona=persona)
    assert customer.password.startswith("argon2pin$argon2id$v=19$m=19456,t=2,p=1$")
    stored = customer.password

    response = client.post(
        "/banking/login/", {"user_id": persona.user_id, "password": persona.password}
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.password == stored  # checked as it is, not re-hashed at full cost
    assert not customer.check_password(persona.password + "x")

    other = CustomerFactory(password="secret-pass-1!")
    assert other.password.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
