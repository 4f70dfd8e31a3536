"""Form fields the areas share, and their places in a layout (the secret fields come
from ``portal.secret_fields``, below every app)."""

import re

from crispy_forms.layout import Fieldset
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import BankAccount
from portal.layouts import Field, Group, Include
from portal.secret_fields import digits_field

# The messages of the digit fields more than one area asks for.
ACCOUNT_PIN_DIGITS = _("계좌비밀번호는 숫자 4자리입니다.")
SECURITY_CARD_DIGITS = _("보안카드 번호는 숫자 2자리입니다.")


def security_card_fields(slots: tuple[int, int]) -> dict[str, forms.CharField]:
    """보안카드: the first two digits of one slot and the last two of another."""
    slot_a, slot_b = slots
    return {
        "card_first_two": digits_field(
            2,
            label=_("보안카드 [%(n)02d]번 앞 2자리") % {"n": slot_a},
            message=SECURITY_CARD_DIGITS,
        ),
        "card_last_two": digits_field(
            2,
            label=_("보안카드 [%(n)02d]번 뒤 2자리") % {"n": slot_b},
            message=SECURITY_CARD_DIGITS,
        ),
    }


def bank_fieldset(legend, *fields) -> Fieldset:
    """A titled group of a bank form's layout (출금 정보, 입금 정보)."""
    return Fieldset(legend, *fields, template="partials/bank_fieldset.html")


# The 보안카드 box of a layout: the card drawn beside its two fields (form.slots).
SECURITY_CARD = Group(
    Field("card_first_two", wrapper_class="field-card"),
    Field("card_last_two", wrapper_class="field-card"),
    template="partials/security_card_box.html",
)


def install_method_field() -> forms.TypedChoiceField:
    """통합설치 or only the required programs (the flow's step and the 보안프로그램 설치 page)."""
    return forms.TypedChoiceField(
        label=_("설치 방법"),
        choices=[("1", _("통합설치 (권장)")), ("0", _("필수 프로그램만 설치"))],
        coerce=lambda v: v == "1",
        initial="1",
        widget=forms.RadioSelect,
    )


WHOLE_RRN = re.compile(r"^\s*([0-9]{6})\s*-?\s*([0-9]{7})\s*\Z")


# Where a form with RrnFieldsMixin lays out the pair (the two boxes side by side).
RRN_PAIR = Include("partials/rrn_fields.html")


class RrnFieldsMixin(forms.Form):
    """주민등록번호 (or a foreign resident's 외국인등록번호) as the bank asks for it: 6 digits,
    then 7 digits masked. The whole number typed or pasted into the first box
    (``850315-1234567``) fills both, here as in the browser (static/js/rrn.js)."""

    rrn_front = forms.CharField(
        label=_("주민등록번호 앞자리"),
        max_length=14,  # room for the whole number, which is split below
        validators=[RegexValidator(r"^[0-9]{6}\Z", _("앞자리는 숫자 6자리입니다."))],
        error_messages={
            "required": _("앞자리는 숫자 6자리입니다."),
            "max_length": _("앞자리는 숫자 6자리입니다."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )
    rrn_back = digits_field(
        7, label=_("주민등록번호 뒷자리"), message=_("뒷자리는 숫자 7자리입니다."), size=7
    )

    def __init__(self, data=None, *args, **kwargs):
        whole = data is not None and WHOLE_RRN.match(data.get("rrn_front") or "")
        if whole and not data.get("rrn_back"):
            data = data.copy()
            data["rrn_front"], data["rrn_back"] = whole.group(1), whole.group(2)
        super().__init__(data, *args, **kwargs)

    @property
    def rrn(self) -> str:
        return self.cleaned_data["rrn_front"] + self.cleaned_data["rrn_back"]


class _AccountChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, with_balance: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_balance = with_balance

    def label_from_instance(self, obj):
        label = f"{obj.number} {obj.product_name}"
        if not self.with_balance:
            return label
        balance = gettext("%(amount)s원") % {"amount": f"{obj.balance:,}"}
        return f"{label} ({balance})"


def account_field(*, with_balance: bool = False) -> forms.ModelChoiceField:
    """출금계좌: one of the customer's accounts (the form sets the queryset)."""
    return _AccountChoiceField(
        label=_("출금계좌"),
        queryset=BankAccount.objects.none(),
        empty_label=_("계좌를 선택하세요"),
        with_balance=with_balance,
        error_messages={
            "required": _("출금계좌를 선택하세요."),
            "invalid_choice": _("본인 명의의 계좌를 선택하세요."),
        },
    )


class CloudIdentityForm(forms.Form):
    """Who a 금융인증서 cloud belongs to (이름 + 휴대폰번호 + 생년월일): the issuance's
    클라우드 연결 and a new device's connection ask the same."""

    name = forms.CharField(
        label=_("이름"), max_length=40, error_messages={"required": _("이름을 입력하세요.")}
    )
    phone = forms.CharField(
        label=_("휴대폰번호"),
        max_length=13,
        widget=forms.TextInput(attrs={"inputmode": "tel", "placeholder": "010-1234-5678"}),
        error_messages={"required": _("휴대폰번호를 입력하세요.")},
    )
    birth = forms.DateField(
        label=_("생년월일"),
        input_formats=["%Y%m%d", "%Y-%m-%d"],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "19800101"}),
        error_messages={
            "required": _("생년월일 8자리를 입력하세요 (예: 19800101)."),
            "invalid": _("생년월일 8자리를 입력하세요 (예: 19800101)."),
        },
    )
