"""The issuing CA's certificate revocation list (CRL), as DER."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from issuance.pki.ca import CertificateAuthority


class RevokedEntry(NamedTuple):
    serial: int
    revoked_at: datetime
    reason: x509.ReasonFlags | str | None = None


def reason_flag(reason: x509.ReasonFlags | str | None) -> x509.ReasonFlags | None:
    """A ReasonFlags from itself, its RFC name (``keyCompromise``) or member name."""
    if reason is None or isinstance(reason, x509.ReasonFlags):
        return reason
    try:
        return x509.ReasonFlags(reason)
    except ValueError:
        pass
    try:
        return x509.ReasonFlags[reason]
    except KeyError:
        raise ValueError(f"unknown revocation reason {reason!r}") from None


def build_crl(
    *,
    issuer: CertificateAuthority,
    revoked: Iterable[RevokedEntry | tuple[int, datetime, x509.ReasonFlags | str | None]],
    number: int,
    this_update: datetime,
    next_update: datetime,
) -> bytes:
    """A signed CRL with CRL Number and AKI; `number` must grow with every CRL."""
    entries = []
    for serial, revoked_at, reason in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(revoked_at)
        flag = reason_flag(reason)
        # RFC 5280 5.3.1: omit the reason code rather than write "unspecified".
        if flag is not None and flag is not x509.ReasonFlags.unspecified:
            entry = entry.add_extension(x509.CRLReason(flag), critical=False)
        entries.append(entry.build())
    # The entries go in through the constructor: add_revoked_certificate()
    # copies the whole list on every call, quadratic for a long CRL.
    crl = (
        x509.CertificateRevocationListBuilder(revoked_certificates=entries)
        .issuer_name(issuer.certificate.subject)
        .last_update(this_update)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier(issuer.key_identifier, None, None), critical=False
        )
        .sign(issuer.private_key, hashes.SHA256())
    )
    return crl.public_bytes(serialization.Encoding.DER)
