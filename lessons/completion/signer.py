"""Who signs a 수료증: a document-signing certificate issued by the simulated issuing CA
(``yessignCA-SIM Class 3``), made on first use and kept in ``CompletionSigner`` with
its key encrypted as the CAs' keys are; decrypted at most once per process."""

import hashlib
from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from issuance import pki
from issuance.ca import authority
from issuance.models import CertificateAuthority
from issuance.pki import cms
from lessons.models import CompletionSigner

# A signer this close to its end is replaced: a 수료증 is never signed on its last day.
RENEW_BEFORE = timedelta(days=30)

_loaded: dict[bytes, cms.Signer] = {}


def document_signer(*, now=None) -> cms.Signer:
    """The current signer (certificate, key, the issuing CA above it), made when there
    is none for the current issuing CA: two requests racing make one (the second reads
    the first's row)."""
    now = now or timezone.now()
    stored, issuing = authority.issuing_ca()
    digest = hashlib.sha256(stored.certificate_der).hexdigest()
    row = _current(digest, now)
    if row is None:
        generation = CompletionSigner.objects.filter(issuer_digest=digest).count()
        made = cms.create_signer(issuing, now=now)
        try:
            with transaction.atomic():
                row = CompletionSigner.objects.create(
                    issuer_digest=digest,
                    generation=generation,
                    certificate_der=made.certificate.public_bytes(Encoding.DER),
                    private_key_encrypted=pki.encrypt_ca_key(
                        made.private_key, settings.CA_KEY_PASSPHRASE.encode()
                    ),
                    not_before=made.certificate.not_valid_before_utc,
                    not_after=made.certificate.not_valid_after_utc,
                )
        except IntegrityError:
            row = _current(digest, now)  # another request made it first
            if row is None:
                raise
    return _load(row, issuing.certificate)


def _current(digest: str, now) -> CompletionSigner | None:
    return (
        CompletionSigner.objects.filter(issuer_digest=digest, not_after__gt=now + RENEW_BEFORE)
        .order_by("-not_after")
        .first()
    )


def _load(row: CompletionSigner, issuer: x509.Certificate) -> cms.Signer:
    der = bytes(row.certificate_der)
    key = hashlib.sha256(der).digest()
    if key not in _loaded:
        certificate = x509.load_der_x509_certificate(der)
        private_key = pki.load_ca_key(
            bytes(row.private_key_encrypted), settings.CA_KEY_PASSPHRASE.encode()
        )
        if private_key.public_key().public_numbers() != certificate.public_key().public_numbers():
            raise ValueError("the signer's key does not belong to its certificate")
        _loaded[key] = cms.Signer(certificate, private_key, (issuer,))
    return _loaded[key]


def trust_anchor() -> x509.Certificate | None:
    """The simulated root: what every 수료증's signature must lead to."""
    der = (
        CertificateAuthority.objects.filter(role=CertificateAuthority.Role.ROOT)
        .values_list("certificate_der", flat=True)
        .first()
    )
    return x509.load_der_x509_certificate(bytes(der)) if der is not None else None
