from django import forms
from django.utils.translation import gettext_lazy as _


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("참여 코드"),
        max_length=12,
        help_text=_("강사 화면에 보이는 6자리 코드 (예: K7MPXA)"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("참여 코드를 입력하세요.")},
    )
    display_name = forms.CharField(
        label=_("이름 또는 자리 번호"),
        max_length=40,
        help_text=_("강사 화면에 이 이름으로 보입니다. 실제 이름이 아니어도 됩니다."),
        error_messages={"required": _("이름이나 자리 번호를 입력하세요.")},
    )
