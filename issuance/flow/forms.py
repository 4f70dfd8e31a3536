"""The issuance flow's forms: Korean labels, errors beside the fields, each laid out by
its ``helper`` (``{% crispy form %}``, portal.layouts)."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import RegisteredPhone
from issuance.choices import drive_choices
from issuance.fields import (
    ACCOUNT_PIN_DIGITS,
    RRN_PAIR,
    SECURITY_CARD,
    CloudIdentityForm,
    RrnFieldsMixin,
    account_field,
    bank_fieldset,
    install_method_field,
    security_card_fields,
)
from issuance.flow import messages, services
from issuance.models import CertificateType, StorageMedium
from portal.layouts import Field, Group, Include, form_helper
from portal.refusals import Refused, refuse
from portal.secret_fields import digits_field, secret_text_field


class InstallForm(forms.Form):
    full = install_method_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("full", required_mark=True)


class IdentifyForm(RrnFieldsMixin):
    user_id = forms.CharField(
        label=_("사용자 ID"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    field_order = ["user_id", "rrn_front", "rrn_back"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field("user_id", wrapper_class="field-narrow"), RRN_PAIR)


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

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client  # who asks: the misses are counted per client
        self.found: str | None = None
        self.helper = form_helper(
            Field("name", wrapper_class="field-narrow"),
            RRN_PAIR,
            Field("account_number", wrapper_class="field-narrow"),
        )

    def clean(self):
        """The look-up itself (``services.user_id_lookup``), as AuthenticationForm logs in."""
        cleaned = super().clean()
        if not self.errors:
            try:
                self.found = services.user_id_lookup(
                    client=self.client,
                    name=cleaned["name"],
                    rrn=self.rrn,
                    account_number=cleaned["account_number"],
                )
            except Refused as refused:
                refuse(self, refused)
        return cleaned


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
        # The terms and the certificate types are drawn as the page draws them (its partials).
        self.helper = form_helper(
            Include("issuance/flow/terms.html#terms"),
            Field("cert_type", template="issuance/flow/terms.html#cert-types"),
        )

    @property
    def terms_errors(self) -> list:
        """The terms' one message (the same for each), once."""
        return next(
            (list(self.errors[name])[:1] for name, _label in TERMS if name in self.errors), []
        )


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
        return f"{obj.get_label_display()} {obj.masked}"


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
        self.helper = form_helper("phone", required_mark=True)


class MediumForm(forms.Form):
    account = account_field()
    pin = digits_field(4, label=_("계좌비밀번호"), message=ACCOUNT_PIN_DIGITS)

    def __init__(self, *args, customer, slots: tuple[int, int] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = customer.accounts.all()
        self.slots = slots
        if slots:
            self.fields.update(security_card_fields(slots))
        self.helper = form_helper(
            bank_fieldset(
                _("출금계좌 정보"),
                Field("account", wrapper_class="field-wide"),
                Field("pin", wrapper_class="field-pin"),
                Include("issuance/flow/medium.html#account-note"),
            ),
            SECURITY_CARD if slots else Include("issuance/flow/medium.html#no-card"),
        )


class StorageForm(forms.Form):
    """저장 위치 and the new certificate password; ``rules_url``: where the password is
    checked against the rules while it is typed (htmx)."""

    medium = forms.ChoiceField(
        label=_("저장 위치"),
        choices=drive_choices,
        initial=StorageMedium.HARD_DISK,
        widget=forms.RadioSelect,
        error_messages={"required": _("저장 위치를 선택하세요.")},
    )
    password = secret_text_field(_("인증서 암호"), autocomplete="new-password")
    password_confirm = secret_text_field(_("인증서 암호 확인"), autocomplete="new-password")

    def __init__(self, *args, rules_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        live = {
            "hx_post": rules_url,
            "hx_trigger": "input changed delay:250ms",
            "hx_target": "#password-rules",
            "hx_swap": "outerHTML",
            # the keyboard's characters, or the keypad's token and positions
            "hx_include": "[name=password], [name=password_keypad], [name=password_keys]",
            "hx_sync": "this:replace",
        }
        self.helper = form_helper(
            Field("medium", template="issuance/flow/storage.html#medium-choice"),
            Group(
                Field("password", describedby="password-rules", **(live if rules_url else {})),
                "password_confirm",
                template="issuance/flow/storage.html#password-area",
            ),
        )


class Pkcs12Form(forms.Form):
    password = secret_text_field(_("인증서 암호"), autocomplete="current-password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("password")


# --- 금융인증서 ------------------------------------------------------------------------------

FINANCE_TERMS = (
    ("finance_service", _("금융결제원 금융인증서비스 이용약관")),
    ("third_party", _("개인정보 제3자 제공 동의 (금융결제원)")),
)
FINANCE_PIN_DIGITS = _("금융인증서 비밀번호는 숫자 6자리입니다.")


class FinanceTermsForm(forms.Form):
    """금융인증서's two required agreements."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in FINANCE_TERMS:
            self.fields[name] = forms.BooleanField(
                label=_("[필수] %(term)s에 동의합니다") % {"term": label},
                required=True,
                error_messages={"required": messages.FINANCE_TERMS_REQUIRED},
            )
        self.helper = form_helper(*(name for name, _label in FINANCE_TERMS))


class CloudForm(CloudIdentityForm):
    """클라우드 연결: who the cloud belongs to (the message goes to the number typed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("name", "phone", "birth", required_mark=True)


class FinancePinForm(forms.Form):
    """The 금융인증서's 6-digit PIN, twice, on the 보안 키패드."""

    pin = digits_field(6, label=_("금융인증서 비밀번호 (숫자 6자리)"), message=FINANCE_PIN_DIGITS)
    pin_confirm = digits_field(6, label=_("비밀번호 확인"), message=FINANCE_PIN_DIGITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("pin", "pin_confirm", required_mark=True)
