"""Reads of the CA's records that several areas share."""

from issuance.models import Certificate, CertificateType


def replaceable_certificate(*, customer_id: int | None, cert_type: str) -> Certificate | None:
    """The valid certificate of ``cert_type`` a new one would replace (재발급), if any."""
    if not customer_id or not cert_type:
        return None
    return (
        Certificate.objects.valid()
        .filter(customer_id=customer_id, cert_type=cert_type)
        .order_by("-issued_at")
        .first()
    )


def replaceable_certificates(*, customer_id: int) -> dict[str, Certificate | None]:
    """Per certificate type, the valid certificate a new one would replace."""
    found = dict.fromkeys(CertificateType.values)
    for certificate in (
        Certificate.objects.valid().filter(customer_id=customer_id).order_by("issued_at")
    ):
        found[certificate.cert_type] = certificate  # the newest wins
    return found
