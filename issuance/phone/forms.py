"""The virtual phone's forms: the ARS keypad and the banking app's PIN pad."""

from django import forms
from django.utils.translation import gettext_lazy as _

from issuance.fields import digits_field


class ArsKeypadForm(forms.Form):
    digits = digits_field(2, label=_("화면에 표시된 번호 2자리"), what="번호는", secret=False)


class PushPinForm(forms.Form):
    pin = digits_field(6, label=_("인증 PIN 6자리"), what="PIN은")
