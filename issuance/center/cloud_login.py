"""The 금융인증서 window (인증서 로그인 → 금융인증서): a device connects to its holder's
cloud (이름 + 휴대폰번호 + 생년월일, then the 2 digits sent back by SMS from that phone),
then the holder picks the certificate and types the PIN.

Finding a cloud by what anyone could type is counted per client (``throttle``: N/5,
then the client waits), as 아이디 조회 is; the SMS is counted on the customer.
"""

from django.conf import settings

from accounts import throttle
from accounts.models import Customer
from accounts.rrn import birth_date
from issuance.ca import cloud
from issuance.center import messages, requests
from issuance.models import PhoneRequest
from portal.refusals import Refused

THROTTLE_KIND = "cloud-connect"


def cloud_find(*, client: throttle.Client, name: str, phone: str, birth) -> Customer:
    """The customer whose cloud these details open, or ``Refused`` (counted per client)."""
    threshold = settings.LOCK_THRESHOLDS["cloud_sms"]
    if throttle.attempts(client, THROTTLE_KIND, threshold).locked:
        raise Refused(messages.cloud_not_found(threshold, threshold))
    number = cloud.phone_normalize(phone)
    candidates = Customer.objects.filter(
        name=name.strip(), phones__number=number, is_active=True
    ).distinct()
    found = next((c for c in candidates if c.rrn and birth_date(c.rrn) == birth), None)
    if found is None or not _any(found):
        attempts = throttle.attempt_failed(client, THROTTLE_KIND, threshold)
        raise Refused(messages.cloud_not_found(attempts.failures, threshold))
    throttle.attempts_clear(client, THROTTLE_KIND)
    return found


def _any(customer: Customer) -> bool:
    """A cloud exists once a 금융인증서 was issued (locked, expired or revoked ones too)."""
    return cloud.cloud_copies([customer.pk]).exists()


def connect_sms_open(request, *, customer: Customer) -> PhoneRequest:
    """The message to the customer's phone; this page shows the 2 digits to send back."""
    return requests.code_request_open(
        request,
        customer_id=customer.pk,
        kind=PhoneRequest.Kind.CLOUD_SMS,
        digits=requests.SMS_DIGITS,
    )
