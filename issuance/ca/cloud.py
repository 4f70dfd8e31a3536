"""금융결제원's cloud, as the simulated CA runs it: who a cloud belongs to (이름 +
휴대폰번호 + 생년월일, then the SMS from that phone), the 금융인증서 it holds,  (the devices
connected to it with 자동연결 are the browser's side: ``issuance/devices.py``).

The issuance flow (클라우드 연결) and the centre (a new device's connection, 연결된
기기) both ask here: one cloud, whichever page leads to it.
"""

import datetime
import re
import secrets

from django.utils.translation import gettext_lazy as _

from accounts.models import Customer, RegisteredPhone
from accounts.rrn import birth_date
from issuance.models import (
    Certificate,
    CertificateCopy,
    CertificateType,
    StorageMedium,
)

PHONE_SHAPE = re.compile(r"^01[016789]-?\d{3,4}-?\d{4}$")
SMS_CODE_DIGITS = 2

NAME_DIFFERS = _("이름이 고객 정보와 다릅니다. 주민등록증(외국인등록증)에 적힌 이름을 입력하세요.")
BIRTH_DIFFERS = _("생년월일이 고객 정보와 다릅니다.")
PHONE_SHAPE_WRONG = _("휴대폰번호를 010-1234-5678 형식으로 입력하세요.")


def phone_normalize(number: str) -> str:
    """010-1234-5678 from 01012345678 or 010-1234-5678 ("" when it is not a mobile)."""
    number = number.strip()
    if not PHONE_SHAPE.match(number):
        return ""
    digits = number.replace("-", "")
    return f"{digits[:3]}-{digits[3:-4]}-{digits[-4:]}"


def phone_mask(number: str) -> str:
    head, _middle, tail = [*number.split("-"), "", ""][:3]
    return f"{head}-****-{tail}"


def identity_problems(
    customer: Customer, *, name: str, phone: str, birth: datetime.date
) -> dict[str, str]:
    """What the cloud's 본인확인 refuses, by field: a name or a birth date that is not the
    customer's, a number that is not a mobile number. A mobile number that is not the
    customer's is no problem here: the message goes to it, and never reaches the
    learner's phone (the branch the learner must notice)."""
    problems = {}
    if name.strip().replace(" ", "") != customer.name.replace(" ", ""):
        problems["name"] = str(NAME_DIFFERS)
    if customer.rrn and birth_date(customer.rrn) != birth:
        problems["birth"] = str(BIRTH_DIFFERS)
    if not phone_normalize(phone):
        problems["phone"] = str(PHONE_SHAPE_WRONG)
    return problems


def phone_is_customers(customer_id: int, number: str) -> bool:
    """Whether a message to ``number`` reaches this customer's (virtual) phone."""
    return RegisteredPhone.objects.filter(customer_id=customer_id, number=number).exists()


def new_sms_code() -> str:
    return f"{secrets.randbelow(90) + 10}"


# --- What the cloud holds ----------------------------------------------------------------


def cloud_copies(customer_ids):
    """The 금융인증서 in these customers' clouds (valid or not), newest first."""
    return (
        CertificateCopy.objects.filter(
            certificate__customer_id__in=list(customer_ids), medium=StorageMedium.CLOUD
        )
        .select_related("certificate", "certificate__customer", "certificate__issuer")
        .order_by("-certificate__issued_at")
    )


def current_finance_certificate(customer_id: int) -> Certificate | None:
    """The customer's valid 금융인증서 (one at most: a 재발급 revokes the one before)."""
    return (
        Certificate.objects.valid()
        .filter(customer_id=customer_id, cert_type=CertificateType.FINANCE)
        .first()
    )
