"""The virtual phone's forms: the ARS keypad, the banking app's PIN pad, and the
centre's 인증서 내보내기 laid out for the phone. Each field stands on the phone's screen
as its helper says (a label above, the errors as one line below the input, the number
pad below them: widgets/number_pad.html, drawn by the widget)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from issuance.center.forms import CopySendForm
from portal.layouts import Field, form_helper
from portal.secret_fields import digits_field


def phone_helper(*fields):
    return form_helper(
        *fields, label_class="phone-label", errors_inline=True, wrapper_base="phone-field"
    )


class ArsKeypadForm(forms.Form):
    digits = digits_field(
        2,
        label=_("화면에 표시된 번호 2자리"),
        message=_("번호는 숫자 2자리입니다."),
        secret=False,
        keypad=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = phone_helper(Field("digits", css_class="keypad-display"))


class SmsReplyForm(forms.Form):
    """The 문자 app's reply box: the 2 digits the bank page shows, sent back."""

    digits = digits_field(
        2,
        label=_("답장 (화면에 표시된 숫자 2자리)"),
        message=_("숫자 2자리를 입력하세요."),
        secret=False,
        keypad=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = phone_helper(Field("digits", css_class="keypad-display"))


class PushPinForm(forms.Form):
    pin = digits_field(
        6, label=_("인증 PIN 6자리"), message=_("PIN은 숫자 6자리입니다."), keypad=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = phone_helper(Field("pin", css_class="keypad-display"))


class PhoneCopySendForm(CopySendForm):
    """인증서 내보내기 (스마트폰 → PC) on the phone: the centre's form, on the phone's screen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = phone_helper(
            Field("copy", template="issuance/phone/screens/copy-send.html#copies"),
            "code",
            "password",
        )
