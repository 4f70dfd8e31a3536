"""A stored copy taken out of the virtual device: the NPKI folder as a zip, or a
``.p12``; and 스마트폰 인증서 복사's duplicate on another medium.

Each asks the medium's rules first (``MEDIA``: exportable, copyable) and its key
store for the key (``keystores``): opening it is counted like at 인증서 로그인.
"""

from cryptography import x509

from issuance import pki
from issuance.ca.keystores import copy_open, medium_allows, store_for
from issuance.models import CertificateCopy


def copy_npki_zip(copy: CertificateCopy) -> bytes:
    """``NPKI/<CA>/USER/<DN>/signCert.der`` and ``signPri.key`` in a zip."""
    medium_allows(copy, "exportable")
    return pki.npki_zip(bytes(copy.certificate.der), store_for(copy).export_key_file(copy))


def copy_pkcs12(copy: CertificateCopy, password: str) -> bytes:
    """The certificate, its key and the issuing CA as PKCS#12, protected by ``password``.

    The password is checked like at 인증서 로그인 (``Refused``, counted).
    """
    medium_allows(copy, "exportable")
    certificate = copy.certificate
    contents = copy_open(copy, password)
    cert = x509.load_der_x509_certificate(bytes(certificate.der))
    issuer = x509.load_der_x509_certificate(bytes(certificate.issuer.certificate_der))
    return pki.pkcs12(cert, contents.private_key, password, [issuer], certificate.serial)


def copy_duplicate(copy: CertificateCopy, medium: str) -> CertificateCopy:
    """스마트폰 인증서 복사: the same ``signPri.key`` (the same password) on another medium;
    a copy already there is replaced, with a fresh password counter. Both media must
    allow copying."""
    medium_allows(copy, "copyable")
    rules = medium_allows(medium, "copyable")
    key_file = store_for(medium).import_key_file(store_for(copy).export_key_file(copy))
    duplicate, _created = CertificateCopy.objects.update_or_create(
        certificate=copy.certificate,
        medium=medium,
        defaults={
            "device": rules.device,
            "key_file": key_file,
            "failure_count": 0,
            "locked_at": None,
        },
    )
    return duplicate
