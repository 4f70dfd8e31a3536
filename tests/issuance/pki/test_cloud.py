"""The cloud's sealed key: the server's key opens it, the PIN hash rides along bound to
the seal, and nothing else opens it."""

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from issuance import pki
from issuance.pki import cloud
from issuance.pki.errors import DamagedKeyFileError

SERVER_KEY = cloud.server_key_from(b"a server secret")
PIN_HASH = "argon2pin$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"


@pytest.fixture(scope="module")
def key():
    return pki.new_rsa_key()


def test_a_sealed_key_opens_with_the_server_key(key):
    random_num = pki.new_random_num()
    blob = cloud.seal_cloud_key(key, random_num, pin_hash=PIN_HASH, server_key=SERVER_KEY)
    opened = cloud.open_cloud_key(blob, server_key=SERVER_KEY)
    assert opened.private_key.private_numbers() == key.private_numbers()
    assert opened.random_num == random_num
    assert cloud.cloud_pin_hash(blob) == PIN_HASH


def test_the_key_is_not_in_the_blob_in_clear(key):
    blob = cloud.seal_cloud_key(key, None, pin_hash=PIN_HASH, server_key=SERVER_KEY)
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    assert der not in blob
    assert key.private_numbers().d.to_bytes(256, "big")[:32] not in blob


def test_another_server_key_does_not_open_it(key):
    blob = cloud.seal_cloud_key(key, None, pin_hash=PIN_HASH, server_key=SERVER_KEY)
    with pytest.raises(DamagedKeyFileError):
        cloud.open_cloud_key(blob, server_key=cloud.server_key_from(b"another"))


def test_a_swapped_pin_hash_breaks_the_seal(key):
    blob = cloud.seal_cloud_key(key, None, pin_hash=PIN_HASH, server_key=SERVER_KEY)
    other = PIN_HASH[:-4] + "ZZZZ"
    with pytest.raises(DamagedKeyFileError):
        cloud.open_cloud_key(blob.replace(PIN_HASH.encode(), other.encode()), server_key=SERVER_KEY)


@pytest.mark.parametrize(
    "blob", [b"", b"SIMCLOUD1", b"not a cloud key at all", b"SIMCLOUD1\x00\xff"]
)
def test_garbage_is_a_damaged_key(blob):
    with pytest.raises(DamagedKeyFileError):
        cloud.open_cloud_key(blob, server_key=SERVER_KEY)
