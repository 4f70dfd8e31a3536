"""signPri.key: the NPKI private-key file, written and read.

The file is an EncryptedPrivateKeyInfo whose plaintext is the PKCS#8 key
plus one attribute, randomNum (R, the secret half of the VID). Two schemes
are written: seedCBCWithSHA1 (PBKDF1-SHA1, SEED-CBC; the classic format and
our default) and PBES2 (PBKDF2-HMAC-SHA1, SEED-CBC; seen since 2019). A third,
older one (bare seedCBC OID with a fixed IV) is only read.

Passwords are encoded as UTF-8. KISA's rules and NPKI input fields keep them
to printable ASCII, where every encoding agrees; `password_rules` refuses the
rest so that a file we write opens everywhere.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.decrepit.ciphers.algorithms import SEED
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from issuance.pki import der
from issuance.pki.errors import DamagedKeyFileError, SeedUnavailableError, WrongPasswordError

SEED_CBC_WITH_SHA1_OID = "1.2.410.200004.1.15"
SEED_CBC_OID = "1.2.410.200004.1.4"
PBES2_OID = "1.2.840.113549.1.5.13"
PBKDF2_OID = "1.2.840.113549.1.5.12"
HMAC_SHA1_OID = "1.2.840.113549.2.7"
HMAC_SHA256_OID = "1.2.840.113549.2.9"
RANDOM_NUM_OID = "1.2.410.200004.10.1.1.3"

ITERATIONS = 2048
SALT_SIZE = 8
RANDOM_NUM_SIZE = 20
# Old seedCBC files derive only the key from the password; the IV is this constant.
LEGACY_SEED_IV = b"0123456789012345"
# A file from outside chooses its own iteration count: cap the work it can ask for.
MAX_ITERATIONS = 100_000
_BLOCK = 16

Scheme = Literal["seedCBCWithSHA1", "pbes2"]
_SCHEME_NAMES = {
    SEED_CBC_WITH_SHA1_OID: "seedCBCWithSHA1",
    PBES2_OID: "pbes2",
    SEED_CBC_OID: "seedCBC",
}


@dataclass(frozen=True, slots=True)
class KeyFileContents:
    """What a key file holds once decrypted."""

    private_key: rsa.RSAPrivateKey
    random_num: bytes | None  # R; some files from other CAs have none
    scheme: str  # "seedCBCWithSHA1", "pbes2", or "seedCBC" (old files, read only)


def new_random_num() -> bytes:
    """A fresh R for a new key file and its certificate's VID."""
    return secrets.token_bytes(RANDOM_NUM_SIZE)


# --- writing ----------------------------------------------------------------


def write_key_file(
    private_key: rsa.RSAPrivateKey,
    password: str,
    r: bytes | None,
    *,
    scheme: Scheme = "seedCBCWithSHA1",
) -> bytes:
    """Encrypt a private key and its R as a signPri.key (≈1,300 bytes for RSA-2048).

    ``r=None`` writes a key file without R, as some other CAs' files are (a key that
    came from a .p12, which carries no R).
    """
    plaintext = private_key_info(private_key, r)
    secret = password.encode("utf-8")
    salt = os.urandom(SALT_SIZE)
    if scheme == "seedCBCWithSHA1":
        key, iv = _pbkdf1_key_iv(secret, salt, ITERATIONS)
        algorithm = der.sequence(
            der.oid(SEED_CBC_WITH_SHA1_OID),
            der.sequence(der.octet_string(salt), der.integer(ITERATIONS)),
        )
    elif scheme == "pbes2":
        iv = os.urandom(_BLOCK)
        key = _pbkdf2(secret, salt, ITERATIONS, hashes.SHA1())  # noqa: S303 (the format's KDF)
        # No PRF field: hmacWithSHA1 is the default, and the real files omit it.
        kdf_params = der.sequence(
            der.octet_string(salt), der.integer(ITERATIONS), der.integer(len(key))
        )
        algorithm = der.sequence(
            der.oid(PBES2_OID),
            der.sequence(
                der.sequence(der.oid(PBKDF2_OID), kdf_params),
                der.sequence(der.oid(SEED_CBC_OID), der.octet_string(iv)),
            ),
        )
    else:
        raise ValueError(f"unknown key-file scheme {scheme!r}")
    return der.sequence(algorithm, der.octet_string(_seed_cbc_encrypt(key, iv, plaintext)))


def private_key_info(private_key: rsa.RSAPrivateKey, r: bytes | None) -> bytes:
    """PKCS#8 PrivateKeyInfo with exactly one attribute, randomNum = R (none without R).

    PyPinkSign (and software like it) reads R at a fixed position, so there
    is never a second attribute.
    """
    pkcs8 = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    if r is None:
        return pkcs8
    version, algorithm, key_octets = der.decode(pkcs8).children
    random_num = der.sequence(der.oid(RANDOM_NUM_OID), der.set_of(der.bit_string(r)))
    return der.sequence(
        version.encoded,
        algorithm.encoded,
        key_octets.encoded,
        der.implicit(0, random_num, constructed=True),  # attributes [0] IMPLICIT SET OF
    )


# --- reading ----------------------------------------------------------------


def read_key_file(data: bytes, password: str, *, validate_key: bool = True) -> KeyFileContents:
    """Decrypt a signPri.key.

    Raises `DamagedKeyFileError` when the bytes are not an encrypted key file
    we can read, and `WrongPasswordError` when they are but do not decrypt.
    `validate_key=False` skips RSA key validation (≈44 ms) for files this
    application wrote itself.
    """
    secret = password.encode("utf-8")
    try:
        scheme, key, iv, ciphertext = _unwrap(bytes(data), secret)
    except (ValueError, IndexError) as exc:  # DerError is a ValueError
        raise DamagedKeyFileError() from exc
    if not ciphertext or len(ciphertext) % _BLOCK:
        raise DamagedKeyFileError()
    plaintext = _seed_cbc_decrypt(key, iv, ciphertext)
    # The outer structure was sound, so garbage from here on means a wrong key.
    if plaintext is None:
        raise WrongPasswordError()
    try:
        random_num = _random_num(plaintext)
        private_key = serialization.load_der_private_key(
            plaintext, None, unsafe_skip_rsa_key_validation=not validate_key
        )
    except (ValueError, IndexError, UnsupportedAlgorithm) as exc:
        raise WrongPasswordError() from exc
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise DamagedKeyFileError()
    return KeyFileContents(private_key, random_num, scheme)


def change_key_file_password(
    data: bytes, old_password: str, new_password: str, *, validate_key: bool = True
) -> bytes:
    """The same key and R under a new password, in the file's own scheme."""
    contents = read_key_file(data, old_password, validate_key=validate_key)
    # An old seedCBC file is rewritten in the classic scheme.
    scheme: Scheme = "pbes2" if contents.scheme == "pbes2" else "seedCBCWithSHA1"
    if contents.random_num is None:
        raise DamagedKeyFileError()
    return write_key_file(contents.private_key, new_password, contents.random_num, scheme=scheme)


def key_matches_certificate(private_key: rsa.RSAPrivateKey, cert: x509.Certificate) -> bool:
    public_key = cert.public_key()
    return (
        isinstance(public_key, rsa.RSAPublicKey)
        and public_key.public_numbers() == private_key.public_key().public_numbers()
    )


def _unwrap(data: bytes, secret: bytes) -> tuple[str, bytes, bytes, bytes]:
    """(scheme name, key, IV, ciphertext) from an EncryptedPrivateKeyInfo."""
    algorithm, encrypted = der.decode(data).expect(der.SEQUENCE).children
    ciphertext = encrypted.expect(der.OCTET_STRING).content
    scheme, params = algorithm.expect(der.SEQUENCE).children
    scheme_oid = scheme.to_oid()
    if scheme_oid in (SEED_CBC_WITH_SHA1_OID, SEED_CBC_OID):
        salt, iterations = _salt_and_iterations(params.expect(der.SEQUENCE).children)
        if scheme_oid == SEED_CBC_WITH_SHA1_OID:
            key, iv = _pbkdf1_key_iv(secret, salt, iterations)
        else:
            key, iv = _pbkdf1(secret, salt, iterations)[:16], LEGACY_SEED_IV
    elif scheme_oid == PBES2_OID:
        key, iv = _pbes2_key_iv(secret, params)
    else:
        raise ValueError(f"not an NPKI key-encryption scheme: {scheme_oid}")
    return _SCHEME_NAMES[scheme_oid], key, iv, ciphertext


_PBKDF2_PRFS: dict[str, type[hashes.HashAlgorithm]] = {
    HMAC_SHA1_OID: hashes.SHA1,
    HMAC_SHA256_OID: hashes.SHA256,
}


def _pbes2_key_iv(secret: bytes, params: der.Element) -> tuple[bytes, bytes]:
    """PBES2 restricted to what NPKI uses: PBKDF2 and SEED-CBC."""
    kdf, cipher = params.expect(der.SEQUENCE).children
    kdf_oid, kdf_params = kdf.expect(der.SEQUENCE).children
    cipher_oid, iv_el = cipher.expect(der.SEQUENCE).children
    if kdf_oid.to_oid() != PBKDF2_OID or cipher_oid.to_oid() != SEED_CBC_OID:
        raise ValueError("PBES2 with an algorithm other than PBKDF2 and SEED-CBC")
    iv = iv_el.expect(der.OCTET_STRING).content
    if len(iv) != _BLOCK:
        raise ValueError("SEED-CBC IV must be 16 bytes")
    kdf_fields = kdf_params.expect(der.SEQUENCE).children
    salt, iterations = _salt_and_iterations(kdf_fields[:2])
    prf: hashes.HashAlgorithm = hashes.SHA1()  # noqa: S303 (the default when absent)
    for field in kdf_fields[2:]:  # keyLength and prf, both optional
        if field.tag == der.INTEGER:
            if field.to_int() != 16:
                raise ValueError("SEED keys are 16 bytes")
            continue
        prf_oid = field.expect(der.SEQUENCE).children[0].to_oid()
        if prf_oid not in _PBKDF2_PRFS:
            raise ValueError(f"unsupported PBKDF2 PRF {prf_oid}")
        prf = _PBKDF2_PRFS[prf_oid]()
    return _pbkdf2(secret, salt, iterations, prf), iv


def _salt_and_iterations(fields: list[der.Element]) -> tuple[bytes, int]:
    salt_el, iterations_el = fields
    salt = salt_el.expect(der.OCTET_STRING).content
    iterations = iterations_el.to_int()
    if not 1 <= len(salt) <= 64 or not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError("implausible salt or iteration count")
    return salt, iterations


def _random_num(plaintext: bytes) -> bytes | None:
    """R from the PrivateKeyInfo's randomNum attribute, if it has one."""
    for field in der.decode(plaintext).expect(der.SEQUENCE).children[3:]:
        if field.tag != der.context_tag(0):
            continue
        for attribute in field.children:
            attr_type, values = attribute.expect(der.SEQUENCE).children
            if attr_type.to_oid() == RANDOM_NUM_OID:
                return values.expect(der.SET).children[0].to_bytes()
    return None


# --- primitives -------------------------------------------------------------


# SHA-1 below is fixed by the NPKI format, not a choice: S324 is silenced.


def _pbkdf1(secret: bytes, salt: bytes, iterations: int) -> bytes:
    """PBKDF1 with SHA-1 (PKCS #5 v2.0, 5.1); `cryptography` has no PBKDF1."""
    digest = hashlib.sha1(secret + salt).digest()  # noqa: S324
    for _ in range(iterations - 1):
        digest = hashlib.sha1(digest).digest()  # noqa: S324
    return digest


def _pbkdf1_key_iv(secret: bytes, salt: bytes, iterations: int) -> tuple[bytes, bytes]:
    """seedCBCWithSHA1: key = DK[0:16], IV = SHA1(DK[16:20])[0:16]."""
    dk = _pbkdf1(secret, salt, iterations)
    return dk[:16], hashlib.sha1(dk[16:20]).digest()[:16]  # noqa: S324


def _pbkdf2(secret: bytes, salt: bytes, iterations: int, prf: hashes.HashAlgorithm) -> bytes:
    return PBKDF2HMAC(algorithm=prf, length=16, salt=salt, iterations=iterations).derive(secret)


def _seed_cbc_encrypt(key: bytes, iv: bytes, plaintext: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    try:
        encryptor = Cipher(SEED(key), modes.CBC(iv)).encryptor()
    except UnsupportedAlgorithm:  # OpenSSL's legacy provider is not loaded
        raise SeedUnavailableError() from None
    return encryptor.update(padded) + encryptor.finalize()


def _seed_cbc_decrypt(key: bytes, iv: bytes, ciphertext: bytes) -> bytes | None:
    """The plaintext, or None when the PKCS#7 padding is wrong."""
    try:
        decryptor = Cipher(SEED(key), modes.CBC(iv)).decryptor()
    except UnsupportedAlgorithm:
        raise SeedUnavailableError() from None
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        return None
