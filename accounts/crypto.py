"""Field encryption (AES-GCM) and keyed look-up hashes (HMAC-SHA256).

One master key, ``settings.FIELD_ENCRYPTION_KEY`` (urlsafe base64 of 32 bytes), is
split with HKDF into an encryption key and a look-up key, so a leaked look-up hash
never weakens the ciphertext and vice versa. Every ciphertext is bound to its
purpose (the field it belongs to) as AES-GCM associated data: a 보안카드 blob copied
into a 주민등록번호 column does not decrypt.

Nothing in this module logs its inputs.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORMAT_VERSION = b"\x01"  # first byte of every ciphertext; room for key rotation
NONCE_SIZE = 12


@lru_cache(maxsize=4)
def _derived_keys(master_b64: str) -> tuple[bytes, bytes]:
    try:
        master = base64.urlsafe_b64decode(master_b64.encode())
    except ValueError as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be urlsafe base64") from exc
    if len(master) != 32:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must decode to 32 bytes")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return derive(b"bank-portal field encryption"), derive(b"bank-portal look-up hash")


def _keys() -> tuple[bytes, bytes]:
    return _derived_keys(settings.FIELD_ENCRYPTION_KEY)


def encrypt(plaintext: str, *, purpose: str) -> bytes:
    """Encrypt ``plaintext`` for the field named ``purpose`` (e.g. ``"customer.rrn"``)."""
    nonce = os.urandom(NONCE_SIZE)
    sealed = AESGCM(_keys()[0]).encrypt(nonce, plaintext.encode(), purpose.encode())
    return FORMAT_VERSION + nonce + sealed


def decrypt(blob: bytes, *, purpose: str) -> str:
    """Decrypt a value written by :func:`encrypt` for the same ``purpose``."""
    blob = bytes(blob)
    if blob[:1] != FORMAT_VERSION:
        raise ValueError("unknown ciphertext format")
    nonce, sealed = blob[1 : 1 + NONCE_SIZE], blob[1 + NONCE_SIZE :]
    return AESGCM(_keys()[0]).decrypt(nonce, sealed, purpose.encode()).decode()


def lookup_hash(value: str, *, purpose: str) -> str:
    """Keyed hash for equality look-ups of an encrypted value (hex, 64 characters)."""
    message = purpose.encode() + b"\x00" + value.encode()
    return hmac.new(_keys()[1], message, hashlib.sha256).hexdigest()
