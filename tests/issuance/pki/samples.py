"""Fixed inputs for the PKI tests, and reference code written from the spec.

The reference functions re-derive keys straight from docs/NPKI.md, without
the production helpers, so that a test checks the format and not our code
against itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.decrepit.ciphers.algorithms import SEED
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from issuance.pki import KST, der
from issuance.pki.keyfile import private_key_info

ISSUED_AT = datetime(2026, 11, 28, 10, 30, tzinfo=KST)
RRN = "800101-1234567"  # fictitious
OTHER_RRN = "800101-2234567"
PASSWORD = "kb!Secure7q"
BASE_URL = "http://testserver"


@dataclass(frozen=True)
class Issued:
    """A learner's certificate with everything that went into it."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    r: bytes
    key_file: bytes


def reference_pbkdf1(password: bytes, salt: bytes, iterations: int) -> bytes:
    """T1 = SHA1(P || S), Ti = SHA1(Ti-1), as NPKI.md states it."""
    t = hashlib.sha1(password + salt).digest()  # noqa: S324
    for _ in range(iterations - 1):
        t = hashlib.sha1(t).digest()  # noqa: S324
    return t


def seed_cbc_decrypt(key: bytes, iv: bytes, ciphertext: bytes) -> bytes:
    decryptor = Cipher(SEED(key), modes.CBC(iv)).decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    return unpadder.update(padded) + unpadder.finalize()


def seed_cbc_encrypt(key: bytes, iv: bytes, plaintext: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(SEED(key), modes.CBC(iv)).encryptor()
    return encryptor.update(padder.update(plaintext) + padder.finalize()) + encryptor.finalize()


def legacy_seed_cbc_key_file(
    private_key: rsa.RSAPrivateKey, password: str, r: bytes, salt: bytes = b"saltsalt"
) -> bytes:
    """An old-style file: bare seedCBC OID, PBKDF1 key, the fixed IV "0123456789012345"."""
    key = reference_pbkdf1(password.encode(), salt, 2048)[:16]
    ciphertext = seed_cbc_encrypt(key, b"0123456789012345", private_key_info(private_key, r))
    return der.sequence(
        der.sequence(
            der.oid("1.2.410.200004.1.4"),
            der.sequence(der.octet_string(salt), der.integer(2048)),
        ),
        der.octet_string(ciphertext),
    )


def rdn_string_tags(name: x509.Name) -> list[tuple[str, int]]:
    """(OID, string tag) of each attribute in DER order, read from the bytes."""
    out = []
    for rdn in der.decode(name.public_bytes()).expect(der.SEQUENCE).children:
        (attribute,) = rdn.expect(der.SET).children
        oid, value = attribute.children
        out.append((oid.to_oid(), value.tag))
    return out


def raw_extensions(cert: x509.Certificate) -> list[tuple[str, bool, bytes]]:
    """(OID, critical, extnValue octets) in the order the TBSCertificate holds them."""
    tbs = der.decode(cert.tbs_certificate_bytes).expect(der.SEQUENCE).children
    (extensions,) = tbs[-1].expect(der.context_tag(3)).children
    out = []
    for extension in extensions.expect(der.SEQUENCE).children:
        oid, *flag, value = extension.expect(der.SEQUENCE).children
        # DER leaves out critical = FALSE (the DEFAULT): a present flag must be TRUE.
        assert not flag or flag[0].expect(0x01).content == b"\xff"
        critical = bool(flag)
        out.append((oid.to_oid(), critical, value.expect(der.OCTET_STRING).content))
    return out
