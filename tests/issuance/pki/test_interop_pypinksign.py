"""Interoperability: PyPinkSign 0.5.4 (a public NPKI library) opens our files.

PyPinkSign is a test-only dependency (it pins pyasn1); the tests skip without it.
"""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import Encoding

from issuance.pki import npki_paths, pkcs12, vid_matches, write_key_file
from tests.issuance.pki.samples import OTHER_RRN, PASSWORD, RRN, legacy_seed_cbc_key_file

pypinksign = pytest.importorskip(
    "pypinksign", reason="PyPinkSign is not installed (pip install pypinksign)"
)
PyAsn1Error = pytest.importorskip("pyasn1.error").PyAsn1Error


def save_npki_folder(root: Path, issued, key_file: bytes) -> tuple[Path, Path]:
    """Write signCert.der and signPri.key where NPKI software keeps them."""
    cert_path, key_path = (root / p for p in npki_paths(issued.cert))
    cert_path.parent.mkdir(parents=True)
    cert_path.write_bytes(issued.cert.public_bytes(Encoding.DER))
    key_path.write_bytes(key_file)
    return cert_path, key_path


@pytest.mark.parametrize("scheme", ["seedCBCWithSHA1", "pbes2", "legacy-seedCBC"])
def test_pypinksign_loads_signs_and_reads_r(tmp_path, issued, scheme):
    if scheme == "legacy-seedCBC":
        key_file = legacy_seed_cbc_key_file(issued.key, PASSWORD, issued.r)
    else:
        key_file = write_key_file(issued.key, PASSWORD, issued.r, scheme=scheme)
    cert_path, key_path = save_npki_folder(tmp_path, issued, key_file)

    sign = pypinksign.PinkSign(pubkey_path=str(cert_path))
    sign.load_prikey(prikey_path=str(key_path), prikey_password=PASSWORD.encode())

    assert sign.prikey.private_numbers() == issued.key.private_numbers()
    r = sign._rand_num.asOctets()  # PyPinkSign keeps R only in this private attribute
    assert r == issued.r
    assert vid_matches(issued.cert, RRN, r)
    assert not vid_matches(issued.cert, OTHER_RRN, r)

    signature = sign.sign(b"transfer 10,000 KRW")  # PKCS#1 v1.5 with SHA-256
    issued.cert.public_key().verify(
        signature, b"transfer 10,000 KRW", padding.PKCS1v15(), hashes.SHA256()
    )


def test_pypinksign_reads_the_certificate(tmp_path, issued):
    cert_path, _ = save_npki_folder(tmp_path, issued, issued.key_file)
    sign = pypinksign.PinkSign(pubkey_path=str(cert_path))
    assert sign.cn() == "홍길동()0004045202611280000001"
    assert sign.issuer() == "yessign"
    assert sign.cert_class() == "yessignCA-SIM Class 3"
    assert sign.cert_type_oid() == "1.2.410.200005.1.1.4"
    assert sign.serialnum() == issued.cert.serial_number
    assert sign.valid_date() == (
        issued.cert.not_valid_before_utc,
        issued.cert.not_valid_after_utc,
    )


# A wrong password decrypts the key to noise. PyPinkSign's padding check refuses
# it with a bare ValueError, except about once in 256 salts, when the noise happens
# to end in valid padding and pyasn1 refuses it instead, with whatever its decoder
# meets first (PyAsn1Error mostly, sometimes OverflowError, TypeError or IndexError).
REFUSALS_OF_NOISE = (ValueError, PyAsn1Error, OverflowError, TypeError, IndexError)


def test_pypinksign_refuses_a_wrong_password(tmp_path, issued):
    cert_path, key_path = save_npki_folder(tmp_path, issued, issued.key_file)
    sign = pypinksign.PinkSign(pubkey_path=str(cert_path))
    with pytest.raises(REFUSALS_OF_NOISE):
        sign.load_prikey(prikey_path=str(key_path), prikey_password=b"wrong!Pass9")
    assert sign.prikey is None


def test_pypinksign_opens_our_pkcs12(issued, issuing_ca):
    data = pkcs12(issued.cert, issued.key, PASSWORD, [issuing_ca.certificate], "홍길동")
    sign = pypinksign.PinkSign(p12_data=data, prikey_password=PASSWORD.encode())  # loads it
    assert sign.prikey.private_numbers() == issued.key.private_numbers()
    assert sign.cn() == "홍길동()0004045202611280000001"
