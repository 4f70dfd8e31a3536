"""Writes of the simulated CA: initialise, issue, and save a certificate's copy on a
learner's virtual device (the one writer of ``CertificateCopy`` rows); revocation
and discarding are in ``revocation.py``, the CRL in ``crl.py``.

Each service commits its own rows first and then refreshes what is published
(the cached OCSP status, a new CRL), so call them outside any wider transaction.

The learner's private key exists in plaintext only in memory inside
``certificate_issue``; what leaves it is the password-encrypted ``signPri.key``.
Nothing here logs a password, a 주민등록번호 or a key.
"""

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from issuance import pki
from issuance.ca import authority
from issuance.ca.authority import CaNotInitialized
from issuance.ca.crl import crl_publish
from issuance.ca.keystores import STORES, medium_rules
from issuance.ca.revocation import after_revocation, mark_revoked
from issuance.ca.sequence import next_sequence
from issuance.choices import KeyStoreName
from issuance.models import (
    Certificate,
    CertificateAuthority,
    CertificateCopy,
    CertificateType,
    RevocationReason,
)
from issuance.pki.profile import ca_slug
from issuance.pki_messages import password_problems_message

Role = CertificateAuthority.Role


class CertificateIssueError(Exception):
    """Issuance refused; the message is for the learner (Korean)."""


class WeakCertificatePassword(CertificateIssueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems  # the codes of the broken rules
        super().__init__(password_problems_message(problems))


@dataclass(frozen=True)
class IssuedCertificate:
    """A new certificate and the only copy of its encrypted key file."""

    certificate: Certificate
    x509: x509.Certificate
    key_file: bytes  # signPri.key, encrypted with the learner's certificate password
    store: KeyStoreName = KeyStoreName.NPKI_FILE  # the key store that sealed key_file

    @property
    def der(self) -> bytes:
        return bytes(self.certificate.der)


def serial_hex(serial: int) -> str:
    """How serials are stored and shown: upper-case hex, no leading zeros."""
    return f"{serial:X}"


# --- The CA ---------------------------------------------------------------------------


def _store_ca(*, ca: pki.CertificateAuthority, role: str, parent=None) -> CertificateAuthority:
    cert = ca.certificate
    return CertificateAuthority.objects.create(
        role=role,
        name=ca.name,
        slug=ca_slug(ca.name),
        parent=parent,
        serial=serial_hex(cert.serial_number),
        certificate_der=cert.public_bytes(Encoding.DER),
        private_key_encrypted=pki.encrypt_ca_key(
            ca.private_key, settings.CA_KEY_PASSPHRASE.encode()
        ),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
    )


def ca_initialize(
    *, generated: tuple[pki.CertificateAuthority, ...] | None = None
) -> tuple[CertificateAuthority, bool]:
    """Create the root, the 공동인증서's issuing CA and the 금융인증서's (under the same
    root), each issuing CA with a first CRL, once; on a database made before the
    금융인증서 (root and issuing CA only), just the 금융인증서's CA, so ``init_ca``
    upgrades a running site. Returns (the 공동인증서's issuing CA, whether any was made).

    ``generated`` (root, issuing[, finance]) stores CAs made beforehand, e.g. by a test
    session that makes its keys once; without a finance CA, one is made under the root.
    """
    root_ca, issuing_ca, finance_ca = (*generated, None)[:3] if generated else (None,) * 3
    issuing = CertificateAuthority.objects.filter(role=Role.ISSUING).first()
    made = []
    if issuing is None:
        if root_ca is None:
            root_ca = pki.create_root_ca(settings.PKI_ROOT_CA_NAME)
            issuing_ca = pki.create_issuing_ca(root_ca, settings.PKI_ISSUING_CA_NAME)
        with transaction.atomic():
            root = _store_ca(ca=root_ca, role=Role.ROOT)
            issuing = _store_ca(ca=issuing_ca, role=Role.ISSUING, parent=root)
        made.append(issuing)
    finance = CertificateAuthority.objects.filter(role=Role.FINANCE).first()
    if finance is None:
        root = issuing.parent
        under_root = _finance_ca(root=root, root_ca=root_ca, made=finance_ca)
        finance = _store_ca(ca=under_root, role=Role.FINANCE, parent=root)
        made.append(finance)
    for row in (issuing, finance):
        if row in made:
            authority.forget_issuing_ca(row.role)  # one cached from an earlier database
        else:
            authority.check_cached_issuing_ca(row)
    for row in made:
        crl_publish(issuer=row)
    return issuing, bool(made)


def _finance_ca(
    *,
    root: CertificateAuthority,
    root_ca: pki.CertificateAuthority | None,
    made: pki.CertificateAuthority | None,
) -> pki.CertificateAuthority:
    """The 금융인증서's issuing CA under the stored ``root``: the one ``made`` beforehand
    when ``root_ca`` (its root) is that root, else a new one signed with the root's key."""
    if root_ca is None or root_ca.certificate.public_bytes(Encoding.DER) != bytes(
        root.certificate_der
    ):
        root_ca, made = authority.load(root), None
    return made or pki.create_issuing_ca(root_ca, settings.PKI_FINANCE_CA_NAME)


# --- Certificates ---------------------------------------------------------------------


# The simulator's other banks (``accounts.banking.OTHER_BANKS``) as a certificate's
# subject names them (OU=<short>, and 0<code> in the CN): one CA issues for every bank.
OTHER_BANK_SHORT_CODES = {"088": "SHB", "020": "WRB", "081": "HNB", "011": "NACF", "090": "KKB"}


def bank_short_code(bank_code: str) -> str | None:
    if bank_code == settings.BANK_CODE:
        return settings.BANK_SHORT_CODE
    return OTHER_BANK_SHORT_CODES.get(bank_code)


@dataclass(frozen=True)
class PreparedCertificate:
    """A certificate and its key file, made before any database write (key generation is
    the costly part, and must not hold a transaction or a lock)."""

    customer: object
    cert_type: str
    x509: x509.Certificate
    key_file: bytes  # signPri.key, encrypted with the learner's certificate password
    issued_at: object
    issuer_pk: int
    bank_code: str
    store: KeyStoreName = KeyStoreName.NPKI_FILE  # the key store that sealed key_file


def certificate_prepare(
    *,
    customer,
    cert_type: str,
    password: str,
    replaces: Certificate | None = None,
    key_scheme: str = "seedCBCWithSHA1",
    renews: Certificate | None = None,
    issued_at=None,
    bank_code: str | None = None,
    store: KeyStoreName = KeyStoreName.NPKI_FILE,
) -> PreparedCertificate:
    """Check, generate the key pair, build and sign the certificate, write the key file.

    A 금융인증서 (``cert_type`` "finance") is signed by its own issuing CA with its own
    profile (three years); the 공동인증서's types by the other. A re-issued certificate
    keeps the replaced one's expiry date; a renewed one (``renews``) keeps its subject
    and runs its type's validity again from its expiry. ``issued_at`` dates it in the
    past (demo data); ``bank_code`` names another bank of the simulator that issued it
    (a persona's 타행 인증서). ``store`` seals the key with ``password`` (the copy's
    medium must use that store). A 공동인증서's password must pass every KISA rule
    (``WeakCertificatePassword`` lists the broken ones); a 금융인증서's secret is its
    6-digit PIN, checked by the caller. Nothing is written: ``certificate_store`` does
    that, in the caller's transaction.
    """
    if cert_type not in CertificateType.values:
        raise CertificateIssueError(_("알 수 없는 인증서 종류입니다."))
    if cert_type != CertificateType.FINANCE and (problems := pki.password_problems(password)):
        raise WeakCertificatePassword(problems)
    rrn = customer.rrn
    if not rrn:
        raise CertificateIssueError(
            _("주민등록번호가 등록되지 않은 고객에게는 발급할 수 없습니다.")
        )
    if replaces is not None and (
        replaces.customer_id != customer.pk
        or replaces.revoked_at
        or replaces.cert_type != cert_type
    ):
        raise CertificateIssueError(_("재발급할 수 있는 인증서가 아닙니다."))
    stored, issuer = authority.issuing_ca(role=authority.issuing_role(cert_type))
    private_key = pki.new_rsa_key()
    random_num = pki.new_random_num()
    now = issued_at or timezone.now()
    not_after = replaces.not_after if replaces else None
    subject = None
    bank_code = bank_code or settings.BANK_CODE
    if renews is not None:
        not_after = renewed_expiry(renews)
        subject = x509.load_der_x509_certificate(bytes(renews.der)).subject
        bank_code = renews.bank_code
    bank_short = bank_short_code(bank_code)
    if bank_short is None:
        raise CertificateIssueError(_("알 수 없는 은행 코드입니다."))
    certificate = pki.build_user_certificate(
        issuer=issuer,
        public_key=private_key.public_key(),
        real_name=customer.name,
        rrn=rrn,
        vid_random=random_num,
        issued_at=now,
        sequence=next_sequence(now),
        base_url=settings.PKI_BASE_URL,
        bank_code=bank_code,
        bank_short=bank_short,
        branch_code=settings.PKI_BRANCH_CODE,
        cert_type=cert_type,
        not_after=not_after,
        subject=subject,
    )
    key_file = STORES[store].seal(private_key, password, random_num, scheme=key_scheme)
    del private_key
    return PreparedCertificate(
        customer, cert_type, certificate, key_file, now, stored.pk, bank_code, store
    )


def certificate_store(
    *, prepared: PreparedCertificate, replaces: Certificate | None, medium: str | None = None
) -> IssuedCertificate:
    """Write the prepared certificate (and, given a ``medium``, its copy) and revoke the
    one it replaces, all in one transaction: a crash leaves either all of it or none.

    Call ``certificate_publish`` once the transaction has committed. The cached OCSP
    status and CRL of a replaced certificate are dropped here already, so even a crash
    before the publication never lets them say "good" for it.
    """
    certificate = prepared.x509
    with transaction.atomic():
        if replaces is not None:
            mark_revoked(replaces, RevocationReason.SUPERSEDED, prepared.issued_at)
            authority.forget_status(replaces)
            authority.forget_crl(replaces.issuer_id)
        row = Certificate.objects.create(
            serial=serial_hex(certificate.serial_number),
            issuer_id=prepared.issuer_pk,
            customer=prepared.customer,
            cert_type=prepared.cert_type,
            bank_code=prepared.bank_code,
            subject_dn=pki.dn_folder_name(certificate),
            der=certificate.public_bytes(Encoding.DER),
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
            issued_at=prepared.issued_at,
            replaces=replaces,
        )
        issued = IssuedCertificate(
            certificate=row, x509=certificate, key_file=prepared.key_file, store=prepared.store
        )
        if medium is not None:
            certificate_copy_save(issued=issued, medium=medium)
    return issued


def certificate_publish(*, issued: IssuedCertificate) -> None:
    """After the commit: the new status for OCSP, and a new CRL when one was replaced."""
    authority.remember_status(issued.certificate, new=True)
    if issued.certificate.replaces_id:
        after_revocation(issued.certificate.replaces)


def certificate_issue(
    *,
    customer,
    cert_type: str,
    password: str,
    replaces: Certificate | None = None,
    key_scheme: str = "seedCBCWithSHA1",
    medium: str | None = None,
    issued_at=None,
    bank_code: str | None = None,
) -> IssuedCertificate:
    """Issue a personal certificate for ``customer``; on 재발급 revoke ``replaces``
    (prepare, store in one transaction, publish). The ``medium``'s key store seals the
    key (the cloud's for a 금융인증서, with ``password`` its PIN)."""
    prepared = certificate_prepare(
        customer=customer,
        cert_type=cert_type,
        password=password,
        replaces=replaces,
        key_scheme=key_scheme,
        issued_at=issued_at,
        bank_code=bank_code,
        store=medium_rules(medium).store if medium else KeyStoreName.NPKI_FILE,
    )
    issued = certificate_store(prepared=prepared, replaces=replaces, medium=medium)
    certificate_publish(issued=issued)
    return issued


def renewed_expiry(certificate: Certificate):
    """갱신: the type's validity again from the old expiry (the same day and time one
    year on for a 공동인증서, three years on for a 금융인증서)."""
    return pki.years_after(certificate.not_after, pki.POLICIES[certificate.cert_type].years)


# --- Copies on the learner's virtual devices ------------------------------------------


def certificate_copy_save(*, issued: IssuedCertificate, medium: str) -> CertificateCopy:
    """Keep the new certificate and its encrypted ``signPri.key`` on ``medium``.

    The device (virtual PC or phone) and the key store follow from the medium
    (``MEDIA``): a key sealed by another store is not kept there. This is the only
    place that writes a ``CertificateCopy``.
    """
    rules = medium_rules(medium)  # ValueError for an unknown medium
    if rules.store != issued.store:
        raise ValueError(f"a key sealed by {issued.store!r} cannot be kept on {medium!r}")
    return CertificateCopy.objects.create(
        certificate=issued.certificate,
        device=rules.device,
        medium=medium,
        key_file=issued.key_file,
    )


__all__ = [
    "CaNotInitialized",
    "CertificateIssueError",
    "IssuedCertificate",
    "PreparedCertificate",
    "WeakCertificatePassword",
    "ca_initialize",
    "certificate_copy_save",
    "certificate_issue",
    "certificate_prepare",
    "certificate_publish",
    "certificate_store",
    "crl_publish",
]
