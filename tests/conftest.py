"""Shared fixtures. Argon2 is slow by design; tests that are not about hashing
use a fast hasher, and tests/accounts/test_secrets_at_rest.py checks Argon2 itself."""

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.factories import CustomerFactory

# The shared fixtures, loaded for every test (never imported with a noqa).
pytest_plugins = ["tests.fixtures.pki", "tests.fixtures.flow", "tests.fixtures.classroom"]

# Property tests check what is true, never how fast: a busy CI machine must not fail them
# (Hypothesis's default 200 ms deadline did, for an OCSP request that took 303 ms).
hypothesis_settings.register_profile("suite", deadline=None)
hypothesis_settings.load_profile("suite")

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_sessionstart(session):
    """The English pages need the compiled catalogue: `make test` builds it, and so does a
    bare `pytest` (Babel, portal/catalogues.py), when the .po is newer than its .mo."""
    from django.conf import settings

    from portal.catalogues import catalogues_compile

    for locale_dir in settings.LOCALE_PATHS:
        catalogues_compile(Path(locale_dir))


@pytest.fixture(autouse=True)
def _fast_hashers(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.PIN_HASHER = "md5"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives a test's database rollback; start each test without it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _language_of_the_site():
    """Each test starts in the site's language (Korean). The test client's requests
    activate a page's language in this thread and leave it there (LocaleMiddleware does
    not undo it): a Chinese page would otherwise make the next test's messages Chinese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def customer(db):
    return CustomerFactory(password="correct-horse-1!")


@pytest.fixture
def superuser(db):
    return CustomerFactory(
        user_id="rootadmin", is_staff=True, is_superuser=True, password="admin-pass-1!"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
