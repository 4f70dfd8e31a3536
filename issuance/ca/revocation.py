"""A certificate's revocation (폐지), as a machine, and the certificates a fictitious
learner leaves behind discarded.

Revocation is a state of the certificate row: no reason (not revoked) → revoked with
its reason, once (``REVOCATION``, through ``issuance.transitions``); a second revocation
(perhaps a moment ago, by another request) finds it no longer at "" and raises
``WrongState``. Its 유효/만료/폐지 is derived from the dates and these fields, never
stored. After the commit the cached OCSP status and the CRL are brought up to date.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from issuance.ca import authority
from issuance.ca.crl import crl_publish
from issuance.models import Certificate, CertificateAuthority, RevocationReason, SecurityToken
from issuance.transitions import Machine

REVOCATION = Machine(
    Certificate,
    "revocation_reason",
    {"": tuple(RevocationReason.values), **dict.fromkeys(RevocationReason.values, ())},
)


def mark_revoked(certificate: Certificate, reason: str, at) -> None:
    """Compare-and-swap: only a certificate not yet revoked can be revoked (``WrongState``
    otherwise). Inside the caller's transaction; ``after_revocation`` once committed."""
    REVOCATION.swap(certificate, "", revocation_reason=reason, revoked_at=at)


def after_revocation(certificate: Certificate) -> None:
    authority.remember_status(certificate)
    crl_publish(issuer=CertificateAuthority.objects.get(pk=certificate.issuer_id))


def certificate_revoke(
    *,
    certificate: Certificate,
    reason: str = RevocationReason.CESSATION_OF_OPERATION,
    then: Callable[[], None] | None = None,
) -> Certificate:
    """폐지: revoke now, then publish a new CRL and refresh the cached OCSP status.
    ``then`` (the caller's line on the learner's trail) runs in the same transaction as
    the revocation, so no revocation is without it (``ca`` knows no area's trail)."""
    if reason not in RevocationReason.values:
        raise ValueError(f"unknown revocation reason {reason!r}")
    with transaction.atomic():
        mark_revoked(certificate, reason, timezone.now())
        if then is not None:
            then()
    after_revocation(certificate)
    return certificate


def certificates_discard(*, customer_ids) -> int:
    """Delete these customers' certificates and their copies, and their 보안토큰 with its
    PIN (a persona put back, a deleted class): a fictitious learner's certificates leave
    no trace but a fresh CRL, one per issuer however many learners (a class of hundreds
    publishes one)."""
    customer_ids = list(customer_ids)
    SecurityToken.objects.filter(customer_id__in=customer_ids).delete()
    mine = Certificate.objects.filter(customer_id__in=customer_ids)
    rows = list(mine.only("pk", "serial", "issuer_id", "revoked_at"))
    if not rows:
        return 0
    issuers = {row.issuer_id for row in rows if row.revoked_at is not None}
    with transaction.atomic():
        mine.update(replaces=None)
        mine.delete()
    for row in rows:
        authority.forget_status(row)
    for issuer in CertificateAuthority.objects.filter(pk__in=issuers):
        crl_publish(issuer=issuer)
    return len(rows)
