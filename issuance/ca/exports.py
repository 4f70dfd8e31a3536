"""A stored copy opened with its certificate password, and taken out of the virtual
device: the NPKI folder as a zip, or a ``.p12``.

Opening a copy is a typed secret like any other: wrong passwords are counted per
copy (N/5, then the copy locks until 오류 해제), through ``accounts``'s one lock
mechanism. The private key exists in memory only for the caller's one answer.
"""

from cryptography import x509
from django.utils.translation import gettext as _

from accounts.services import SecretCheck, secret_verify
from issuance import pki
from issuance.models import DEVICE_OF_MEDIUM, CertificateCopy
from portal.refusals import Refused


def wrong_password(check: SecretCheck) -> Refused:
    """The password did not open the copy: N/5, or locked now (``check.locked``).
    Beside the password field, with the code the signing's callers tell apart."""
    if check.locked:
        message = _(
            "인증서 암호를 %(threshold)d회 잘못 입력하여 이 인증서를 쓸 수 없습니다. "
            "강사에게 오류 해제를 요청하거나 인증서를 재발급하세요."
        ) % {"threshold": check.threshold}
        return Refused(message, field="password", code="locked")
    message = _("인증서 암호가 올바르지 않습니다 (%(failures)d/%(threshold)d회)") % {
        "failures": check.failures,
        "threshold": check.threshold,
    }
    return Refused(message, field="password", code="wrong_password")


def password_forgotten(copy: CertificateCopy) -> bool:
    """The trainer's "forgot the certificate password" scenario: copies saved before it
    no longer open with any password, so the learner must 재발급."""
    scenario = copy.certificate.customer.scenarios.first()
    forgotten = scenario and scenario.password_forgotten_before
    return bool(forgotten and copy.created_at < forgotten)


def copy_open(copy: CertificateCopy, password: str) -> pki.KeyFileContents:
    """The copy's key file opened with ``password``, or ``Refused`` (counted, beside
    the password: code "wrong_password", or "locked" at the limit).

    A damaged key file raises ``pki.DamagedKeyFileError`` (not counted: no password
    could open it).
    """
    opened: list[pki.KeyFileContents] = []
    forgotten = password_forgotten(copy)

    def opens(row: CertificateCopy) -> bool:
        if forgotten:
            return False
        try:
            opened.append(pki.read_key_file(bytes(row.key_file), password, validate_key=False))
        except pki.WrongPasswordError:
            return False
        return True

    check = secret_verify(medium=copy, check=opens)
    if not check.ok:
        raise wrong_password(check)
    return opened[0]


def copy_npki_zip(copy: CertificateCopy) -> bytes:
    """``NPKI/<CA>/USER/<DN>/signCert.der`` and ``signPri.key`` in a zip."""
    return pki.npki_zip(bytes(copy.certificate.der), bytes(copy.key_file))


def copy_pkcs12(copy: CertificateCopy, password: str) -> bytes:
    """The certificate, its key and the issuing CA as PKCS#12, protected by ``password``.

    The password is checked like at 인증서 로그인 (``Refused``, counted).
    """
    certificate = copy.certificate
    contents = copy_open(copy, password)
    cert = x509.load_der_x509_certificate(bytes(certificate.der))
    issuer = x509.load_der_x509_certificate(bytes(certificate.issuer.certificate_der))
    return pki.pkcs12(cert, contents.private_key, password, [issuer], certificate.serial)


def copy_duplicate(copy: CertificateCopy, medium: str) -> CertificateCopy:
    """스마트폰 인증서 복사: the same ``signPri.key`` (the same password) on another medium;
    a copy already there is replaced, with a fresh password counter."""
    duplicate, _created = CertificateCopy.objects.update_or_create(
        certificate=copy.certificate,
        medium=medium,
        defaults={
            "device": DEVICE_OF_MEDIUM[medium],
            "key_file": bytes(copy.key_file),
            "failure_count": 0,
            "locked_at": None,
        },
    )
    return duplicate
