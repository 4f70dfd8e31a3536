"""The certificates a persona holds from the start (``accounts.personas.Persona``), as if
issued before the class: its 공동인증서 on the virtual PC's hard disk, its 금융인증서 in
the cloud. seed_personas, a persona's reset and a class's seats give them here."""

import secrets
from datetime import timedelta

from django.utils import timezone

from issuance import pki
from issuance.ca.services import IssuedCertificate, certificate_issue
from issuance.models import CertificateType, StorageMedium
from issuance.pki.pin_rules import pin_problems


def persona_certificate_give(
    *, customer, password: str, days_left: int | None = None, bank_code: str | None = None
) -> IssuedCertificate:
    """The certificate a persona holds from the start: 은행용, kept on the virtual PC's
    hard disk as if issued there; ``days_left`` dates it so it expires that soon;
    ``bank_code`` makes it another bank's (to be registered here)."""
    issued_at = timezone.now() - timedelta(days=365 - days_left) if days_left else None
    return certificate_issue(
        customer=customer,
        cert_type=CertificateType.BANK,
        password=password,
        medium=StorageMedium.HARD_DISK,
        issued_at=issued_at,
        bank_code=bank_code,
    )


def persona_certificates_give(*, customer, persona) -> list[IssuedCertificate]:
    """What a persona holds from the start (``accounts.personas.Persona``): its
    공동인증서 on the PC's hard disk, its 금융인증서 in the cloud (with the handout's PIN,
    or one nobody was told: "PIN 분실"), each dated to expire as the persona says."""
    issued = []
    if persona.holds_certificate:
        issued.append(
            persona_certificate_give(
                customer=customer,
                password=persona.certificate_password,
                days_left=persona.certificate_days_left,
                bank_code=persona.certificate_bank,
            )
        )
    if persona.holds_finance_certificate:
        days_left = persona.finance_days_left
        years = pki.POLICIES[CertificateType.FINANCE].years
        issued_at = timezone.now() - timedelta(days=365 * years - days_left) if days_left else None
        issued.append(
            certificate_issue(
                customer=customer,
                cert_type=CertificateType.FINANCE,
                password=persona.finance_pin or unknown_pin(),
                medium=StorageMedium.CLOUD,
                issued_at=issued_at,
            )
        )
    return issued


def unknown_pin() -> str:
    """A PIN the learner was never told (the "비밀번호 분실" persona's), kept nowhere."""
    while pin_problems(pin := f"{secrets.randbelow(10**6):06d}"):
        pass
    return pin
