"""The CRL: parsed back with cryptography, entries, reasons and extensions."""

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509

from issuance.pki import RevokedEntry, build_crl

NOW = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


def reason_of(entry: x509.RevokedCertificate) -> x509.ReasonFlags | None:
    try:
        return entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    except x509.ExtensionNotFound:
        return None


def test_crl_with_reasons(issuing_ca):
    data = build_crl(
        issuer=issuing_ca,
        revoked=[
            RevokedEntry(0x1001, NOW - timedelta(days=2), x509.ReasonFlags.key_compromise),
            (0x1002, NOW - timedelta(days=1), "superseded"),  # RFC name
            (0x1003, NOW, "cessation_of_operation"),  # member name
            (0x1004, NOW, None),
            (0x1005, NOW, x509.ReasonFlags.unspecified),
        ],
        number=7,
        this_update=NOW,
        next_update=NOW + timedelta(days=1),
    )
    crl = x509.load_der_x509_crl(data)
    assert crl.is_signature_valid(issuing_ca.private_key.public_key())
    assert crl.issuer == issuing_ca.certificate.subject
    assert crl.last_update_utc == NOW
    assert crl.next_update_utc == NOW + timedelta(days=1)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 7
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == issuing_ca.key_identifier
    reasons = {entry.serial_number: reason_of(entry) for entry in crl}
    assert reasons == {
        0x1001: x509.ReasonFlags.key_compromise,
        0x1002: x509.ReasonFlags.superseded,
        0x1003: x509.ReasonFlags.cessation_of_operation,
        0x1004: None,
        0x1005: None,  # RFC 5280: leave "unspecified" out
    }
    revoked = crl.get_revoked_certificate_by_serial_number(0x1001)
    assert revoked is not None
    assert revoked.revocation_date_utc == NOW - timedelta(days=2)


def test_empty_crl(issuing_ca):
    data = build_crl(
        issuer=issuing_ca,
        revoked=[],
        number=1,
        this_update=NOW,
        next_update=NOW + timedelta(hours=1),
    )
    assert len(x509.load_der_x509_crl(data)) == 0


def test_large_crl(issuing_ca):
    revoked = ((2**64 + n, NOW, "keyCompromise") for n in range(10_000))
    data = build_crl(
        issuer=issuing_ca,
        revoked=revoked,
        number=2,
        this_update=NOW,
        next_update=NOW + timedelta(days=1),
    )
    crl = x509.load_der_x509_crl(data)
    assert len(crl) == 10_000
    assert crl.get_revoked_certificate_by_serial_number(2**64 + 9_999) is not None


def test_unknown_reason_refused(issuing_ca):
    with pytest.raises(ValueError, match="unknown revocation reason"):
        build_crl(
            issuer=issuing_ca,
            revoked=[(1, NOW, "lost")],
            number=3,
            this_update=NOW,
            next_update=NOW + timedelta(days=1),
        )
