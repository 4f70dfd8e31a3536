"""The VID: proof of the 주민등록번호 without putting it in the certificate.

The certificate's SAN carries an otherName (npkiIdentifyData) with the real
name and ``virtualID = H(H(DER(SEQUENCE { PrintableString idn, BIT STRING R })))``.
R lives only inside the password-protected key file, so the certificate alone
reveals nothing about the 주민등록번호; the key holder can prove it.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import NamedTuple

from cryptography import x509

from issuance.pki import der
from issuance.pki.errors import PkiError

NPKI_IDENTIFY_DATA_OID = "1.2.410.200004.10.1.1"
VID_OID = "1.2.410.200004.10.1.1.1"
HASH_OIDS = {"sha256": "2.16.840.1.101.3.4.2.1", "sha1": "1.3.14.3.2.26"}
_HASH_NAMES = {oid: name for name, oid in HASH_OIDS.items()}


class CertificateVid(NamedTuple):
    real_name: str
    hash_oid: str
    vid: bytes


def normalize_rrn(rrn: str) -> str:
    """The 13 digits of a 주민등록번호, with or without the hyphen."""
    digits = rrn.strip().replace("-", "", 1)
    if len(digits) != 13 or not (digits.isascii() and digits.isdigit()):
        raise ValueError("an RRN must be 13 digits, with or without the hyphen")
    return digits


def compute_vid(rrn: str, r: bytes, *, algorithm: str = "sha256") -> bytes:
    """virtualID for a 주민등록번호 and the key file's random R (sha256, or sha1 for old certs)."""
    if algorithm not in HASH_OIDS:
        raise ValueError(f"unsupported VID hash {algorithm!r}")
    hash_input = der.sequence(der.printable_string(normalize_rrn(rrn)), der.bit_string(r))
    inner = hashlib.new(algorithm, hash_input).digest()
    return hashlib.new(algorithm, inner).digest()


def identify_data(real_name: str, vid: bytes, *, algorithm: str = "sha256") -> bytes:
    """DER of the otherName value (IdentifyData) holding the name and the VID."""
    vid_value = der.sequence(
        der.sequence(der.oid(HASH_OIDS[algorithm])),  # no NULL parameter, as in real certs
        der.explicit(0, der.octet_string(vid)),
    )
    user_info = der.sequence(der.oid(VID_OID), vid_value)
    return der.sequence(der.utf8_string(real_name), der.sequence(user_info))


def vid_other_name(real_name: str, rrn: str, r: bytes) -> x509.OtherName:
    """The SAN entry of a new certificate (SHA-256)."""
    return x509.OtherName(
        x509.ObjectIdentifier(NPKI_IDENTIFY_DATA_OID),
        identify_data(real_name, compute_vid(rrn, r)),
    )


def vid_from_certificate(cert: x509.Certificate) -> CertificateVid | None:
    """The real name, hash OID and VID in a certificate's SAN; None if it has none."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None
    for other in san.get_values_for_type(x509.OtherName):
        if other.type_id.dotted_string == NPKI_IDENTIFY_DATA_OID:
            try:
                return _parse_identify_data(other.value)
            except ValueError as exc:  # DerError, or too few elements to unpack
                raise PkiError(f"malformed VID in certificate: {exc}") from None
    return None


def _parse_identify_data(value: bytes) -> CertificateVid | None:
    real_name_el, user_infos = der.decode(value).expect(der.SEQUENCE).children[:2]
    for info in user_infos.expect(der.SEQUENCE).children:
        id_type, vid_value = info.expect(der.SEQUENCE).children[:2]
        if id_type.to_oid() != VID_OID:
            continue
        hash_alg, virtual_id = vid_value.expect(der.SEQUENCE).children[:2]
        # Old certificates may carry a NULL parameter after the OID: ignore it.
        hash_oid = hash_alg.expect(der.SEQUENCE).children[0].to_oid()
        (octets,) = virtual_id.expect(der.context_tag(0)).children
        return CertificateVid(real_name_el.to_str(), hash_oid, octets.to_bytes())
    return None


def vid_matches(cert: x509.Certificate, rrn: str, r: bytes) -> bool:
    """Whether the 주민등록번호 and R reproduce the certificate's VID (constant-time).

    False when the certificate has no readable VID or uses an unknown hash.
    """
    try:
        found = vid_from_certificate(cert)
        rrn = normalize_rrn(rrn)
    except (PkiError, ValueError):
        return False
    if found is None or found.hash_oid not in _HASH_NAMES:
        return False
    expected = compute_vid(rrn, r, algorithm=_HASH_NAMES[found.hash_oid])
    return hmac.compare_digest(expected, found.vid)
