"""타기관 인증서 등록 (/cert/register/): a certificate another bank issued is used here
once its holder registered it, as at a real bank:

1. 사용자 ID + 주민등록번호 (N/5 on the customer's 사용자 확인 counter, shared with
   the issuance flow; an unknown ID counts on the client);
2. the certificate chosen in the 인증서 선택창 and its password: it signs a one-time
   challenge, checked like a login (OCSP, dates, VID against that customer);
3. an ARS call to the virtual phone, whose 2 digits the learner types there.

Then the registration is stored and the certificate logs in and signs here.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts import throttle
from accounts.banking import bank_name
from accounts.models import Customer
from accounts.services import check_record
from issuance.center import messages
from issuance.center.copying import PC_MEDIA
from issuance.center.requests import State, finish
from issuance.center.services import Action, center_record
from issuance.center.signing import electronic_sign
from issuance.models import (
    CertificateCopy,
    CertificateRegistration,
    PhoneRequest,
    StorageMedium,
)
from portal.refusals import Refused


def registration_identify(
    *, user_id: str, rrn: str, known: Customer | None, client: throttle.Client
) -> Customer:
    """The customer whose 사용자 ID and 주민등록번호 these are, or ``Refused``.
    A customer who is logged in may only identify as themselves."""
    threshold = settings.LOCK_THRESHOLDS["identify"]
    customer = Customer.objects.filter(user_id=user_id, is_active=True).first()
    if known is not None and (customer is None or customer.pk != known.pk):
        check_record(customer=known, kind="identify", passed=False, threshold=threshold)
        raise Refused(messages.identify_not_yourself(known.name), field="user_id")
    if customer is None:
        counted = throttle.attempt_failed(client, "identify", threshold)
        message = messages.identify_refused(
            counted.failures, threshold, counted.locked, by_client=True
        )
        raise Refused(message)
    result = check_record(
        customer=customer, kind="identify", passed=customer.rrn_matches(rrn), threshold=threshold
    )
    if not result.ok:
        message = messages.identify_refused(
            result.failures, result.threshold, result.locked, by_client=False
        )
        center_record(customer.pk, Action.REGISTER, message, ok=False)
        raise Refused(message)
    return customer


def registrable_copies(customer: Customer) -> list[CertificateCopy]:
    """The customer's copies on the PC that another bank issued and are not registered."""
    rows = (
        CertificateCopy.objects.filter(certificate__customer=customer, medium__in=PC_MEDIA)
        .exclude(certificate__bank_code=settings.BANK_CODE)
        .filter(certificate__registration__isnull=True)
        .select_related("certificate__customer", "certificate__issuer")
        .order_by("-certificate__issued_at")
    )
    return list(rows)


def registrable_cloud_copies(customer: Customer) -> list[CertificateCopy]:
    """The customer's 금융인증서 that another bank issued and that is not registered here:
    one certificate for every bank, registered, never issued again."""
    rows = (
        CertificateCopy.objects.filter(certificate__customer=customer, medium=StorageMedium.CLOUD)
        .exclude(certificate__bank_code=settings.BANK_CODE)
        .filter(certificate__registration__isnull=True)
        .select_related("certificate__customer", "certificate__issuer")
        .order_by("-certificate__issued_at")
    )
    return list(rows)


def registration_sign(
    *, customer: Customer, copy: CertificateCopy, password: str, challenge: bytes
) -> None:
    """The chosen certificate signs the challenge and passes every check, or
    ``Refused`` (beside the password, or above the dialog)."""
    certificate = copy.certificate
    if certificate.customer_id != customer.pk:
        raise Refused(messages.REGISTER_NOT_YOURS, field="copy")
    if certificate.issued_here:
        raise Refused(messages.REGISTER_ISSUED_HERE, field="copy")
    if CertificateRegistration.objects.filter(certificate=certificate).exists():
        raise Refused(messages.REGISTER_ALREADY, field="copy")
    try:
        electronic_sign(
            copy=copy,
            password=password,
            data=challenge,
            signed_check=gettext(
                "타기관 인증서 등록 확인값에 전자서명하고, 인증서의 공개키로 서명을 검증했습니다."
            ),
            expected=customer,
            registration_required=False,
        )
    except Refused as refused:
        center_record(customer.pk, Action.REGISTER, refused.message, ok=False)
        raise


def registration_finish(
    *, customer: Customer, copy: CertificateCopy, phone_request: PhoneRequest
) -> CertificateRegistration | None:
    """After the ARS call was answered right: the registration, once (None while the
    call is not answered; ``Refused`` when it failed)."""
    if phone_request.customer_id != customer.pk or phone_request.kind != PhoneRequest.Kind.ARS:
        raise Refused(messages.REGISTER_START_AGAIN)
    if phone_request.state == State.WAITING and not phone_request.is_expired:
        return None
    if phone_request.state != State.APPROVED:
        finish(phone_request, State.FAILED)
        raise Refused(messages.REGISTER_CALL_FAILED)
    certificate = copy.certificate
    try:
        with transaction.atomic():
            if not finish(phone_request, State.DONE, from_state=State.APPROVED):
                raise Refused(messages.REGISTER_START_AGAIN)
            registration = CertificateRegistration.objects.create(
                customer=customer, certificate=certificate
            )
            center_record(
                customer.pk,
                Action.REGISTER,
                messages.registered(certificate.serial, bank_name(certificate.bank_code)),
            )
    except IntegrityError:  # registered a moment ago in another tab
        raise Refused(messages.REGISTER_ALREADY) from None
    return registration
