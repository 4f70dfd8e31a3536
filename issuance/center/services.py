"""인증서 관리 and 갱신: what the holder does with a certificate on their virtual devices.

Each action needs the certificate password (counted per copy, through the copy's key
store: ``ca.keystores.copy_open``), refuses with a message the page shows beside its field
(``Refused``), and leaves a ``CenterEvent`` on the learner's trail.
"""

import io
import zipfile
from datetime import timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import pkcs12
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from accounts.banking import bank_name
from issuance import pki, scenario_rules
from issuance.ca import authority
from issuance.ca.downloads import npki_zip_download, pkcs12_download
from issuance.ca.keystores import copy_open, copy_secret_change, medium_rules, store_for
from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import (
    IssuedCertificate,
    certificate_copy_save,
    certificate_prepare,
    certificate_publish,
    certificate_store,
)
from issuance.center import messages
from issuance.models import (
    CenterEvent,
    Certificate,
    CertificateCopy,
    CertificateRegistration,
    RevocationReason,
    StorageMedium,
)
from issuance.pki_messages import password_problems_message
from issuance.transitions import WrongState
from portal.refusals import Refused

Action = CenterEvent.Action
RENEWAL_WINDOW = timedelta(days=30)
UPLOAD_MAX_BYTES = 64 * 1024
# An NPKI zip holds signCert.der and signPri.key (1–2 KB each), perhaps kmCert.der and
# kmPri.key, and the folders above them: a zip past these bounds is refused before a
# byte of it is unpacked (a few hundred bytes can unpack to hundreds of MiB).
ZIP_MAX_MEMBERS = 16
ZIP_MAX_MEMBER_BYTES = 32 * 1024
ZIP_MAX_UNCOMPRESSED_BYTES = 128 * 1024


def center_record(
    customer_id: int, action: str, message, *, ok: bool = True, certificate=None
) -> None:
    """A line on the learner's trail; ``certificate`` where the work was on one the
    lessons must tell apart (a 금융인증서's PIN change or 갱신 is not a 공동인증서's)."""
    result = CenterEvent.Result.OK if ok else CenterEvent.Result.FAILED
    CenterEvent.objects.create(
        customer_id=customer_id,
        action=action,
        result=result,
        message=str(message),
        certificate=certificate,
    )


def _open(copy: CertificateCopy, password: str, action: str, field: str = "password"):
    try:
        return copy_open(copy, password)
    except Refused as refused:
        center_record(copy.certificate.customer_id, action, refused.message, ok=False)
        raise Refused(refused.message, field=field, code=refused.code) from None
    except pki.DamagedKeyFileError:
        raise Refused(messages.DAMAGED_KEY_FILE) from None


# --- 암호 변경 ------------------------------------------------------------------------------


def copy_password_change(*, copy: CertificateCopy, current: str, new: str, confirm: str) -> None:
    """The copy's signPri.key encrypted again with ``new`` (a new salt): the old
    password no longer opens it. Other copies of the certificate keep theirs."""
    if problems := pki.password_problems(new):
        raise Refused(password_problems_message(problems), field="new_password")
    if new != confirm:
        raise Refused(messages.PASSWORDS_DIFFER, field="new_password_confirm")
    if new == current:
        raise Refused(messages.SAME_PASSWORD, field="new_password")
    contents = _open(copy, current, Action.PASSWORD, field="current_password")
    with transaction.atomic():  # the change and its line on the trail, together
        copy_secret_change(copy, opened=contents, new=new)
        center_record(copy.certificate.customer_id, Action.PASSWORD, messages.PASSWORD_CHANGED)


# --- 폐지 --------------------------------------------------------------------------------


def certificate_revoke_by_holder(*, copy: CertificateCopy, password: str) -> Certificate:
    """폐지: with the certificate password; the CRL and OCSP say revoked at once."""
    certificate = copy.certificate
    if certificate.revoked_at is not None:
        raise Refused(messages.ALREADY_REVOKED)
    _open(copy, password, Action.REVOKE)
    try:
        certificate_revoke(
            certificate=certificate,
            reason=RevocationReason.CESSATION_OF_OPERATION,
            then=lambda: center_record(
                certificate.customer_id, Action.REVOKE, messages.revoked(certificate.serial)
            ),
        )
    except WrongState:
        raise Refused(messages.ALREADY_REVOKED) from None
    return certificate


# --- 인증서 복사 and 인증서 삭제 in the 인증서 선택창 ----------------------------------------


def copy_to_medium(*, copy: CertificateCopy, medium: str, password: str) -> CertificateCopy:
    """인증서 복사: the copy's NPKI files onto another medium of this PC, as the dialog
    copies them (the same ``signPri.key``, so the same password opens both), after the
    password has opened it (counted). Not out of a 보안토큰 (its key never leaves it)."""
    target = medium_rules(medium)
    if medium_rules(copy).medium == StorageMedium.SECURITY_TOKEN:
        raise Refused(messages.COPY_FROM_TOKEN)
    if target.device != medium_rules(copy).device or medium == copy.medium:
        raise Refused(messages.COPY_SAME_MEDIUM, field="medium")
    scenario = scenario_rules.scenario_of(copy.certificate.customer)
    if medium in scenario_rules.rules(scenario).absent_media:
        raise Refused(messages.COPY_MEDIUM_ABSENT, field="medium")
    _open(copy, password, Action.COPY)
    with transaction.atomic():
        new, created = CertificateCopy.objects.get_or_create(
            certificate=copy.certificate,
            medium=medium,
            defaults={"device": target.device, "key_file": bytes(copy.key_file)},
        )
        if not created:
            raise Refused(messages.COPY_ALREADY_THERE, field="medium")
        center_record(
            copy.certificate.customer_id,
            Action.COPY,
            messages.copied_to(copy.get_medium_display(), new.get_medium_display()),
        )
    return new


def copy_delete(*, copy: CertificateCopy) -> None:
    """인증서 삭제: this medium's copy only; the certificate and its other copies stay."""
    certificate = copy.certificate
    medium = copy.get_medium_display()
    CertificateCopy.objects.filter(pk=copy.pk).delete()
    center_record(certificate.customer_id, Action.DELETE, messages.deleted_from(medium))


# --- 타기관 인증서 해제 ------------------------------------------------------------------------


def registration_release(*, copy: CertificateCopy, password: str) -> Certificate:
    """타기관 인증서 해제: with the certificate password, the registration is gone and the
    certificate no longer logs in or signs here (it stays valid at its own bank)."""
    certificate = copy.certificate
    registered = CertificateRegistration.objects.filter(certificate=certificate)
    if not registered.exists():
        raise Refused(messages.DEREGISTER_NOT_REGISTERED)
    _open(copy, password, Action.DEREGISTER)
    deleted, _rows = registered.delete()
    if not deleted:  # released a moment ago in another tab
        raise Refused(messages.DEREGISTER_NOT_REGISTERED)
    center_record(
        certificate.customer_id,
        Action.DEREGISTER,
        messages.deregistered(certificate.serial, bank_name(certificate.bank_code)),
    )
    return certificate


# --- 내보내기 ------------------------------------------------------------------------------


def copy_export(*, copy: CertificateCopy, password: str | None = None) -> HttpResponse:
    """내보내기 as the browser saves it: the NPKI folder zip, or (with the certificate
    password, counted as at 인증서 로그인) the ``.p12``; on the learner's trail."""
    if password is None:
        response, what = npki_zip_download(copy), "NPKI"
    else:
        response, what = pkcs12_download(copy, password), ".p12"
    center_record(copy.certificate.customer_id, Action.EXPORT, messages.exported(what))
    return response


# --- 가져오기 ------------------------------------------------------------------------------


def _zip_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, never more than the bound whatever its header declares."""
    with archive.open(name) as member:
        data = member.read(ZIP_MAX_MEMBER_BYTES + 1)
    if len(data) > ZIP_MAX_MEMBER_BYTES:
        raise Refused(messages.UPLOAD_TOO_LARGE, field="upload")
    return data


def _read_upload(upload: bytes, password: str) -> tuple[x509.Certificate, bytes | None, object]:
    """(certificate, signPri.key as uploaded or None, private key) from an NPKI zip or a
    .p12, or ``Refused`` with what is wrong with it."""
    if len(upload) > UPLOAD_MAX_BYTES:
        raise Refused(messages.UPLOAD_DAMAGED, field="upload")
    if zipfile.is_zipfile(io.BytesIO(upload)):
        try:
            with zipfile.ZipFile(io.BytesIO(upload)) as archive:
                members = archive.infolist()
                if len(members) > ZIP_MAX_MEMBERS or (
                    sum(m.file_size for m in members) > ZIP_MAX_UNCOMPRESSED_BYTES
                ):
                    raise Refused(messages.UPLOAD_TOO_LARGE, field="upload")
                names = [m.filename for m in members]
                cert_name = next(n for n in names if n.endswith("signCert.der"))
                key_name = next(n for n in names if n.endswith("signPri.key"))
                cert_der, key_file = _zip_member(archive, cert_name), _zip_member(archive, key_name)
            cert = x509.load_der_x509_certificate(cert_der)
        except (StopIteration, ValueError, zipfile.BadZipFile, KeyError, EOFError, OSError):
            raise Refused(messages.UPLOAD_DAMAGED, field="upload") from None
        try:
            contents = pki.read_key_file(key_file, password)
        except pki.WrongPasswordError:
            raise Refused(messages.UPLOAD_WRONG_PASSWORD, field="password") from None
        except pki.DamagedKeyFileError:
            raise Refused(messages.UPLOAD_DAMAGED, field="upload") from None
        return cert, key_file, contents.private_key
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(upload, password.encode("utf-8"))
    except ValueError as exc:
        wrong = "password" in str(exc).lower() or "mac" in str(exc).lower()
        if wrong:
            raise Refused(messages.UPLOAD_WRONG_PASSWORD, field="password") from None
        raise Refused(messages.UPLOAD_DAMAGED, field="upload") from None
    if key is None or cert is None:
        raise Refused(messages.UPLOAD_DAMAGED, field="upload")
    return cert, None, key


def _signed_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def copy_import(
    *, customer_ids: list[int], medium: str, upload: bytes, password: str
) -> CertificateCopy:
    """가져오기: a learner's own NPKI zip or .p12 onto one of this browser's media.

    Nothing is stored unless the file is whole, the password opens it, the key is the
    certificate's, and the certificate is this bank's and belongs to a customer of
    this browser.
    """
    cert, key_file, private_key = _read_upload(upload, password)
    if private_key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise Refused(messages.UPLOAD_KEY_MISMATCH, field="upload")
    row = Certificate.objects.filter(serial=f"{cert.serial_number:X}").first()
    if row is None or not _signed_by(cert, authority.ca_for(row)[1].certificate):
        raise Refused(messages.UPLOAD_NOT_OURS, field="upload")
    if row.customer_id not in customer_ids:
        raise Refused(messages.UPLOAD_NOT_YOURS, field="upload")
    rules, store = medium_rules(medium), store_for(medium)
    if key_file is None:  # from a .p12: our own signPri.key, without R
        key_file = store.seal(private_key, password, None)
    else:
        key_file = store.import_key_file(key_file)
    with transaction.atomic():
        copy, _created = CertificateCopy.objects.update_or_create(
            certificate=row,
            medium=medium,
            defaults={"device": rules.device, "key_file": key_file},
        )
        center_record(row.customer_id, Action.IMPORT, messages.imported(row.serial))
    return copy


# --- 갱신 --------------------------------------------------------------------------------


def renewal_problem(certificate: Certificate, now=None) -> str | None:
    """Why ``certificate`` cannot be renewed now, or None (30 days before expiry until expiry)."""
    now = now or timezone.now()
    if certificate.revoked_at is not None:
        return messages.RENEW_REVOKED
    if now > certificate.not_after:
        return messages.RENEW_EXPIRED
    if now < certificate.not_after - RENEWAL_WINDOW:
        return messages.renew_too_early(certificate.not_after - RENEWAL_WINDOW)
    return None


def certificate_renew(*, copy: CertificateCopy, password: str) -> Certificate:
    """갱신: a new key and certificate with the same subject, valid one year from the old
    expiry; the old one is superseded, and the new one replaces it on this medium."""
    old = copy.certificate
    if problem := renewal_problem(old):
        raise Refused(problem)
    _open(copy, password, Action.RENEW)
    prepared = certificate_prepare(
        customer=old.customer, cert_type=old.cert_type, password=password, renews=old
    )
    with transaction.atomic():
        if Certificate.objects.filter(pk=old.pk, revoked_at__isnull=False).exists():
            raise Refused(messages.RENEW_REVOKED)  # renewed a moment ago elsewhere
        issued: IssuedCertificate = certificate_store(prepared=prepared, replaces=old)
        CertificateCopy.objects.filter(pk=copy.pk).delete()
        certificate_copy_save(issued=issued, medium=copy.medium)
        new = issued.certificate
        center_record(old.customer_id, Action.RENEW, messages.renewed(new.serial, new.not_after))
    certificate_publish(issued=issued)
    return new
