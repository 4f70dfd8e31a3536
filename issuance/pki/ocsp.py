"""OCSP (RFC 6960): read a request, answer for one certificate, or refuse properly.

The issuing CA signs its own answers (RFC 6960 4.2.2.2 allows the CA itself
as responder), so no delegated responder certificate is needed.
"""

from __future__ import annotations

import base64
import binascii
import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from issuance.pki import der
from issuance.pki.ca import CertificateAuthority
from issuance.pki.crl import reason_flag
from issuance.pki.errors import PkiError

CertStatus = Literal["good", "revoked", "unknown"]
FailureStatus = Literal["malformedRequest", "internalError", "tryLater", "unauthorized"]

_CERT_STATUS = {
    "good": ocsp.OCSPCertStatus.GOOD,
    "revoked": ocsp.OCSPCertStatus.REVOKED,
    "unknown": ocsp.OCSPCertStatus.UNKNOWN,
}
_FAILURE_STATUS = {
    "malformedRequest": ocsp.OCSPResponseStatus.MALFORMED_REQUEST,
    "internalError": ocsp.OCSPResponseStatus.INTERNAL_ERROR,
    "tryLater": ocsp.OCSPResponseStatus.TRY_LATER,
    "unauthorized": ocsp.OCSPResponseStatus.UNAUTHORIZED,
}


class MalformedOcspRequest(PkiError):
    """The bytes are not an OCSP request we can answer; reply `malformedRequest`."""


@dataclass(frozen=True, slots=True)
class OcspQuery:
    """The one certificate an OCSP request asks about (its CertID) and its nonce."""

    serial: int
    issuer_name_hash: bytes
    issuer_key_hash: bytes
    hash_algorithm: hashes.HashAlgorithm
    nonce: bytes | None


def decode_get_request(encoded: str) -> bytes:
    """The DER of a GET request: the URL path part, already percent-decoded, is base64."""
    try:
        return base64.b64decode(encoded.strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise MalformedOcspRequest("the GET request is not base64") from None


def parse_request(data: bytes) -> OcspQuery:
    """Read a DER OCSP request with a single CertID (what every client sends)."""
    try:
        request = ocsp.load_der_ocsp_request(data)
        algorithm = request.hash_algorithm
        query = OcspQuery(
            serial=request.serial_number,
            issuer_name_hash=request.issuer_name_hash,
            issuer_key_hash=request.issuer_key_hash,
            hash_algorithm=algorithm,
            nonce=_nonce(request),
        )
    except (ValueError, UnsupportedAlgorithm, NotImplementedError) as exc:
        # NotImplementedError: zero or several CertIDs. cryptography reads
        # exactly one, which is what every common client sends.
        raise MalformedOcspRequest(str(exc)) from None
    # The builder refuses hashes of the wrong length; catch them here instead.
    size = algorithm.digest_size
    if len(query.issuer_name_hash) != size or len(query.issuer_key_hash) != size:
        raise MalformedOcspRequest("CertID hash lengths do not match the hash algorithm")
    # RFC 5280 serials are positive; a negative one cannot even be echoed back.
    if query.serial < 0:
        raise MalformedOcspRequest("negative serial number")
    return query


def _nonce(request: ocsp.OCSPRequest) -> bytes | None:
    try:
        return request.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    except x509.ExtensionNotFound:
        return None


def issued_by(query: OcspQuery, issuer: CertificateAuthority) -> bool:
    """Whether the request's issuerNameHash and issuerKeyHash name this CA."""
    der_bytes = issuer.certificate.public_bytes(serialization.Encoding.DER)
    expected = _issuer_hashes(der_bytes, type(query.hash_algorithm))
    return expected == (query.issuer_name_hash, query.issuer_key_hash)


@functools.lru_cache(maxsize=64)
def _issuer_hashes(certificate_der: bytes, algorithm: type) -> tuple[bytes, bytes]:
    """(issuerNameHash, issuerKeyHash) of a CA certificate, worked out once per hash."""
    certificate = x509.load_der_x509_certificate(certificate_der)
    name_hash = _digest(algorithm(), certificate.subject.public_bytes())
    spki = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    # issuerKeyHash covers the subjectPublicKey BIT STRING's value, not the whole SPKI.
    key_bits = der.decode(spki).children[1].to_bytes()
    return name_hash, _digest(algorithm(), key_bits)


def _digest(algorithm: hashes.HashAlgorithm, data: bytes) -> bytes:
    h = hashes.Hash(algorithm)
    h.update(data)
    return h.finalize()


def build_response(
    *,
    query: OcspQuery,
    issuer: CertificateAuthority,
    status: CertStatus,
    this_update: datetime,
    next_update: datetime | None,
    revoked_at: datetime | None = None,
    reason: x509.ReasonFlags | str | None = None,
    responder: CertificateAuthority | None = None,
) -> bytes:
    """A signed, successful answer about `query`, echoing its CertID and nonce.

    `responder` defaults to the issuing CA; its certificate is included so a
    client can check the signature without fetching anything.
    """
    if status == "revoked" and revoked_at is None:
        raise ValueError("a revoked answer needs revoked_at")
    responder = responder or issuer
    revoked = status == "revoked"
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response_by_hash(
            issuer_name_hash=query.issuer_name_hash,
            issuer_key_hash=query.issuer_key_hash,
            serial_number=query.serial,
            algorithm=query.hash_algorithm,
            cert_status=_CERT_STATUS[status],
            this_update=this_update,
            next_update=next_update,
            revocation_time=revoked_at if revoked else None,
            revocation_reason=reason_flag(reason) if revoked else None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, responder.certificate)
        .certificates([responder.certificate])
    )
    if query.nonce is not None:
        builder = builder.add_extension(x509.OCSPNonce(query.nonce), critical=False)
    response = builder.sign(responder.private_key, hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)


def unsuccessful_response(status: FailureStatus = "malformedRequest") -> bytes:
    """An unsigned error answer (RFC 6960 2.3), e.g. for bytes that are no request."""
    response = ocsp.OCSPResponseBuilder.build_unsuccessful(_FAILURE_STATUS[status])
    return response.public_bytes(serialization.Encoding.DER)
