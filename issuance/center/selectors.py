"""Reads of the certificate centre."""

from dataclasses import dataclass

from cryptography import x509
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.banking import bank_name
from issuance import pki
from issuance.models import Certificate, CertificateCopy, CertificateRegistration
from issuance.pki_messages import policy_label


def device_copies(customer_ids, medium: str):
    """The certificate copies on the given customers' devices for one storage medium."""
    return (
        CertificateCopy.objects.filter(certificate__customer_id__in=customer_ids, medium=medium)
        .select_related("certificate__customer", "certificate__issuer")
        .order_by("-certificate__issued_at")
    )


@dataclass(frozen=True)
class CertificateDetails:
    """인증서 보기: what the centre shows of a copy and its certificate."""

    copy: CertificateCopy
    certificate: Certificate
    state: str  # valid / expired / revoked
    state_label: str
    subject: str
    issuer: str
    serial: str
    not_before: object
    not_after: object
    policy: str
    usage: str
    days_left: int
    bank: str  # the bank that issued it (등록대행기관)
    registration: str  # another bank's: registered here or not; "" for this bank's
    registered: bool  # another bank's, registered here: it can be released (해제)


def certificate_details(copy: CertificateCopy) -> CertificateDetails:
    certificate = copy.certificate
    cert = x509.load_der_x509_certificate(bytes(certificate.der))
    policy = pki.certificate_policy(cert)
    usage = []
    try:
        key_usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if key_usage.digital_signature:
            usage.append(str(_("전자서명")))
        if key_usage.content_commitment:
            usage.append(str(_("부인방지")))
    except x509.ExtensionNotFound:
        pass
    days_left = (certificate.not_after - timezone.now()).days
    registration, registered = "", False
    if not certificate.issued_here:
        registered = CertificateRegistration.objects.filter(certificate=certificate).exists()
        registration = str(
            _("이 은행에 등록됨") if registered else _("미등록 (타기관 인증서 등록 필요)")
        )
    return CertificateDetails(
        copy=copy,
        certificate=certificate,
        state=certificate.status,
        state_label=str(certificate.get_status_display()),
        subject=certificate.subject_dn,
        issuer=certificate.issuer.name,
        serial=certificate.serial,
        not_before=certificate.not_before,
        not_after=certificate.not_after,
        policy=f"{policy_label(policy)} ({policy.oid})" if policy else "",
        usage=", ".join(usage),
        days_left=days_left,
        bank=bank_name(certificate.bank_code),
        registration=registration,
        registered=registered,
    )
