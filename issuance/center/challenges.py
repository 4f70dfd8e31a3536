"""The one-time challenge the certificate login signs, carried in the form (signed, for
ten minutes) instead of the session: showing the dialog to a visitor creates no
session row. A challenge is used once; the cache remembers the used ones."""

import secrets

from django.core import signing
from django.core.cache import cache

SALT = "issuance.center.login-challenge"
MAX_AGE = 600
CHALLENGE_BYTES = 32


def challenge_make() -> str:
    return signing.dumps(secrets.token_hex(CHALLENGE_BYTES), salt=SALT)


def challenge_take(token: str) -> bytes | None:
    """The challenge, once: None when forged, expired or used before."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not cache.add(f"center:challenge-used:{value}", True, MAX_AGE):
        return None
    return bytes.fromhex(value)
