"""Reads of the certificate centre."""

from issuance.models import CertificateCopy


def device_copies(customer_ids, medium: str):
    """The certificate copies on the given customers' devices for one storage medium."""
    return (
        CertificateCopy.objects.filter(certificate__customer_id__in=customer_ids, medium=medium)
        .select_related("certificate__customer", "certificate__issuer")
        .order_by("-certificate__issued_at")
    )
