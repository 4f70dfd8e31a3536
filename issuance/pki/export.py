"""Downloads of an issued certificate: the NPKI folder as a zip, PKCS#12, PEM."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12 as p12

from issuance.pki.ca import KST
from issuance.pki.profile import dn_folder_name

# PBKDF2-SHA256 rounds for the .p12; OpenSSL 3 writes 2048 by default.
PKCS12_KDF_ROUNDS = 50_000


def npki_paths(cert: x509.Certificate, ca_org: str = "yessign") -> tuple[str, str]:
    """``NPKI/<ca_org>/USER/<DN folder>/signCert.der`` and ``.../signPri.key``."""
    folder = f"NPKI/{ca_org}/USER/{dn_folder_name(cert)}"
    return f"{folder}/signCert.der", f"{folder}/signPri.key"


def npki_zip(
    cert_der: bytes,
    key_file: bytes,
    ca_org: str = "yessign",
    *,
    modified: datetime | None = None,
) -> bytes:
    """A zip holding the NPKI folder, to unpack where NPKI software looks for it.

    Names are UTF-8 (the folder name is Korean); Python's zipfile sets the
    zip's UTF-8 flag for any non-ASCII name.
    """
    cert_path, key_path = npki_paths(x509.load_der_x509_certificate(cert_der), ca_org)
    stamp = (modified or datetime.now(KST)).astimezone(KST).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content, mode in ((cert_path, cert_der, 0o644), (key_path, key_file, 0o600)):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | mode) << 16  # regular file, unix mode
            archive.writestr(info, content)
    return buffer.getvalue()


def pkcs12(
    cert: x509.Certificate,
    private_key: rsa.RSAPrivateKey,
    password: str,
    ca_chain: list[x509.Certificate],
    friendly_name: str,
) -> bytes:
    """A .p12 protected by the certificate password (PBES2: PBKDF2-SHA256, AES-256-CBC)."""
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(PKCS12_KDF_ROUNDS)
        .key_cert_algorithm(p12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode("utf-8"))
    )
    return p12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), private_key, cert, ca_chain, encryption
    )


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)
