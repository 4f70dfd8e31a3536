"""signPri.key: structure byte by byte, both schemes, legacy files, and failures."""

import contextlib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from hypothesis import given, settings
from hypothesis import strategies as st

from issuance.pki import (
    DamagedKeyFileError,
    PkiError,
    WrongPasswordError,
    change_key_file_password,
    der,
    key_matches_certificate,
    new_random_num,
    read_key_file,
    write_key_file,
)
from issuance.pki.keyfile import SEED_CBC_WITH_SHA1_OID, private_key_info
from tests.issuance.pki.samples import (
    PASSWORD,
    legacy_seed_cbc_key_file,
    reference_pbkdf1,
    seed_cbc_decrypt,
    seed_cbc_encrypt,
)


@pytest.fixture(scope="module")
def pbes2_file(issued):
    return write_key_file(issued.key, PASSWORD, issued.r, scheme="pbes2")


def test_seed_cbc_with_sha1_structure(issued):
    outer = der.decode(issued.key_file).expect(der.SEQUENCE)
    algorithm, ciphertext = outer.children
    oid, params = algorithm.expect(der.SEQUENCE).children
    assert oid.to_oid() == "1.2.410.200004.1.15"
    salt, iterations = params.expect(der.SEQUENCE).children
    assert len(salt.expect(der.OCTET_STRING).content) == 8
    assert iterations.to_int() == 2048
    assert len(ciphertext.expect(der.OCTET_STRING).content) % 16 == 0


def test_seed_cbc_with_sha1_decrypts_by_the_spec(issued):
    """key = DK[0:16], IV = SHA1(DK[16:20])[0:16], DK = PBKDF1-SHA1(password, salt, 2048)."""
    algorithm, ciphertext = der.decode(issued.key_file).children
    salt = algorithm.children[1].children[0].content
    dk = reference_pbkdf1(PASSWORD.encode(), salt, 2048)
    iv = hashlib.sha1(dk[16:20]).digest()[:16]  # noqa: S324
    plaintext = seed_cbc_decrypt(dk[:16], iv, ciphertext.content)
    _assert_private_key_info_with_one_random_num(plaintext, issued.r)


def test_pbes2_structure_and_decryption_by_the_spec(issued, pbes2_file):
    algorithm, ciphertext = der.decode(pbes2_file).children
    oid, params = algorithm.children
    assert oid.to_oid() == "1.2.840.113549.1.5.13"
    kdf, cipher = params.children
    kdf_oid, kdf_params = kdf.children
    assert kdf_oid.to_oid() == "1.2.840.113549.1.5.12"
    salt, iterations, key_length = kdf_params.children  # no PRF: hmacWithSHA1
    assert len(salt.to_bytes()) == 8
    assert (iterations.to_int(), key_length.to_int()) == (2048, 16)
    cipher_oid, iv = cipher.children
    assert cipher_oid.to_oid() == "1.2.410.200004.1.4"
    assert len(iv.to_bytes()) == 16
    kdf_sha1 = PBKDF2HMAC(hashes.SHA1(), 16, salt.content, 2048)  # noqa: S303
    plaintext = seed_cbc_decrypt(kdf_sha1.derive(PASSWORD.encode()), iv.content, ciphertext.content)
    _assert_private_key_info_with_one_random_num(plaintext, issued.r)


def _assert_private_key_info_with_one_random_num(plaintext: bytes, r: bytes) -> None:
    version, algorithm, private_key, attributes = der.decode(plaintext).children
    assert version.to_int() == 0
    assert algorithm.children[0].to_oid() == "1.2.840.113549.1.1.1"
    assert private_key.tag == der.OCTET_STRING
    (attribute,) = attributes.expect(0xA0).children  # exactly one attribute
    attr_type, values = attribute.children
    assert attr_type.to_oid() == "1.2.410.200004.10.1.1.3"
    (bit_string,) = values.expect(der.SET).children
    assert bit_string.tag == der.BIT_STRING
    assert bit_string.content == b"\x00" + r  # 0 unused bits


@pytest.mark.parametrize("scheme", ["seedCBCWithSHA1", "pbes2"])
def test_size_about_1300_bytes(issued, scheme):
    assert 1200 <= len(write_key_file(issued.key, PASSWORD, issued.r, scheme=scheme)) <= 1400


@pytest.mark.parametrize("scheme", ["seedCBCWithSHA1", "pbes2"])
def test_round_trip(issued, scheme):
    data = write_key_file(issued.key, PASSWORD, issued.r, scheme=scheme)
    contents = read_key_file(data, PASSWORD)
    assert contents.private_key.private_numbers() == issued.key.private_numbers()
    assert contents.random_num == issued.r
    assert contents.scheme == scheme
    assert key_matches_certificate(contents.private_key, issued.cert)


def test_salt_and_iv_are_fresh_each_time(issued):
    first, second = (write_key_file(issued.key, PASSWORD, issued.r) for _ in range(2))
    assert first != second
    assert first[:40] != second[:40]


def test_legacy_seed_cbc_file_is_readable(issued):
    data = legacy_seed_cbc_key_file(issued.key, PASSWORD, issued.r)
    contents = read_key_file(data, PASSWORD, validate_key=False)
    assert contents.private_key.private_numbers() == issued.key.private_numbers()
    assert contents.random_num == issued.r
    assert contents.scheme == "seedCBC"


def test_file_without_random_num(issued):
    """Some CAs' files carry no R: the key still loads, R is None."""
    version, algorithm, key, _ = der.decode(private_key_info(issued.key, issued.r)).children
    bare = der.sequence(version.encoded, algorithm.encoded, key.encoded)
    data = write_key_file(issued.key, PASSWORD, issued.r)
    contents = read_key_file(_reencrypt(data, bare), PASSWORD)
    assert contents.random_num is None


def _reencrypt(data: bytes, plaintext: bytes) -> bytes:
    """Same salt and scheme as `data`, another plaintext."""
    algorithm, _ = der.decode(data).children
    salt = algorithm.children[1].children[0].content
    dk = reference_pbkdf1(PASSWORD.encode(), salt, 2048)
    iv = hashlib.sha1(dk[16:20]).digest()[:16]  # noqa: S324
    return der.sequence(
        algorithm.encoded, der.octet_string(seed_cbc_encrypt(dk[:16], iv, plaintext))
    )


@pytest.mark.parametrize("scheme", ["seedCBCWithSHA1", "pbes2", "legacy"])
@pytest.mark.parametrize("password", ["kb!Secure7Q", "", "kb!Secure7q ", "가나다라마바사아자차"])
def test_wrong_password(issued, scheme, password):
    if scheme == "legacy":
        data = legacy_seed_cbc_key_file(issued.key, PASSWORD, issued.r)
    else:
        data = write_key_file(issued.key, PASSWORD, issued.r, scheme=scheme)
    with pytest.raises(WrongPasswordError) as excinfo:
        read_key_file(data, password)
    assert excinfo.value.code == "wrong_password"


@pytest.mark.parametrize("cut", [0, 1, 4, 30, 100, 1000, -17, -16, -1])
def test_truncated_file_is_damaged(issued, cut):
    with pytest.raises(DamagedKeyFileError) as excinfo:
        read_key_file(issued.key_file[:cut], PASSWORD)
    assert excinfo.value.code == "damaged_key_file"


@settings(max_examples=300)
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_damaged(data):
    with pytest.raises(DamagedKeyFileError):
        read_key_file(data, PASSWORD)


@settings(max_examples=200)
@given(edits=st.lists(st.tuples(st.integers(0, 1299), st.integers(0, 255)), min_size=1, max_size=4))
def test_corrupted_file_fails_only_with_pki_errors(issued, edits):
    """Overwritten bytes end in a PkiError or, as CBC is not authenticated and a
    change inside R goes unnoticed, in a file that still opens; never in a crash."""
    data = bytearray(issued.key_file)
    for position, value in edits:
        data[position % len(data)] = value
    with contextlib.suppress(PkiError):
        read_key_file(bytes(data), PASSWORD, validate_key=False)


def test_random_bytes_of_realistic_size_are_damaged():
    for _ in range(50):
        with pytest.raises(DamagedKeyFileError):
            read_key_file(os.urandom(1300), PASSWORD)


@pytest.mark.parametrize(
    "algorithm",
    [
        der.sequence(
            der.oid("1.2.840.113549.1.5.3"),
            der.sequence(der.octet_string(b"s" * 8), der.integer(2048)),
        ),
        der.sequence(
            der.oid(SEED_CBC_WITH_SHA1_OID),
            der.sequence(der.octet_string(b"s" * 8), der.integer(10**9)),
        ),
        der.sequence(
            der.oid(SEED_CBC_WITH_SHA1_OID), der.sequence(der.octet_string(b""), der.integer(2048))
        ),
        der.sequence(der.oid(SEED_CBC_WITH_SHA1_OID)),
    ],
    ids=["other-scheme", "huge-iteration-count", "empty-salt", "no-parameters"],
)
def test_well_formed_but_unusable_is_damaged(algorithm):
    with pytest.raises(DamagedKeyFileError):
        read_key_file(der.sequence(algorithm, der.octet_string(b"\0" * 32)), PASSWORD)


def test_ciphertext_not_in_whole_blocks_is_damaged(issued):
    algorithm, ciphertext = der.decode(issued.key_file).children
    damaged = der.sequence(algorithm.encoded, der.octet_string(ciphertext.content[:-1]))
    with pytest.raises(DamagedKeyFileError):
        read_key_file(damaged, PASSWORD)


@pytest.mark.parametrize("scheme", ["seedCBCWithSHA1", "pbes2"])
def test_change_password_keeps_key_r_and_scheme(issued, scheme):
    data = write_key_file(issued.key, PASSWORD, issued.r, scheme=scheme)
    changed = change_key_file_password(data, PASSWORD, "new!Pass9word")
    contents = read_key_file(changed, "new!Pass9word")
    assert contents.private_key.private_numbers() == issued.key.private_numbers()
    assert contents.random_num == issued.r
    assert contents.scheme == scheme
    with pytest.raises(WrongPasswordError):
        read_key_file(changed, PASSWORD)


def test_change_password_of_an_old_file_writes_the_classic_scheme(issued):
    data = legacy_seed_cbc_key_file(issued.key, PASSWORD, issued.r)
    changed = change_key_file_password(data, PASSWORD, "new!Pass9word", validate_key=False)
    assert read_key_file(changed, "new!Pass9word").scheme == "seedCBCWithSHA1"


def test_new_random_num():
    assert len(new_random_num()) == 20
    assert new_random_num() != new_random_num()


def test_unknown_scheme_refused(issued):
    with pytest.raises(ValueError, match="scheme"):
        write_key_file(issued.key, PASSWORD, issued.r, scheme="aes")  # type: ignore[arg-type]


def test_without_legacy_provider_seed_fails_clearly():
    """cryptography loads OpenSSL's legacy provider (for SEED) unless told not to."""
    code = (
        "from issuance.pki import new_rsa_key, write_key_file, SeedUnavailableError\n"
        "try:\n"
        "    write_key_file(new_rsa_key(), 'pw', bytes(20))\n"
        "except SeedUnavailableError as exc:\n"
        "    print('refused:', exc)\n"
    )
    env = {**os.environ, "CRYPTOGRAPHY_OPENSSL_NO_LEGACY": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "refused: SEED" in result.stdout
    assert "legacy provider" in result.stdout
