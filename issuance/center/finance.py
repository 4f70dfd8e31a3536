"""인증서 관리 → 금융인증서: what the holder does with the 금융인증서 in their cloud.

PIN 변경, 폐지 and 갱신 each need the 6-digit PIN, opened by the cloud key store
(``ca.keystores.copy_open``: counted N/5 on the copy; at the limit the certificate is
locked for good and only 재발급 helps). Each refuses with a message the page shows
beside its field (``Refused``) and leaves a ``CenterEvent`` on the learner's trail.
연결된 기기: the devices with 자동연결 to a customer's cloud, each one's 연결 해제.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Customer
from accounts.rrn import birth_date
from issuance.ca.cloud import cloud_copies
from issuance.ca.keystores import copy_open, copy_secret_change
from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import (
    certificate_copy_save,
    certificate_prepare,
    certificate_publish,
    certificate_store,
)
from issuance.center.services import center_record
from issuance.choices import KeyStoreName
from issuance.models import (
    CenterEvent,
    Certificate,
    CertificateCopy,
    CertificateStatus,
    CloudDevice,
    RevocationReason,
    StorageMedium,
)
from issuance.pki.pin_rules import pin_problems
from issuance.pki_messages import pin_problems_message
from issuance.transitions import WrongState
from portal.refusals import Refused

Action = CenterEvent.Action

PINS_DIFFER = _("새 비밀번호가 서로 다릅니다. 다시 확인하세요.")
SAME_PIN = _("새 비밀번호가 현재 비밀번호와 같습니다. 다른 비밀번호를 정하세요.")
PIN_CHANGED = _("금융인증서 비밀번호를 변경했습니다.")
NOT_VALID = _("유효한 금융인증서가 아닙니다 (폐지되었거나 만료된 인증서).")
ALREADY_REVOKED = _("이미 폐지된 금융인증서입니다.")
RENEW_REVOKED = _("폐지된 금융인증서는 갱신할 수 없습니다. 금융인증서를 새로 발급받으세요.")
RENEW_EXPIRED = _("만료된 금융인증서는 갱신할 수 없습니다. 금융인증서를 새로 발급받으세요.")
DEVICE_DISCONNECTED = _("선택한 기기의 금융인증서 자동연결을 해제했습니다.")
HERE_DISCONNECTED = _("이 브라우저의 금융인증서 연결을 끊었습니다.")


def locked_message() -> str:
    return gettext(
        "비밀번호 %(threshold)d회 오류로 잠긴 금융인증서입니다. 금융인증서를 재발급하세요."
    ) % {"threshold": settings.LOCK_THRESHOLDS["finance_pin"]}


def renew_too_early(window_opens) -> str:
    return gettext(
        "갱신 기간이 아닙니다 (만료 %(days)d일 전부터). %(day)s부터 갱신할 수 있습니다."
    ) % {
        "days": settings.FINANCE_RENEWAL_DAYS,
        "day": f"{timezone.localtime(window_opens):%Y-%m-%d}",
    }


def revoked(serial: str) -> str:
    return gettext("금융인증서를 폐지했습니다 (일련번호 %(serial)s)") % {"serial": serial}


def renewed(serial: str, not_after) -> str:
    return gettext("금융인증서를 갱신했습니다 (일련번호 %(serial)s, 만료일 %(day)s)") % {
        "serial": serial,
        "day": f"{timezone.localtime(not_after):%Y-%m-%d}",
    }


# --- What the page lists --------------------------------------------------------------


def finance_copies(customer_ids) -> list[CertificateCopy]:
    """The 금융인증서 in these customers' clouds (valid or not), newest first."""
    return list(cloud_copies(customer_ids)) if customer_ids else []


def finance_devices(customer_ids) -> list[CloudDevice]:
    """연결된 기기: the devices with 자동연결 to these customers' clouds."""
    rows = CloudDevice.objects.filter(customer_id__in=list(customer_ids))
    return list(rows.select_related("customer").order_by("-last_used_at"))


def customer_names(customer_ids) -> list[tuple[int, str]]:
    """(id, name) of these customers: whose cloud this browser is connected to."""
    rows = Customer.objects.filter(pk__in=list(customer_ids)).order_by("pk")
    return list(rows.values_list("pk", "name"))


def renewal_opens(certificate: Certificate):
    return certificate.not_after - timedelta(days=settings.FINANCE_RENEWAL_DAYS)


def finance_renewal_problem(certificate: Certificate, now=None) -> str | None:
    """Why the 금융인증서 cannot be renewed now, or None (from ``FINANCE_RENEWAL_DAYS``
    before its expiry until its expiry)."""
    now = now or timezone.now()
    if certificate.revoked_at is not None:
        return str(RENEW_REVOKED)
    if now > certificate.not_after:
        return str(RENEW_EXPIRED)
    if now < renewal_opens(certificate):
        return renew_too_early(renewal_opens(certificate))
    return None


# --- The PIN, counted -----------------------------------------------------------------


def _usable(copy: CertificateCopy) -> None:
    """A valid, unlocked 금융인증서 in the cloud, or ``Refused`` above the form."""
    if copy.medium != StorageMedium.CLOUD:
        raise ValueError("not a finance certificate copy")
    if copy.is_locked:
        raise Refused(locked_message(), code="locked")
    if copy.certificate.status != CertificateStatus.VALID:
        raise Refused(NOT_VALID, code="not_valid")


def _open(copy: CertificateCopy, pin: str, action: str, field: str):
    """The key, opened with the PIN (N/5 on the copy); a wrong one on the trail."""
    try:
        return copy_open(copy, pin)
    except Refused as refused:
        center_record(copy.certificate.customer_id, action, refused.message, ok=False)
        raise Refused(refused.message, field=field, code=refused.code) from None


# --- PIN 변경 ---------------------------------------------------------------------------


def finance_pin_change(*, copy: CertificateCopy, old: str, new: str, confirm: str) -> None:
    """The cloud key sealed again under ``new``: the old PIN no longer opens it."""
    _usable(copy)
    rrn = copy.certificate.customer.rrn
    if problems := pin_problems(new, birth=birth_date(rrn) if rrn else None):
        raise Refused(pin_problems_message(problems), field="new_pin")
    if new != confirm:
        raise Refused(PINS_DIFFER, field="new_pin_confirm")
    if new == old:
        raise Refused(SAME_PIN, field="new_pin")
    opened = _open(copy, old, Action.PASSWORD, "old_pin")
    with transaction.atomic():  # the change and its line on the trail, together
        copy_secret_change(copy, opened=opened, new=new)
        center_record(
            copy.certificate.customer_id, Action.PASSWORD, PIN_CHANGED, certificate=copy.certificate
        )


# --- 폐지 --------------------------------------------------------------------------------


def finance_revoke(*, copy: CertificateCopy, pin: str) -> Certificate:
    """폐지 with the PIN: the CRL and OCSP say revoked at once (``certificate_revoke``)."""
    certificate = copy.certificate
    if certificate.revoked_at is not None:
        raise Refused(ALREADY_REVOKED)
    _usable(copy)
    _open(copy, pin, Action.REVOKE, "pin")
    try:
        certificate_revoke(
            certificate=certificate,
            reason=RevocationReason.CESSATION_OF_OPERATION,
            then=lambda: center_record(
                certificate.customer_id,
                Action.REVOKE,
                revoked(certificate.serial),
                certificate=certificate,
            ),
        )
    except WrongState:
        raise Refused(ALREADY_REVOKED) from None
    return certificate


# --- 갱신 --------------------------------------------------------------------------------


def finance_renew(*, copy: CertificateCopy, pin: str) -> Certificate:
    """갱신 with the PIN: a new key, sealed under the same PIN in the cloud, and a
    certificate with the same subject for three more years from the old expiry; the old
    one is superseded and the new one takes its place in the cloud."""
    old = copy.certificate
    if problem := finance_renewal_problem(old):
        raise Refused(problem)
    _usable(copy)
    _open(copy, pin, Action.RENEW, "pin")
    prepared = certificate_prepare(  # the key pair: before any transaction
        customer=old.customer,
        cert_type=old.cert_type,
        password=pin,
        renews=old,
        store=KeyStoreName.CLOUD,
    )
    with transaction.atomic():
        if Certificate.objects.filter(pk=old.pk, revoked_at__isnull=False).exists():
            raise Refused(RENEW_REVOKED)  # renewed (or revoked) a moment ago elsewhere
        issued = certificate_store(prepared=prepared, replaces=old)
        CertificateCopy.objects.filter(pk=copy.pk).delete()
        certificate_copy_save(issued=issued, medium=StorageMedium.CLOUD)
        new = issued.certificate
        center_record(
            old.customer_id, Action.RENEW, renewed(new.serial, new.not_after), certificate=new
        )
    certificate_publish(issued=issued)
    return new


# --- 연결된 기기 ----------------------------------------------------------------------------


def device_disconnect(*, customer_ids, device_id: int) -> CloudDevice:
    """연결 해제 of one 자동연결 device, only one of these customers' own
    (``CloudDevice.DoesNotExist`` for any other: the view answers 404)."""
    device = CloudDevice.objects.get(pk=device_id, customer_id__in=list(customer_ids))
    CloudDevice.objects.filter(pk=device.pk).delete()
    return device
