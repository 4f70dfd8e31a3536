"""The issuance flow's forms (crispy-rendered, Korean labels, errors beside fields)."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import RegisteredPhone
from issuance.fields import (
    ACCOUNT_PIN_DIGITS,
    SECURITY_CARD_DIGITS,
    RrnFieldsMixin,
    account_field,
    digits_field,
    install_method_field,
)
from issuance.models import CertificateType, StorageMedium


class InstallForm(forms.Form):
    full = install_method_field()


class IdentifyForm(RrnFieldsMixin):
    user_id = forms.CharField(
        label=_("사용자 ID"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    field_order = ["user_id", "rrn_front", "rrn_back"]


class FindIdForm(RrnFieldsMixin):
    name = forms.CharField(label=_("이름"), max_length=40)
    account_number = forms.CharField(
        label=_("계좌번호"),
        max_length=16,
        validators=[
            RegexValidator(
                r"^[0-9]{6}-[0-9]{2}-[0-9]{6}\Z", _("계좌번호는 123456-01-234567 형식입니다.")
            )
        ],
        widget=forms.TextInput(attrs={"placeholder": "123456-01-234567"}),
    )
    field_order = ["name", "rrn_front", "rrn_back", "account_number"]


TERMS = (
    ("electronic_finance", _("전자금융거래 기본약관")),
    ("certificate_service", _("공동인증서비스 이용약관")),
    ("personal_info", _("개인(신용)정보 수집·이용 동의")),
    ("unique_id", _("고유식별정보 처리 동의")),
)
TERMS_REQUIRED = _("필수 약관에 모두 동의해야 다음 단계로 진행할 수 있습니다.")


class TermsForm(forms.Form):
    agree_all = forms.BooleanField(label=_("전체 동의"), required=False)
    cert_type = forms.ChoiceField(
        label=_("인증서 종류"),
        choices=[
            (CertificateType.BANK, _("은행·신용카드·보험용 (무료)")),
            (CertificateType.UNIVERSAL, _("전자거래범용 (4,400원, 부가세 포함)")),
        ],
        initial=CertificateType.BANK,
        widget=forms.RadioSelect,
        error_messages={"required": _("인증서 종류를 선택하세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in TERMS:
            self.fields[name] = forms.BooleanField(
                label=_("[필수] %(term)s에 동의합니다") % {"term": label},
                required=True,
                error_messages={"required": TERMS_REQUIRED},
            )
        self.order_fields(["agree_all", *(name for name, _label in TERMS), "cert_type"])


class _FetchedChoices(forms.models.ModelChoiceIterator):
    """The choices from the queryset's rows once fetched, not a second query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class PhoneChoiceField(forms.ModelChoiceField):
    iterator = _FetchedChoices

    def label_from_instance(self, obj):
        return f"{obj.label} {obj.masked}"


class ArsForm(forms.Form):
    phone = PhoneChoiceField(
        label=_("인증 받을 전화번호"),
        queryset=RegisteredPhone.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("전화번호를 선택하세요."),
            "invalid_choice": _("등록된 전화번호를 선택하세요."),
        },
    )

    def __init__(self, *args, customer, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["phone"]
        field.queryset = customer.phones.all()
        field.initial = next(iter(field.queryset), None)  # fetches the rows, once


class MediumForm(forms.Form):
    account = account_field()
    pin = digits_field(4, label=_("계좌비밀번호"), message=ACCOUNT_PIN_DIGITS)

    def __init__(self, *args, customer, slots: tuple[int, int] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = customer.accounts.all()
        self.slots = slots
        if slots:
            slot_a, slot_b = slots
            self.fields["card_first_two"] = digits_field(
                2,
                label=_("보안카드 [%(n)02d]번 앞 2자리") % {"n": slot_a},
                message=SECURITY_CARD_DIGITS,
            )
            self.fields["card_last_two"] = digits_field(
                2,
                label=_("보안카드 [%(n)02d]번 뒤 2자리") % {"n": slot_b},
                message=SECURITY_CARD_DIGITS,
            )


class StorageForm(forms.Form):
    medium = forms.ChoiceField(
        label=_("저장 위치"),
        choices=StorageMedium.choices,
        initial=StorageMedium.HARD_DISK,
        widget=forms.RadioSelect,
        error_messages={"required": _("저장 위치를 선택하세요.")},
    )
    password = forms.CharField(
        label=_("인증서 암호"),
        strip=False,
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("인증서 암호 확인"),
        strip=False,
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class Pkcs12Form(forms.Form):
    password = forms.CharField(
        label=_("인증서 암호"),
        strip=False,
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
