"""A detached CMS (PKCS#7) signature over a document, and its check.

The simulated CA signs a training record (the 수료증's PDF) the way a real document is
signed: a CMS SignedData (RFC 5652) in DER, the content left out (detached), SHA-256,
with signed attributes (contentType, signingTime, messageDigest) and the signer's
certificate and its chain inside. `cryptography` writes it
(``PKCS7SignatureBuilder``); it has no CMS verification, so the check reads the
structure here (``issuance.pki.der``) and verifies each link with `cryptography`: the
digest over the data, the RSA signature over the signed attributes, and every
certificate up to the trust anchor. ``openssl cms -verify`` agrees (tests/lessons).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from issuance.pki import der
from issuance.pki.ca import CertificateAuthority, new_rsa_key, npki_name
from issuance.pki.errors import PkiError

DOCUMENT_SIGNER_NAME = "SIM Training 수료증 서명"  # i18n: a certificate's CN, as issued
SIGNER_VALIDITY = timedelta(days=2 * 365)
MAX_CHAIN = 4  # signer, issuing CA, root: room for one more CA, never a loop

ID_DATA = "1.2.840.113549.1.7.1"
ID_SIGNED_DATA = "1.2.840.113549.1.7.2"
ID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
ID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
ID_SIGNING_TIME = "1.2.840.113549.1.9.5"
ID_SHA256 = "2.16.840.1.101.3.4.2.1"
RSA_SIGNATURES = {"1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11"}  # rsaEncryption, sha256WithRSA
UTC_TIME, GENERALIZED_TIME = 0x17, 0x18


class CmsError(PkiError):
    """The bytes are not the detached SignedData this module writes and reads."""

    code = "cms_invalid"


@dataclass(frozen=True, slots=True)
class Signer:
    """A document-signing certificate with its key and the CAs above it (not the root)."""

    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey
    chain: tuple[x509.Certificate, ...] = ()


# --- the signer's certificate ---------------------------------------------------------


def build_signer_certificate(
    issuer: CertificateAuthority,
    public_key: rsa.RSAPublicKey,
    *,
    common_name: str = DOCUMENT_SIGNER_NAME,
    organization: str = "SIM Training",
    valid_for: timedelta = SIGNER_VALIDITY,
    now: datetime | None = None,
) -> x509.Certificate:
    """An end-entity certificate for signing documents (keyUsage digitalSignature and
    nonRepudiation, critical; no CA), issued by ``issuer``, never outliving it."""
    start = (now or datetime.now(UTC)).replace(microsecond=0) - timedelta(hours=1)
    end = min(start + valid_for, issuer.certificate.not_valid_after_utc)
    usage = x509.KeyUsage(
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
    subject = npki_name(
        (NameOID.COUNTRY_NAME, "kr"),
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.COMMON_NAME, common_name),
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier(issuer.key_identifier, None, None), critical=False
        )
        .sign(issuer.private_key, hashes.SHA256())
    )


def create_signer(issuer: CertificateAuthority, **options) -> Signer:
    """A fresh key and its signing certificate from ``issuer`` (options as above)."""
    key = new_rsa_key()
    certificate = build_signer_certificate(issuer, key.public_key(), **options)
    return Signer(certificate, key, (issuer.certificate,))


# --- signing --------------------------------------------------------------------------


def sign_detached(
    data: bytes,
    key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
) -> bytes:
    """DER CMS SignedData over ``data``, detached, SHA-256 with PKCS#1 v1.5, with
    signed attributes, the signer's certificate and ``chain``."""
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(bytes(data))
        .add_signer(certificate, key, hashes.SHA256(), rsa_padding=padding.PKCS1v15())
    )
    for extra in chain:
        builder = builder.add_certificate(extra)
    options = [
        pkcs7.PKCS7Options.DetachedSignature,
        pkcs7.PKCS7Options.Binary,  # the bytes as they are, never MIME-canonicalised
        pkcs7.PKCS7Options.NoCapabilities,
    ]
    return builder.sign(serialization.Encoding.DER, options)


# --- reading and checking ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignedData:
    """What a detached SignedData with one signer says."""

    certificates: tuple[x509.Certificate, ...]
    signer: x509.Certificate
    signed_attributes: bytes  # DER, re-tagged as the SET OF that was signed
    signature: bytes
    message_digest: bytes
    signing_time: datetime | None


def read_signed_data(signature_der: bytes) -> SignedData:
    """Parse ``signature_der`` (strict DER), or ``CmsError``."""
    try:
        return _read(bytes(signature_der))
    except (der.DerError, ValueError, IndexError, TypeError) as exc:
        raise CmsError(f"not a detached CMS SignedData: {exc}") from None


def _read(data: bytes) -> SignedData:
    content_type, content = der.decode(data).expect(der.SEQUENCE).children
    if content_type.to_oid() != ID_SIGNED_DATA or content.tag != der.context_tag(0):
        raise CmsError("not SignedData")
    (signed_data,) = content.children
    fields = signed_data.expect(der.SEQUENCE).children
    encapsulated = fields[2].expect(der.SEQUENCE).children
    if encapsulated[0].to_oid() != ID_DATA or len(encapsulated) != 1:
        raise CmsError("the content is not detached data")
    certificates = tuple(
        x509.load_der_x509_certificate(child.encoded)
        for element in fields[3:-1]
        if element.tag == der.context_tag(0)
        for child in element.children
    )
    signer_infos = fields[-1].expect(der.SET).children
    if len(signer_infos) != 1:
        raise CmsError("exactly one signer expected")
    info = signer_infos[0].expect(der.SEQUENCE).children
    signer = _signer_certificate(info[1], certificates)
    if _algorithm(info[2]) != ID_SHA256:
        raise CmsError("the digest is not SHA-256")
    if info[3].tag != der.context_tag(0):
        raise CmsError("no signed attributes")
    attributes = _attributes(info[3])
    if _algorithm(info[4]) not in RSA_SIGNATURES:
        raise CmsError("not an RSA signature")
    (kind,) = attributes[ID_CONTENT_TYPE]
    (digest,) = attributes[ID_MESSAGE_DIGEST]
    if kind.to_oid() != ID_DATA:
        raise CmsError("the signed content type is not data")
    times = attributes.get(ID_SIGNING_TIME)
    return SignedData(
        certificates=certificates,
        signer=signer,
        signed_attributes=der.tlv(der.SET, info[3].content),
        signature=info[5].expect(der.OCTET_STRING).content,
        message_digest=digest.expect(der.OCTET_STRING).content,
        signing_time=_time(times[0]) if times else None,
    )


def _algorithm(element: der.Element) -> str:
    return element.expect(der.SEQUENCE).children[0].to_oid()


def _attributes(element: der.Element) -> dict[str, list[der.Element]]:
    found: dict[str, list[der.Element]] = {}
    for attribute in element.children:
        kind, values = attribute.expect(der.SEQUENCE).children
        if kind.to_oid() in found:
            raise CmsError("an attribute appears twice")
        found[kind.to_oid()] = values.expect(der.SET).children
    return found


def _signer_certificate(
    sid: der.Element, certificates: Sequence[x509.Certificate]
) -> x509.Certificate:
    """The certificate ``sid`` names: issuerAndSerialNumber, or [0] subjectKeyIdentifier."""
    for certificate in certificates:
        if sid.tag == der.SEQUENCE:
            issuer, serial = sid.children
            named = (issuer.encoded, serial.to_int())
            found = (certificate.issuer.public_bytes(), certificate.serial_number)
        elif sid.tag == der.context_tag(0, constructed=False):
            named = sid.content
            found = x509.SubjectKeyIdentifier.from_public_key(certificate.public_key()).digest
        else:
            raise CmsError("unknown signer identifier")
        if named == found:
            return certificate
    raise CmsError("the signer's certificate is not included")


def _time(element: der.Element) -> datetime:
    text = element.content.decode("ascii")
    if element.tag == UTC_TIME:
        parsed = datetime.strptime(text, "%y%m%d%H%M%SZ")
    elif element.tag == GENERALIZED_TIME:
        parsed = datetime.strptime(text, "%Y%m%d%H%M%SZ")
    else:
        raise CmsError("signingTime is not a time")
    return parsed.replace(tzinfo=UTC)


def signature_matches(signed: SignedData, data: bytes) -> bool:
    """The digest of ``data`` is the signed one, and the signer's key made the signature
    over the signed attributes."""
    if not hmac.compare_digest(hashlib.sha256(bytes(data)).digest(), signed.message_digest):
        return False
    public_key = signed.signer.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        return False
    try:
        public_key.verify(
            signed.signature, signed.signed_attributes, padding.PKCS1v15(), hashes.SHA256()
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def chains_to(signed: SignedData, trust_anchor: x509.Certificate, *, at=None) -> bool:
    """The signer's certificate may sign documents and leads, through the CAs the
    SignedData carries, to ``trust_anchor``, each certificate valid ``at`` (the
    signing time, else now). Only the anchor is trusted: a certificate in the bag
    that merely names it proves nothing."""
    at = at or signed.signing_time or datetime.now(UTC)
    if not _may_sign_documents(signed.signer):
        return False
    current, cas_below = signed.signer, 0  # how many CAs stand between
    for _ in range(MAX_CHAIN):
        if not _valid_at(current, at):
            return False
        if _issued_by(current, trust_anchor):
            return _valid_at(trust_anchor, at) and _may_issue(trust_anchor, cas_below)
        issuer = next(
            (
                candidate
                for candidate in signed.certificates
                if candidate != current
                and _may_issue(candidate, cas_below)
                and _issued_by(current, candidate)
            ),
            None,
        )
        if issuer is None:
            return False
        current, cas_below = issuer, cas_below + 1
    return False


def verify_detached(
    data: bytes, signature_der: bytes, trust_anchor: x509.Certificate, *, at=None
) -> bool:
    """True when ``signature_der`` is a detached SignedData over exactly ``data``, by a
    document signer whose certificate chains to ``trust_anchor``."""
    try:
        signed = read_signed_data(signature_der)
    except CmsError:
        return False
    return chains_to(signed, trust_anchor, at=at) and signature_matches(signed, data)


def _valid_at(certificate: x509.Certificate, at: datetime) -> bool:
    return certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    if certificate.issuer != issuer.subject:
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _extension(certificate: x509.Certificate, kind):
    try:
        return certificate.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _may_issue(certificate: x509.Certificate, cas_below: int) -> bool:
    """A CA whose key signs certificates, with room for ``cas_below`` CAs under it."""
    constraints = _extension(certificate, x509.BasicConstraints)
    usage = _extension(certificate, x509.KeyUsage)
    return (
        constraints is not None
        and constraints.ca
        and (constraints.path_length is None or constraints.path_length >= cas_below)
        and (usage is None or usage.key_cert_sign)
    )


def _may_sign_documents(certificate: x509.Certificate) -> bool:
    constraints = _extension(certificate, x509.BasicConstraints)
    usage = _extension(certificate, x509.KeyUsage)
    return (constraints is None or not constraints.ca) and (
        usage is None or usage.digital_signature or usage.content_commitment
    )
