"""스마트폰 인증서 복사: PC → 스마트폰 and 스마트폰 → PC, the real two-device ritual.

1. The device that will receive the certificate asks for a 인증번호 and shows its
   12 digits for three minutes (``copy_receive_start``);
2. on the other device the learner chooses the certificate, types the 인증번호 and
   the certificate password (``copy_send``): a wrong number (N/5, then the number
   is void), a number whose time is up, and a wrong password (counted on the copy,
   N/5) each refuse with their own message;
3. the same ``signPri.key`` appears on the receiving device, with the same password.
"""

from django.db import transaction

from issuance.ca.exports import copy_duplicate
from issuance.ca.keystores import copy_open, medium_rules
from issuance.center import messages
from issuance.center.requests import code_check, code_request_open, finish
from issuance.center.services import Action, center_record
from issuance.choices import media_where
from issuance.models import CertificateCopy, CertificateStatus, Device, PhoneRequest
from portal.refusals import Refused

Kind = PhoneRequest.Kind
State = PhoneRequest.State
# Where a copy may come from and go to, on each device (``MEDIA``: copyable).
PC_MEDIA = media_where(device=Device.PC, copyable=True)
(PHONE_MEDIUM,) = media_where(device=Device.PHONE, copyable=True)
SOURCE_DEVICE = {Kind.COPY_TO_PHONE: Device.PC, Kind.COPY_TO_PC: Device.PHONE}


def direction_label(kind: str) -> str:
    return str(Kind(kind).label)


def copy_receive_start(request, *, customer_id: int, kind: str, medium: str = "") -> PhoneRequest:
    """The receiving device asks for a 인증번호 (kept in its session to show)."""
    if kind == Kind.COPY_TO_PHONE:
        medium = PHONE_MEDIUM
    elif medium not in PC_MEDIA:
        raise Refused(messages.COPY_CHOOSE_MEDIUM, field="medium")
    return code_request_open(request, customer_id=customer_id, kind=kind, medium=medium)


def latest_code_request(customer_ids, kind: str) -> PhoneRequest | None:
    """The newest request of ``kind`` still waiting, even if its time is up (the sender
    is told so)."""
    return (
        PhoneRequest.objects.filter(customer_id__in=customer_ids, kind=kind, state=State.WAITING)
        .order_by("-created_at", "-id")
        .first()
    )


def copy_send(
    *, customer_ids, kind: str, copy: CertificateCopy, code: str, password: str
) -> CertificateCopy:
    """The sending device: the 인증번호, then the certificate password; the copy appears
    on the receiving device. ``Refused`` says which field is wrong."""
    certificate = copy.certificate
    if (
        copy.device != SOURCE_DEVICE[kind]
        or not medium_rules(copy).copyable
        or certificate.customer_id not in customer_ids
    ):
        raise Refused(messages.COPY_NO_CERTIFICATE, field="copy")
    if certificate.status != CertificateStatus.VALID:
        raise Refused(messages.COPY_NOT_VALID, field="copy")
    phone_request = latest_code_request(customer_ids, kind)
    if phone_request is None:
        raise Refused(messages.COPY_NO_CODE, field="code")
    try:
        code_check(phone_request, code)
    except Refused as refused:
        center_record(certificate.customer_id, Action.COPY, refused.message, ok=False)
        raise
    try:
        copy_open(copy, password)
    except Refused as refused:  # beside the password, counted on the copy
        center_record(certificate.customer_id, Action.COPY, refused.message, ok=False)
        raise
    with transaction.atomic():
        if not finish(phone_request, State.DONE):
            raise Refused(messages.COPY_CODE_GONE, field="code")
        duplicate = copy_duplicate(copy, phone_request.medium)
        center_record(certificate.customer_id, Action.COPY, messages.copied(direction_label(kind)))
    return duplicate
