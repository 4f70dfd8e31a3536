"""The CA's side of moving a certificate into its renewal window (a trainer's one click).

The CA issues the same certificate again (subject, key, policy, VID) valid until a
few days from now, and supersedes the old one; the learner's copies move to the new
certificate, and their key files still open and match it. Then 갱신 is possible.
"""

from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.db import transaction
from django.utils import timezone

from issuance import pki
from issuance.ca import authority
from issuance.ca.revocation import mark_revoked
from issuance.ca.services import (
    IssuedCertificate,
    certificate_publish,
    serial_hex,
)
from issuance.models import Certificate, CertificateCopy, RevocationReason

DAYS_LEFT = 20  # inside the 30-day window, with time to practise


def certificate_into_renewal_window(
    *, certificate: Certificate, days_left: int = DAYS_LEFT
) -> Certificate:
    """Re-sign ``certificate`` (by its own issuing CA) to expire ``days_left`` days from
    now; its copies follow."""
    _stored, issuer = authority.ca_for(certificate)
    old = x509.load_der_x509_certificate(bytes(certificate.der))
    not_after = timezone.now().replace(microsecond=0) + timedelta(days=days_left)
    not_before = not_after - timedelta(days=365 * pki.POLICIES[certificate.cert_type].years)
    again = pki.resign_user_certificate(
        old, issuer=issuer, not_before=not_before, not_after=not_after
    )
    with transaction.atomic():
        mark_revoked(certificate, RevocationReason.SUPERSEDED, timezone.now())
        authority.forget_status(certificate)
        authority.forget_crl(certificate.issuer_id)
        row = Certificate.objects.create(
            serial=serial_hex(again.serial_number),
            issuer_id=certificate.issuer_id,
            customer_id=certificate.customer_id,
            cert_type=certificate.cert_type,
            bank_code=certificate.bank_code,  # another bank's stays that bank's
            subject_dn=certificate.subject_dn,
            der=again.public_bytes(Encoding.DER),
            not_before=again.not_valid_before_utc,
            not_after=again.not_valid_after_utc,
            issued_at=timezone.now(),
            replaces=certificate,
        )
        CertificateCopy.objects.filter(certificate=certificate).update(certificate=row)
    certificate_publish(issued=IssuedCertificate(certificate=row, x509=again, key_file=b""))
    return row
