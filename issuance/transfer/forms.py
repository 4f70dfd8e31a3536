"""The forms of 계좌 이체."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import banking
from issuance.fields import (
    ACCOUNT_PIN_DIGITS,
    SECURITY_CARD,
    account_field,
    bank_fieldset,
    security_card_fields,
)
from issuance.transfer import messages
from portal.layouts import Field, Include, form_helper
from portal.secret_fields import digits_field

AMOUNT_MAX_DIGITS = 12
# What an amount may be typed with: 50,000 or 50 000 or 50,000원.
AMOUNT_NOISE = re.compile(r"[,\s원]")  # i18n: parses typed input, never shown


def memo_clean(memo: str) -> str:
    """A 통장 표시 as one line of the 전자서명 원문: another script's space is a space;
    a line break or any other control or format character is refused (a memo
    "1\\n이체금액: 1원" would forge a line of the signed text)."""
    memo = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in memo)
    if not memo.isprintable():
        raise ValidationError(messages.MEMO_CONTROL)
    return memo


class TransferForm(forms.Form):
    """이체 정보 입력: 출금계좌 + 계좌비밀번호, 입금은행 + 계좌번호, 금액, 통장 표시."""

    source = account_field(with_balance=True)
    pin = digits_field(4, label=_("계좌비밀번호"), message=ACCOUNT_PIN_DIGITS)
    target_bank = forms.ChoiceField(
        label=_("입금은행"),
        error_messages={
            "required": _("입금은행을 선택하세요."),
            "invalid_choice": _("목록에 있는 은행을 선택하세요."),
        },
    )
    target_number = forms.CharField(
        label=_("입금계좌번호"),
        max_length=20,
        help_text=_("'-' 없이 숫자만 입력해도 됩니다."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("입금계좌번호를 입력하세요.")},
    )
    amount = forms.CharField(
        label=_("이체금액(원)"),
        max_length=AMOUNT_MAX_DIGITS + 4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("이체금액을 입력하세요.")},
    )
    memo_in = forms.CharField(
        label=_("받는 분 통장 표시"),
        max_length=10,
        required=False,
        help_text=_("비워 두면 내 이름이 표시됩니다 (10자 이내)."),
        error_messages={"max_length": _("통장 표시는 10자 이내로 입력하세요.")},
    )
    memo_out = forms.CharField(
        label=_("내 통장 표시"),
        max_length=10,
        required=False,
        help_text=_("비워 두면 받는 분 이름이 표시됩니다 (10자 이내)."),
        error_messages={"max_length": _("통장 표시는 10자 이내로 입력하세요.")},
    )

    def __init__(self, *args, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = banking.customer_accounts(customer)
        self.fields["target_bank"].choices = banking.banks()
        wide = {"wrapper_class": "field-wide"}
        self.helper = form_helper(
            bank_fieldset(
                _("출금 정보"),
                Field("source", **wide),
                Field("pin", wrapper_class="field-pin"),
            ),
            bank_fieldset(
                _("입금 정보"),
                Field("target_bank", **wide),
                Field("target_number", **wide),
                Field("amount", **wide),
                Include("issuance/transfer/start.html#limits"),
                Field("memo_in", **wide),
                Field("memo_out", **wide),
            ),
        )

    def clean_target_number(self) -> str:
        number = self.cleaned_data["target_number"].strip()
        if not re.fullmatch(r"[0-9][0-9 -]*", number):
            raise ValidationError(_("계좌번호는 숫자와 '-'만 입력하세요."))
        return number

    def clean_memo_in(self) -> str:
        return memo_clean(self.cleaned_data["memo_in"])

    def clean_memo_out(self) -> str:
        return memo_clean(self.cleaned_data["memo_out"])

    def clean_amount(self) -> int:
        typed = AMOUNT_NOISE.sub("", self.cleaned_data["amount"])
        if not re.fullmatch(r"[0-9]+", typed) or len(typed) > AMOUNT_MAX_DIGITS:
            raise ValidationError(_("이체금액은 숫자로 입력하세요 (예: 50000 또는 50,000)."))
        amount = int(typed)
        if amount < 1:
            raise ValidationError(_("이체금액은 1원 이상입니다."))
        return amount


class SecurityCardForm(forms.Form):
    """보안카드: the first two digits of one slot and the last two of another."""

    def __init__(self, *args, slots: tuple[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        self.fields.update(security_card_fields(slots))
        self.helper = form_helper(SECURITY_CARD)
