"""The detached CMS signature (issuance/pki/cms.py), pure: no database. What it signs,
``openssl cms`` verifies; what it verifies holds only for the exact bytes, by a document
signer, through the chain to the trust anchor given."""

import hashlib
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from issuance import pki
from issuance.pki import cms

DOCUMENT = b"%PDF-1.4\n\xe2\x80\x94 line one\r\nline two\n%%EOF\n"  # CR, LF, binary: kept


@pytest.fixture(scope="module")
def root():
    return pki.create_root_ca("SIM Training RootCA")


@pytest.fixture(scope="module")
def issuing(root):
    return pki.create_issuing_ca(root, "yessignCA-SIM Class 3")


@pytest.fixture(scope="module")
def signer(issuing):
    return cms.create_signer(issuing)


@pytest.fixture(scope="module")
def signature(signer):
    return cms.sign_detached(DOCUMENT, signer.private_key, signer.certificate, signer.chain)


def test_the_signer_certificate_signs_documents_only(signer, issuing):
    certificate = signer.certificate
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign and not usage.value.key_encipherment
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert certificate.subject.rfc4514_string() == "CN=SIM Training 수료증 서명,O=SIM Training,C=kr"
    assert certificate.issuer == issuing.certificate.subject
    certificate.verify_directly_issued_by(issuing.certificate)
    assert signer.chain == (issuing.certificate,)


def test_the_signer_never_outlives_its_issuer(issuing):
    long = cms.create_signer(issuing, valid_for=timedelta(days=365 * 50))
    assert long.certificate.not_valid_after_utc == issuing.certificate.not_valid_after_utc


def test_a_signature_is_detached_sha256_with_signed_attributes(signature, signer):
    signed = cms.read_signed_data(signature)
    assert DOCUMENT not in signature  # detached: the content is not inside
    assert signed.signer == signer.certificate
    assert signed.message_digest == hashlib.sha256(DOCUMENT).digest()
    assert signed.signing_time is not None
    assert abs(signed.signing_time - datetime.now(UTC)) < timedelta(minutes=5)
    assert set(signed.certificates) == {signer.certificate, *signer.chain}


def test_it_verifies_over_the_exact_bytes_to_the_root(signature, root):
    assert cms.verify_detached(DOCUMENT, signature, root.certificate)


@pytest.mark.parametrize("position", [0, 9, len(DOCUMENT) - 2])
def test_one_byte_changed_in_the_document_fails(signature, root, position):
    altered = bytearray(DOCUMENT)
    altered[position] ^= 0x01
    assert not cms.verify_detached(bytes(altered), signature, root.certificate)
    assert not cms.verify_detached(DOCUMENT + b"\n", signature, root.certificate)


def test_a_changed_signature_fails(signature, root):
    altered = bytearray(signature)
    altered[-10] ^= 0x01  # inside the RSA signature value
    assert not cms.verify_detached(DOCUMENT, bytes(altered), root.certificate)


def test_another_root_is_not_trusted(signature):
    stranger = pki.create_root_ca("SIM Training RootCA")  # same name, another key
    signed = cms.read_signed_data(signature)
    assert cms.signature_matches(signed, DOCUMENT)
    assert not cms.chains_to(signed, stranger.certificate)
    assert not cms.verify_detached(DOCUMENT, signature, stranger.certificate)


def test_a_chain_the_signature_does_not_carry_fails(signer, root):
    """Without the issuing CA inside, the signer does not lead to the root."""
    bare = cms.sign_detached(DOCUMENT, signer.private_key, signer.certificate, ())
    assert cms.signature_matches(cms.read_signed_data(bare), DOCUMENT)
    assert not cms.verify_detached(DOCUMENT, bare, root.certificate)


def test_a_certificate_out_of_its_validity_at_signing_fails(signature, root):
    later = datetime.now(UTC) + timedelta(days=365 * 30)
    assert not cms.verify_detached(DOCUMENT, signature, root.certificate, at=later)


def test_a_ca_key_is_not_a_document_signer(issuing, root):
    """The issuing CA's own key signing a document: a CA certificate, not a signer's."""
    signature = cms.sign_detached(
        DOCUMENT, issuing.private_key, issuing.certificate, (issuing.certificate,)
    )
    assert cms.signature_matches(cms.read_signed_data(signature), DOCUMENT)
    assert not cms.verify_detached(DOCUMENT, signature, root.certificate)


def test_a_signer_issued_by_another_hierarchy_fails(signature, root):
    other_root = pki.create_root_ca("Other RootCA")
    impostor = cms.create_signer(pki.create_issuing_ca(other_root, "yessignCA-SIM Class 3"))
    forged = cms.sign_detached(DOCUMENT, impostor.private_key, impostor.certificate, impostor.chain)
    assert not cms.verify_detached(DOCUMENT, forged, root.certificate)
    assert cms.verify_detached(DOCUMENT, forged, other_root.certificate)


@pytest.mark.parametrize("garbage", [b"", b"\x30\x00", b"not der at all", b"\x30\x03\x02\x01\x01"])
def test_garbage_is_not_a_signature(garbage, root):
    with pytest.raises(cms.CmsError):
        cms.read_signed_data(garbage)
    assert not cms.verify_detached(DOCUMENT, garbage, root.certificate)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl command is missing")
def test_openssl_verifies_it_and_refuses_a_changed_byte(tmp_path, signature, root):
    (tmp_path / "sig.p7s").write_bytes(signature)
    (tmp_path / "doc.bin").write_bytes(DOCUMENT)
    (tmp_path / "root.pem").write_bytes(root.certificate.public_bytes(Encoding.PEM))
    command = [
        "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.p7s",
        "-content", "doc.bin", "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null",
    ]  # fmt: skip
    good = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stderr
    (tmp_path / "doc.bin").write_bytes(DOCUMENT.replace(b"one", b"onf"))
    bad = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert bad.returncode != 0
