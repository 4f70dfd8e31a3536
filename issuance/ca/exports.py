"""A stored copy taken out of the virtual device: the NPKI folder as a zip, or a ``.p12``.

The ``.p12`` needs the private key, so the copy's ``signPri.key`` is decrypted
with the learner's certificate password for this one answer only.
"""

from cryptography import x509

from issuance import pki
from issuance.models import CertificateCopy


def copy_npki_zip(copy: CertificateCopy) -> bytes:
    """``NPKI/<CA>/USER/<DN>/signCert.der`` and ``signPri.key`` in a zip."""
    return pki.npki_zip(bytes(copy.certificate.der), bytes(copy.key_file))


def copy_pkcs12(copy: CertificateCopy, password: str) -> bytes:
    """The certificate, its key and the issuing CA as PKCS#12, protected by ``password``.

    Raises ``pki.WrongPasswordError`` when the password does not open the key file.
    """
    certificate = copy.certificate
    contents = pki.read_key_file(bytes(copy.key_file), password, validate_key=False)
    cert = x509.load_der_x509_certificate(bytes(certificate.der))
    issuer = x509.load_der_x509_certificate(bytes(certificate.issuer.certificate_der))
    return pki.pkcs12(cert, contents.private_key, password, [issuer], certificate.serial)
