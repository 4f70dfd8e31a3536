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
    settings.PASSWORD_HASHERS = [ARGON2]
    customer = CustomerFactory(password="secret-pass-1!")
    account = BankAccountFactory(customer=customer, pin="9876")
    app = MobileAuthenticatorFactory(customer=customer, pin="987654")
    for stored in (customer.password, account.pin_hash, app.pin_hash):
        assert stored.startswith("argon2$argon2id$")
    assert customer.check_password("secret-pass-1!")
    assert account.pin_matches("9876")
    assert app.pin_matches("987654")
