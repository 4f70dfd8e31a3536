"""The 금융인증서's key as the cloud keeps it: sealed with the server's key, never with
the holder's PIN.

Six digits have a million values: a key file encrypted with them would fall to
anyone holding the file in seconds. So the cloud seals the key with a key only the
server holds (AES-256-GCM), and the PIN is checked online against its Argon2 hash,
with the N/5 lock in front of it (the Django layer does both). The hash travels in
the sealed blob as associated data: it is readable without the server key (to
check a PIN before any decryption), but a hash swapped into the blob by someone
who can write the database breaks the seal, so only the holder's PIN ever opens
the key.

    blob = MAGIC ‖ u16 len(hash) ‖ hash ‖ nonce(12) ‖ AES-GCM(key, nonce,
           u16 len(R) ‖ R ‖ PKCS#8 DER, aad = MAGIC ‖ hash)
"""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from issuance.pki.errors import DamagedKeyFileError
from issuance.pki.keyfile import KeyFileContents

MAGIC = b"SIMCLOUD1"
SCHEME = "cloud-aes256gcm"
NONCE_SIZE = 12
_HKDF_INFO = b"bank-portal finance-certificate cloud key store v1"


def server_key_from(secret: bytes) -> bytes:
    """The 32-byte sealing key, derived from the server's secret (HKDF-SHA256)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret)


def seal_cloud_key(
    private_key: rsa.RSAPrivateKey, random_num: bytes | None, *, pin_hash: str, server_key: bytes
) -> bytes:
    """The key and its R sealed with ``server_key``, bound to ``pin_hash``."""
    hashed = pin_hash.encode("ascii")
    der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    random_num = random_num or b""
    plaintext = struct.pack(">H", len(random_num)) + random_num + der
    nonce = os.urandom(NONCE_SIZE)
    sealed = AESGCM(server_key).encrypt(nonce, plaintext, MAGIC + hashed)
    return MAGIC + struct.pack(">H", len(hashed)) + hashed + nonce + sealed


def _split(blob: bytes) -> tuple[bytes, bytes, bytes]:
    """(hash, nonce, sealed), or ``DamagedKeyFileError`` for anything else."""
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 2:
        raise DamagedKeyFileError("not a sealed cloud key")
    (size,) = struct.unpack_from(">H", blob, len(MAGIC))
    start = len(MAGIC) + 2
    hashed = blob[start : start + size]
    nonce = blob[start + size : start + size + NONCE_SIZE]
    sealed = blob[start + size + NONCE_SIZE :]
    if len(hashed) != size or len(nonce) != NONCE_SIZE or not sealed:
        raise DamagedKeyFileError("truncated cloud key")
    return hashed, nonce, sealed


def cloud_pin_hash(blob: bytes) -> str:
    """The PIN's hash the blob carries (checked before opening it)."""
    return _split(blob)[0].decode("ascii")


def open_cloud_key(blob: bytes, *, server_key: bytes) -> KeyFileContents:
    """The key and R, or ``DamagedKeyFileError`` when the seal does not hold (another
    server key, a changed hash or byte)."""
    hashed, nonce, sealed = _split(blob)
    try:
        plaintext = AESGCM(server_key).decrypt(nonce, sealed, MAGIC + hashed)
    except InvalidTag as exc:
        raise DamagedKeyFileError("the cloud key's seal does not hold") from exc
    (size,) = struct.unpack_from(">H", plaintext, 0)
    random_num = plaintext[2 : 2 + size] or None
    private_key = serialization.load_der_private_key(plaintext[2 + size :], password=None)
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise DamagedKeyFileError("not an RSA key")
    return KeyFileContents(private_key=private_key, random_num=random_num, scheme=SCHEME)
