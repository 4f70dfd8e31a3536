"""The virtual phone's forms: the ARS keypad and the banking app's PIN pad."""

from django import forms
from django.utils.translation import gettext_lazy as _

from issuance.fields import digits_field


class ArsKeypadForm(forms.Form):
    digits = digits_field(
        2, label=_("화면에 표시된 번호 2자리"), message=_("번호는 숫자 2자리입니다."), secret=False
    )


class PushPinForm(forms.Form):
    pin = digits_field(6, label=_("인증 PIN 6자리"), message=_("PIN은 숫자 6자리입니다."))
