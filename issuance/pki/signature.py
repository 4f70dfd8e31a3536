"""전자서명 with a personal certificate's key, and the client's side of OCSP.

What NPKI client software does when a bank page asks for a signature: sign the
text shown to the user (the 전자서명 원문) with the private key opened by the
certificate password, and ask the CA's OCSP responder whether the certificate is
still good. The bank checks both before it acts. The signature is RSA PKCS#1
v1.5 with SHA-256 over the UTF-8 text (``sha256WithRSAEncryption``, the
algorithm the certificate itself is signed with); real banks wrap the same
signature in a PKCS#7 SignedData envelope, which adds no check.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp

from issuance.pki.errors import PkiError

SIGNATURE_ALGORITHM = "sha256WithRSAEncryption"


def sign(private_key: rsa.RSAPrivateKey, data: bytes) -> bytes:
    return private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def signature_valid(cert: x509.Certificate, data: bytes, signature: bytes) -> bool:
    """True when ``signature`` over ``data`` was made with the key of ``cert``."""
    try:
        cert.public_key().verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def digest_hex(data: bytes) -> str:
    """The SHA-256 of what was signed, as the receipt shows it."""
    return hashlib.sha256(data).hexdigest()


# --- OCSP, the client's side -------------------------------------------------------------


class OcspAnswerInvalid(PkiError):
    """The responder's answer is unusable: not successful, not signed by the CA, not ours."""


@dataclass(frozen=True, slots=True)
class OcspAnswer:
    status: str  # "good" | "revoked" | "unknown"
    produced_at: datetime
    this_update: datetime
    next_update: datetime | None
    revoked_at: datetime | None


_STATUS = {
    ocsp.OCSPCertStatus.GOOD: "good",
    ocsp.OCSPCertStatus.REVOKED: "revoked",
    ocsp.OCSPCertStatus.UNKNOWN: "unknown",
}


def ocsp_request(cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes) -> bytes:
    """The DER of a request about ``cert`` (SHA-1 CertID, as NPKI clients send), with a nonce."""
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303 - the CertID hash RFC 6960 expects
        .add_extension(x509.OCSPNonce(nonce), critical=False)
        .build()
    )
    return request.public_bytes(serialization.Encoding.DER)


def read_ocsp_response(
    data: bytes, *, cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes
) -> OcspAnswer:
    """Check the responder's answer as a client must, and say what it answers.

    Successful, signed by ``issuer`` (the CA answers for itself), about ``cert``'s
    serial, and echoing our ``nonce`` (no replayed answer), or ``OcspAnswerInvalid``.
    """
    try:
        response = ocsp.load_der_ocsp_response(data)
    except ValueError:
        raise OcspAnswerInvalid("not an OCSP response") from None
    if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise OcspAnswerInvalid(f"responder said {response.response_status.name}")
    try:
        issuer.public_key().verify(
            response.signature,
            response.tbs_response_bytes,
            padding.PKCS1v15(),
            response.signature_hash_algorithm,
        )
    except (InvalidSignature, TypeError, ValueError):
        raise OcspAnswerInvalid("the answer is not signed by the CA") from None
    if response.serial_number != cert.serial_number:
        raise OcspAnswerInvalid("the answer is about another certificate")
    try:
        echoed = response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    except x509.ExtensionNotFound:
        echoed = None
    if echoed != nonce:
        raise OcspAnswerInvalid("the answer does not echo our nonce")
    return OcspAnswer(
        status=_STATUS[response.certificate_status],
        produced_at=response.produced_at_utc,
        this_update=response.this_update_utc,
        next_update=response.next_update_utc,
        revoked_at=response.revocation_time_utc,
    )
