"""The certificate revocation list (CRL): published after every revocation, and when the
last one is out of date (``/pki/crl/``)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from issuance import pki
from issuance.ca import authority
from issuance.models import Certificate, CertificateAuthority, RevocationList


def crl_publish(*, issuer: CertificateAuthority) -> RevocationList:
    """Build, sign, store and cache the next CRL (its number one above the last)."""
    ca = authority.load(issuer)
    now = timezone.now().replace(microsecond=0)  # a CRL's times have whole seconds
    with transaction.atomic():
        # Lock the CA row so two publications never take the same number.
        CertificateAuthority.objects.select_for_update().filter(pk=issuer.pk).first()
        last = RevocationList.objects.filter(issuer=issuer).order_by("-number").first()
        number = (last.number + 1) if last else 1
        revoked = list(
            Certificate.objects.filter(issuer=issuer, revoked_at__isnull=False).values_list(
                "serial", "revoked_at", "revocation_reason"
            )
        )
        next_update = now + timedelta(hours=settings.PKI_CRL_VALIDITY_HOURS)
        der = pki.build_crl(
            issuer=ca,
            revoked=[(int(s, 16), at, reason) for s, at, reason in revoked],
            number=number,
            this_update=now,
            next_update=next_update,
        )
        crl = RevocationList.objects.create(
            issuer=issuer,
            number=number,
            this_update=now,
            next_update=next_update,
            revoked_count=len(revoked),
            der=der,
        )
    authority.remember_crl(issuer.slug, crl)
    return crl
