"""The VID: the 주민등록번호 proven with R, never stored in the certificate."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from issuance.pki import compute_vid, der, vid_from_certificate, vid_matches
from issuance.pki.vid import NPKI_IDENTIFY_DATA_OID, identify_data
from tests.issuance.pki.samples import OTHER_RRN, RRN

R = bytes(range(20))


def test_vid_formula_from_the_spec():
    """H(H(DER(SEQUENCE { PrintableString idn, BIT STRING R }))), bytes written by hand."""
    idn = b"8001011234567"
    encoded = b"\x30\x26" + b"\x13\x0d" + idn + b"\x03\x15\x00" + R
    expected = hashlib.sha256(hashlib.sha256(encoded).digest()).digest()
    assert compute_vid(RRN, R) == expected
    assert compute_vid("8001011234567", R) == expected
    sha1_expected = hashlib.sha1(hashlib.sha1(encoded).digest()).digest()  # noqa: S324
    assert compute_vid(RRN, R, algorithm="sha1") == sha1_expected


@pytest.mark.parametrize(
    "rrn", ["800101123456", "80010112345678", "800101-12345a7", "８００１０１１２３４５６７"]
)
def test_rrn_must_be_13_ascii_digits(rrn):
    with pytest.raises(ValueError, match="13 digits"):
        compute_vid(rrn, R)


def test_certificate_holds_name_and_vid_not_the_rrn(issued):
    found = vid_from_certificate(issued.cert)
    assert found is not None
    assert found.real_name == "홍길동"
    assert found.hash_oid == "2.16.840.1.101.3.4.2.1"
    assert found.vid == compute_vid(RRN, issued.r)
    der_bytes = issued.cert.tbs_certificate_bytes
    assert b"8001011234567" not in der_bytes
    assert issued.r not in der_bytes


def test_vid_matches_only_the_right_rrn_and_r(issued):
    assert vid_matches(issued.cert, RRN, issued.r)
    assert vid_matches(issued.cert, RRN.replace("-", ""), issued.r)
    assert not vid_matches(issued.cert, OTHER_RRN, issued.r)
    assert not vid_matches(issued.cert, RRN, bytes(20))
    assert not vid_matches(issued.cert, "not a number", issued.r)


def test_no_vid_means_no_match(issuing_ca):
    cert = _certificate_with_san(issuing_ca, None)
    assert vid_from_certificate(cert) is None
    assert not vid_matches(cert, RRN, R)


def test_old_sha1_vid_with_null_parameter(issuing_ca):
    """Old certificates: SHA-1, and an AlgorithmIdentifier with a NULL parameter."""
    vid = compute_vid(RRN, R, algorithm="sha1")
    value = der.sequence(
        der.utf8_string("김철수"),
        der.sequence(
            der.sequence(
                der.oid("1.2.410.200004.10.1.1.1"),
                der.sequence(
                    der.sequence(der.oid("1.3.14.3.2.26"), der.null()),
                    der.explicit(0, der.octet_string(vid)),
                ),
            )
        ),
    )
    cert = _certificate_with_san(issuing_ca, value)
    found = vid_from_certificate(cert)
    assert found is not None
    assert (found.real_name, found.hash_oid, found.vid) == ("김철수", "1.3.14.3.2.26", vid)
    assert vid_matches(cert, RRN, R)
    assert not vid_matches(cert, OTHER_RRN, R)


def test_unknown_vid_hash_never_matches(issuing_ca):
    value = identify_data("김철수", compute_vid(RRN, R)).replace(
        der.oid("2.16.840.1.101.3.4.2.1"), der.oid("2.16.840.1.101.3.4.2.3")
    )
    cert = _certificate_with_san(issuing_ca, value)
    assert not vid_matches(cert, RRN, R)


def test_malformed_vid_never_matches(issuing_ca):
    cert = _certificate_with_san(issuing_ca, der.sequence(der.utf8_string("김철수")))
    assert not vid_matches(cert, RRN, R)


def _certificate_with_san(issuing_ca, identify_value: bytes | None) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "김철수")]))
        .issuer_name(issuing_ca.certificate.subject)
        .public_key(issuing_ca.private_key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
    )
    if identify_value is not None:
        other = x509.OtherName(x509.ObjectIdentifier(NPKI_IDENTIFY_DATA_OID), identify_value)
        builder = builder.add_extension(x509.SubjectAlternativeName([other]), critical=False)
    return builder.sign(issuing_ca.private_key, hashes.SHA256())
