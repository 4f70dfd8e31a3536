"""주민등록번호 (resident registration number): normalising, validating, masking.

A 외국인등록번호 (a foreign resident's registration number) has the same shape, with
5–8 as its 7th digit (5/6 for those born in the 1900s, 7/8 since 2000): it is
accepted wherever a 주민등록번호 is, as banks do.

The portal only ever holds fictitious numbers. Validation checks the shape a real
number has (a real birth date, a known gender/century digit) but deliberately not
the legacy check digit: the personas' numbers are chosen to *fail* it, so none can
be a real person's (numbers issued since October 2020 no longer carry it either).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RRN_RE = re.compile(r"^([0-9]{6})-?([0-9]{7})\Z")  # ASCII digits only
CENTURY_BY_GENDER_DIGIT = {
    "9": 1800, "0": 1800,
    "1": 1900, "2": 1900, "5": 1900, "6": 1900,
    "3": 2000, "4": 2000, "7": 2000, "8": 2000,
}  # fmt: skip
CHECK_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def normalize(value: str) -> str:
    """``"800101-1234567"`` or ``"8001011234567"`` → ``"8001011234567"``."""
    match = RRN_RE.match((value or "").strip())
    if not match:
        raise ValidationError(_("주민등록번호는 숫자 13자리(앞 6자리, 뒤 7자리)로 입력하세요."))
    return match.group(1) + match.group(2)


def birth_date(rrn13: str) -> datetime.date | None:
    century = CENTURY_BY_GENDER_DIGIT.get(rrn13[6])
    if century is None:
        return None
    try:
        return datetime.date(century + int(rrn13[0:2]), int(rrn13[2:4]), int(rrn13[4:6]))
    except ValueError:
        return None


def validate(value: str) -> str:
    """Return the 13 digits of a well-formed number or raise a Korean ValidationError."""
    rrn13 = normalize(value)
    if birth_date(rrn13) is None:
        raise ValidationError(
            _("주민등록번호 앞자리(생년월일) 또는 뒷자리 첫 숫자가 올바르지 않습니다.")
        )
    return rrn13


def legacy_check_digit(rrn13: str) -> int:
    """The check digit numbers issued before October 2020 carry as their last digit."""
    total = sum(int(d) * w for d, w in zip(rrn13[:12], CHECK_WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def passes_legacy_checksum(rrn13: str) -> bool:
    return int(rrn13[12]) == legacy_check_digit(rrn13)


def mask(rrn13: str) -> str:
    """``"8001011234567"`` → ``"800101-1******"``: the only form pages ever show."""
    return f"{rrn13[:6]}-{rrn13[6]}******"


def is_foreign_registration_number(value: str) -> bool:
    """Whether a well-formed number is a 외국인등록번호 (its 7th digit 5–8)."""
    digits = "".join(ch for ch in value if ch in "0123456789")
    return len(digits) == 13 and digits[6] in "5678"
