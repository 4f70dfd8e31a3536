"""The CA hierarchy: root and issuing CA certificates, and CA key storage."""

from datetime import UTC, datetime, time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from issuance.pki import KST, der, encrypt_ca_key, load_ca, load_ca_key
from tests.issuance.pki.samples import rdn_string_tags


def test_root_is_self_signed_ca(root_ca):
    cert = root_ca.certificate
    assert cert.issuer == cert.subject
    cert.verify_directly_issued_by(cert)
    assert root_ca.name == "SIM Training RootCA"
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value == x509.BasicConstraints(ca=True, path_length=1)


def test_issuing_ca_below_root(root_ca, issuing_ca):
    cert = issuing_ca.certificate
    cert.verify_directly_issued_by(root_ca.certificate)
    assert issuing_ca.name == "yessignCA-SIM Class 3"
    assert cert.subject.rfc4514_string() == (
        "CN=yessignCA-SIM Class 3,OU=AccreditedCA,O=yessign,C=kr"
    )
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value == x509.BasicConstraints(ca=True, path_length=0)
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == root_ca.key_identifier


@pytest.mark.parametrize("ca", ["root_ca", "issuing_ca"])
def test_ca_key_usage_and_key_ids(ca, request):
    authority = request.getfixturevalue(ca)
    extensions = authority.certificate.extensions
    usage = extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.key_cert_sign
    assert usage.value.crl_sign
    assert not usage.value.digital_signature
    ski = extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert ski == x509.SubjectKeyIdentifier.from_public_key(authority.private_key.public_key())
    assert authority.private_key.key_size == 2048


def test_issuing_ca_name_string_types(issuing_ca):
    assert rdn_string_tags(issuing_ca.certificate.subject) == [
        (NameOID.COUNTRY_NAME.dotted_string, der.PRINTABLE_STRING),
        (NameOID.ORGANIZATION_NAME.dotted_string, der.UTF8_STRING),
        (NameOID.ORGANIZATIONAL_UNIT_NAME.dotted_string, der.UTF8_STRING),
        (NameOID.COMMON_NAME.dotted_string, der.UTF8_STRING),
    ]


def test_ca_valid_since_before_todays_kst_midnight(issuing_ca):
    """A learner's certificate starts at 00:00 KST today: the CA must already be valid."""
    today = datetime.now(KST).date()
    midnight = datetime.combine(today, time(0), KST).astimezone(UTC)
    assert issuing_ca.certificate.not_valid_before_utc <= midnight


def test_ca_key_round_trip(issuing_ca):
    stored = encrypt_ca_key(issuing_ca.private_key, b"from-the-environment")
    assert b"from-the-environment" not in stored
    key = load_ca_key(stored, b"from-the-environment")
    assert key.private_numbers() == issuing_ca.private_key.private_numbers()
    der_cert = issuing_ca.certificate.public_bytes(Encoding.DER)
    assert load_ca(der_cert, stored, b"from-the-environment").name == issuing_ca.name


def test_ca_key_wrong_passphrase(issuing_ca):
    stored = encrypt_ca_key(issuing_ca.private_key, b"right")
    with pytest.raises(ValueError):  # noqa: PT011 (cryptography's own message)
        load_ca_key(stored, b"wrong")


def test_load_ca_refuses_a_key_of_another_ca(root_ca, issuing_ca):
    stored = encrypt_ca_key(root_ca.private_key, b"pass")
    der_cert = issuing_ca.certificate.public_bytes(Encoding.DER)
    with pytest.raises(ValueError, match="does not belong"):
        load_ca(der_cert, stored, b"pass")
