"""The formats a customer's data is checked against (accounts/models.py's fields)."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

user_id_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{3,19}$",
    _("사용자 ID는 영문 소문자로 시작하는 4~20자의 영문 소문자·숫자·밑줄(_)입니다."),
)
phone_validator = RegexValidator(
    r"^0\d{1,2}-\d{3,4}-\d{4}$", _("전화번호는 010-1234-5678 형식으로 입력하세요.")
)
account_number_validator = RegexValidator(
    r"^\d{6}-\d{2}-\d{6}$", _("계좌번호는 123456-01-234567 형식입니다.")
)
pin4_validator = RegexValidator(r"^\d{4}$", _("비밀번호는 숫자 4자리입니다."))
pin6_validator = RegexValidator(r"^\d{6}$", _("PIN은 숫자 6자리입니다."))
