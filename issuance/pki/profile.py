"""The personal certificate profile (개인용 공동인증서), as yessign issues it, and the
금융인증서's, which differs only in its policy, its validity (three years) and its
issuer (a CA of its own, which the caller passes).

Every detail here (DN order and string types, validity on KST day
boundaries, extension order and criticality, the BMPString notice, the VID)
follows docs/NPKI.md, which was checked against a real yessign certificate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from issuance.pki import der
from issuance.pki.ca import KST, CertificateAuthority, npki_name
from issuance.pki.vid import vid_other_name

CertType = Literal["bank", "universal", "finance"]

CPS_QUALIFIER_OID = "1.3.6.1.5.5.7.2.1"
USER_NOTICE_QUALIFIER_OID = "1.3.6.1.5.5.7.2.2"
DEFAULT_NOTICE = (
    "이 인증서는 교육용 모의 인증서로, "  # i18n: embedded in the certificate, as real ones are
    "실제 금융거래에 사용할 수 없습니다."
)


@dataclass(frozen=True, slots=True)
class CertificatePolicy:
    """A certificate type, its policy OID and how many years a certificate of it runs
    (the Django layer names it for users)."""

    cert_type: CertType
    oid: str
    years: int = 1


POLICIES: dict[CertType, CertificatePolicy] = {
    "bank": CertificatePolicy("bank", "1.2.410.200005.1.1.4"),  # 은행·신용카드·보험용
    "universal": CertificatePolicy("universal", "1.2.410.200005.1.1.1"),  # 전자거래범용
    # 금융인증서: the simulator's own OID on yessign's arc (the real one is not public),
    # three years (docs/NPKI.md, "금융인증서 profile").
    "finance": CertificatePolicy("finance", "1.2.410.200005.1.1.7", years=3),
}


def policy_for_oid(oid: str) -> CertificatePolicy | None:
    return next((p for p in POLICIES.values() if p.oid == oid), None)


def certificate_policy(cert: x509.Certificate) -> CertificatePolicy | None:
    """The known policy a certificate was issued under, if any."""
    try:
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        return None
    for info in policies:
        if found := policy_for_oid(info.policy_identifier.dotted_string):
            return found
    return None


@dataclass(frozen=True, slots=True)
class Endpoints:
    """URLs this application serves and writes into certificates."""

    crl: str
    ocsp: str
    cps: str

    @classmethod
    def under(cls, base_url: str, issuer: CertificateAuthority) -> Endpoints:
        """``<base>/pki/crl/<ca slug>.crl``, ``<base>/pki/ocsp/`` and ``<base>/pki/cps/``.

        The slug is the issuing CA's name in lower case with runs of other
        characters turned into ``-``: ``yessignca-sim-class-3``.
        """
        base = base_url.rstrip("/")
        return cls(
            crl=f"{base}/pki/crl/{ca_slug(issuer.name)}.crl",
            ocsp=f"{base}/pki/ocsp/",
            cps=f"{base}/pki/cps/",
        )


def ca_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def validity(issued_at: datetime, *, years: int = 1) -> tuple[datetime, datetime]:
    """00:00:00 KST on the issue day to 23:59:59 KST on the same date ``years`` later (UTC)."""
    if issued_at.tzinfo is None:
        raise ValueError("issued_at must be timezone-aware")
    day = issued_at.astimezone(KST).date()
    not_before = datetime.combine(day, time(0, 0, 0), KST)
    not_after = datetime.combine(years_after(day, years), time(23, 59, 59), KST)
    return not_before.astimezone(UTC), not_after.astimezone(UTC)


def years_after[D: date](day: D, years: int) -> D:
    """The same date (or date and time) ``years`` later; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def subject_digits(*, bank_code: str, branch_code: str, issued_on: date, sequence: int) -> str:
    """The digits after ``()`` in the CN: ``0`` + bank + branch + YYYYMMDD + 7-digit sequence.

    Real KB certificates read ``0`` ``004`` (bank) ``045`` ``20261128`` ``0000001``.
    Here the three digits after the bank code are the issuing branch
    (영업점) code, and the sequence is a counter the caller keeps unique per
    CA, which keeps subject DNs (and so NPKI folder names) unique.
    """
    for label, code in (("bank_code", bank_code), ("branch_code", branch_code)):
        if not (len(code) == 3 and code.isascii() and code.isdigit()):
            raise ValueError(f"{label} must be 3 digits, not {code!r}")
    if not 0 <= sequence < 10**7:
        raise ValueError(f"sequence out of range: {sequence}")
    return f"0{bank_code}{branch_code}{issued_on:%Y%m%d}{sequence:07d}"


_NAME_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f,=+<>#;\"\\/()]")


def user_subject(*, real_name: str, digits: str, bank_short: str) -> x509.Name:
    """``C=kr, O=yessign, OU=personal4IB, OU=<bank>, CN=<name>()<digits>`` in DER order."""
    if not real_name or real_name != real_name.strip() or _NAME_FORBIDDEN.search(real_name):
        raise ValueError(f"unusable name for a certificate: {real_name!r}")
    if not (bank_short.isascii() and bank_short.isalnum()):
        raise ValueError(f"bank_short must be ASCII letters or digits, not {bank_short!r}")
    common_name = f"{real_name}(){digits}"
    if len(common_name) > 64:  # ub-common-name
        raise ValueError("name too long for a certificate")
    return npki_name(
        (NameOID.COUNTRY_NAME, "kr"),
        (NameOID.ORGANIZATION_NAME, "yessign"),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, "personal4IB"),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, bank_short),
        (NameOID.COMMON_NAME, common_name),
    )


def certificate_policies_value(policy_oid: str, *, cps_url: str, notice: str) -> bytes:
    """DER of the certificatePolicies value: CPS URI, then a UserNotice in a BMPString.

    `cryptography` would write the notice as a UTF8String; NPKI software
    expects the BMPString that yessign uses.
    """
    qualifiers = der.sequence(
        der.sequence(der.oid(CPS_QUALIFIER_OID), der.ia5_string(cps_url)),
        der.sequence(der.oid(USER_NOTICE_QUALIFIER_OID), der.sequence(der.bmp_string(notice))),
    )
    return der.sequence(der.sequence(der.oid(policy_oid), qualifiers))


_SIGNING_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,  # nonRepudiation
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


def build_user_certificate(
    *,
    issuer: CertificateAuthority,
    public_key: rsa.RSAPublicKey,
    real_name: str,
    rrn: str,
    vid_random: bytes,
    issued_at: datetime,
    sequence: int,
    base_url: str,
    bank_code: str = "004",
    bank_short: str = "KMB",
    branch_code: str = "045",
    cert_type: CertType = "bank",
    serial: int | None = None,
    not_after: datetime | None = None,
    notice: str = DEFAULT_NOTICE,
    subject: x509.Name | None = None,
) -> x509.Certificate:
    """Sign a learner's certificate.

    `cert_type` picks the policy and the validity (a 금융인증서, "finance", runs three
    years and is signed by its own CA: pass that CA as `issuer`). `vid_random` is the
    R stored in the key file; `not_after` keeps the old expiry on 재발급 (reissue);
    `subject` keeps the old subject on 갱신 (renewal). `serial` defaults to a random
    159-bit number.
    """
    policy = POLICIES[cert_type]
    endpoints = Endpoints.under(base_url, issuer)
    not_before, default_not_after = validity(issued_at, years=policy.years)
    if not_after is None:
        not_after = default_not_after
    elif not_after.tzinfo is None:
        raise ValueError("not_after must be timezone-aware")
    if not_after <= not_before:
        raise ValueError("not_after must be later than the start of the issue day")
    if serial is not None and not (serial > 0 and serial.bit_length() < 160):
        raise ValueError("serial must be positive and fit in 20 bytes")

    subject = subject or user_subject(
        real_name=real_name,
        digits=subject_digits(
            bank_code=bank_code,
            branch_code=branch_code,
            issued_on=not_before.astimezone(KST).date(),
            sequence=sequence,
        ),
        bank_short=bank_short,
    )
    ca_cert = issuer.certificate
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after.astimezone(UTC))
        # The builder writes extensions in the order they are added: keep yessign's.
        .add_extension(
            x509.AuthorityKeyIdentifier(
                key_identifier=issuer.key_identifier,
                authority_cert_issuer=[x509.DirectoryName(ca_cert.issuer)],
                authority_cert_serial_number=ca_cert.serial_number,
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(_SIGNING_KEY_USAGE, critical=True)
        .add_extension(
            x509.UnrecognizedExtension(
                x509.ObjectIdentifier("2.5.29.32"),
                certificate_policies_value(policy.oid, cps_url=endpoints.cps, notice=notice),
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectAlternativeName([vid_other_name(real_name, rrn, vid_random)]),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(endpoints.crl)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier(endpoints.ocsp),
                    )
                ]
            ),
            critical=False,
        )
        .sign(issuer.private_key, hashes.SHA256())
    )


def resign_user_certificate(
    old: x509.Certificate,
    *,
    issuer: CertificateAuthority,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """The same certificate (subject, key, policy, VID, endpoints) with another validity
    and a new serial: what the CA issues when a trainer moves a learner's certificate
    into its renewal window. The learner's key file still opens and matches it."""
    if not_after <= not_before:
        raise ValueError("not_after must be later than not_before")
    builder = (
        x509.CertificateBuilder()
        .subject_name(old.subject)
        .issuer_name(issuer.certificate.subject)
        .public_key(old.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before.astimezone(UTC))
        .not_valid_after(not_after.astimezone(UTC))
    )
    for oid, critical, value in raw_extensions(old):  # byte for byte, in yessign's order
        builder = builder.add_extension(
            x509.UnrecognizedExtension(x509.ObjectIdentifier(oid), value), critical=critical
        )
    return builder.sign(issuer.private_key, hashes.SHA256())


def raw_extensions(cert: x509.Certificate) -> list[tuple[str, bool, bytes]]:
    """(OID, critical, extnValue) as the certificate holds them (no re-encoding: the
    policy notice stays a BMPString)."""
    tbs = der.decode(cert.tbs_certificate_bytes).expect(der.SEQUENCE).children
    (extensions,) = tbs[-1].expect(der.context_tag(3)).children
    found = []
    for extension in extensions.expect(der.SEQUENCE).children:
        oid, *flag, value = extension.expect(der.SEQUENCE).children
        found.append((oid.to_oid(), bool(flag), value.expect(der.OCTET_STRING).content))
    return found


_FOLDER_KEYS = {
    NameOID.COMMON_NAME: "cn",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "ou",
    NameOID.ORGANIZATION_NAME: "o",
    NameOID.COUNTRY_NAME: "c",
    NameOID.LOCALITY_NAME: "l",
    NameOID.STATE_OR_PROVINCE_NAME: "st",
}


def dn_folder_name(subject: x509.Certificate | x509.Name) -> str:
    """The NPKI folder of a certificate: its subject DN, most specific first.

    ``cn=홍길동()0004045202611280000001,ou=KMB,ou=personal4IB,o=yessign,c=kr``;
    values are not escaped, as NPKI software writes them.
    """
    name = subject.subject if isinstance(subject, x509.Certificate) else subject
    return ",".join(
        "+".join(f"{_FOLDER_KEYS.get(a.oid, a.oid.dotted_string)}={a.value}" for a in rdn)
        for rdn in reversed(name.rdns)
    )
