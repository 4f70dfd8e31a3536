from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.layouts import Field, form_helper
from portal.secret_fields import digits_field


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
    language = forms.ChoiceField(
        label=_("화면 언어"),
        choices=settings.LANGUAGES,  # each language named in itself: 한국어, English
        widget=forms.RadioSelect,
        required=False,  # not given (a script): the class's default language
        help_text=_("연습 화면의 언어입니다. 나중에 화면 위쪽에서 바꿀 수 있습니다."),
        error_messages={"invalid_choice": _("목록에 있는 언어를 고르세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("code", wrapper_class="join-code-field"),
            "display_name",
            Field("language", template="classroom/learner/join.html#language"),
        )


class ResumeForm(forms.Form):
    """집에서 이어 하기: the card's code (its QR code fills it in) and its 4-digit number."""

    code = forms.CharField(
        label=_("카드 코드"),
        max_length=16,
        help_text=_("이어 하기 카드에 적힌 8자리 코드"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("카드 코드를 입력하세요.")},
    )
    number = digits_field(
        4, label=_("카드 번호 (숫자 4자리)"), message=_("카드 번호는 숫자 4자리입니다.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("code", "number", required_mark=True)
