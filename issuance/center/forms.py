"""The certificate centre's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from issuance.center.challenges import challenge_take
from issuance.center.login import LoginResult, certificate_login, new_challenge
from issuance.center.messages import CHALLENGE_REFUSED
from issuance.center.token import TOKEN_PIN_DIGITS
from issuance.choices import drive_choices
from issuance.fields import RRN_PAIR, CloudIdentityForm, RrnFieldsMixin, install_method_field
from issuance.models import CertificateCopy, CertificateStatus, StorageMedium
from portal.layouts import Field, form_helper
from portal.refusals import Refused, refuse
from portal.secret_fields import digits_field, secret_text_field


def _password(label, autocomplete="off") -> forms.CharField:
    """The certificate password (인증서 암호)."""
    required = {"required": _("인증서 암호를 입력하세요.")}
    return secret_text_field(label, autocomplete=autocomplete, error_messages=required)


class SecurityInstallForm(forms.Form):
    full = install_method_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("full", required_mark=True)


class RegisterIdentifyForm(RrnFieldsMixin):
    """타기관 인증서 등록, step 1: 사용자 ID and 주민등록번호."""

    user_id = forms.CharField(
        label=_("사용자 ID"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": _("사용자 ID를 입력하세요.")},
    )
    field_order = ["user_id", "rrn_front", "rrn_back"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("user_id", RRN_PAIR, required_mark=True)


class CopyToMediumForm(forms.Form):
    """인증서 복사 from the dialog: another medium of the same device, and the password."""

    medium = forms.ChoiceField(
        label=_("복사할 저장매체"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("복사할 저장매체를 선택하세요."),
            "invalid_choice": _("인증서가 있는 저장매체와 다른, 이 PC의 저장매체를 선택하세요."),
        },
    )
    password = _password(_("인증서 암호"))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medium"].choices = targets
        self.helper = form_helper("medium", "password", required_mark=True)


class TokenPinForm(forms.Form):
    """보안토큰 PIN in the dialog: typed once to open the token; twice the first time
    (``setting``), when it is chosen."""

    pin = digits_field(
        TOKEN_PIN_DIGITS, label=_("보안토큰 PIN"), message=_("보안토큰 PIN은 숫자 8자리입니다.")
    )
    pin_confirm = digits_field(
        TOKEN_PIN_DIGITS,
        label=_("보안토큰 PIN 확인"),
        message=_("보안토큰 PIN은 숫자 8자리입니다."),
    )

    def __init__(self, *args, setting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not setting:
            del self.fields["pin_confirm"]
        self.helper = form_helper(*self.fields, required_mark=True)


class CopyChoiceForm(forms.Form):
    """Chooses one of the certificate copies on this browser's devices (``copies``,
    checked on the server: a copy posted from anywhere else is refused); the one
    usable (valid) certificate among them is chosen already."""

    def __init__(self, *args, copies, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["copy"]
        field.queryset = CertificateCopy.objects.filter(pk__in=[c.pk for c in copies])
        usable = [c for c in copies if c.certificate.status == CertificateStatus.VALID]
        if len(usable) == 1:
            field.initial = usable[0].pk


class CertificateChoiceForm(CopyChoiceForm):
    """The selection dialog: one certificate of the shown medium, and its password."""

    copy = forms.ModelChoiceField(
        label=_("인증서"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("사용할 인증서를 선택하세요."),
            "invalid_choice": _("이 저장매체에 있는 인증서를 선택하세요."),
        },
    )
    password = _password(_("인증서 암호"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The dialog every Korean user knows: its table of certificates, its password box.
        dialog = "issuance/center/_cert_dialog.html"
        self.helper = form_helper(
            Field("copy", template=f"{dialog}#copies"),
            Field("password", template=f"{dialog}#password"),
            errors_class="cert-dialog-alert",
        )


class CertificateLoginForm(CertificateChoiceForm):
    """인증서 로그인 in the selection dialog. Like Django's ``AuthenticationForm``, the
    form logs in: ``clean`` takes the one-time challenge signed into the page and runs
    ``certificate_login``; the result is ``self.result``, a refusal goes beside its
    field (``self.refusal``)."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.result: LoginResult | None = None
        self.refusal: Refused | None = None

    secret_field = "password"  # noqa: S105 - a field's name; the 금융인증서's is "pin"

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        token = self.data.get("challenge")
        challenge = challenge_take(token) if token else new_challenge()
        user = self.request.user
        try:
            if challenge is None:
                raise Refused(CHALLENGE_REFUSED, code="challenge")
            self.result = certificate_login(
                copy=cleaned["copy"],
                password=cleaned[self.secret_field],
                challenge=challenge,
                expected=user if user.is_authenticated else None,
            )
        except Refused as refused:
            self.refusal = refused
            refuse(self, refused)
        return cleaned


class CopyPasswordForm(forms.Form):
    """The certificate password, for 폐지, 갱신 and the .p12."""

    password = _password(_("인증서 암호"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("password")


class PasswordChangeForm(forms.Form):
    current_password = _password(_("현재 인증서 암호"), "current-password")
    new_password = _password(_("새 인증서 암호"), "new-password")
    new_password_confirm = _password(_("새 인증서 암호 확인"), "new-password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("current_password", "new_password", "new_password_confirm")


class ImportForm(forms.Form):
    upload = forms.FileField(
        label=_("인증서 파일 (NPKI 폴더 zip 또는 .p12)"),
        error_messages={
            "required": _("가져올 인증서 파일을 선택하세요."),
            "empty": _("빈 파일입니다."),
        },
    )
    password = _password(_("인증서 암호"))
    medium = forms.ChoiceField(
        label=_("저장할 곳"),
        choices=drive_choices,
        initial=StorageMedium.HARD_DISK,
        widget=forms.RadioSelect,
        error_messages={"required": _("저장할 곳을 선택하세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "upload",
            "password",
            Field("medium", template="issuance/center/manage.html#import-medium"),
        )


class CopySendForm(CopyChoiceForm):
    """스마트폰 인증서 복사, on the sending device: which certificate, the 인증번호 the
    receiving device shows, and the certificate password."""

    copy = forms.ModelChoiceField(
        label=_("보낼 인증서"),
        queryset=CertificateCopy.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("보낼 인증서를 선택하세요."),
            "invalid_choice": _("이 기기에 있는 인증서를 선택하세요."),
        },
    )
    code = forms.CharField(
        label=_("인증번호 12자리"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("인증번호 12자리를 입력하세요.")},
    )
    password = _password(_("인증서 암호"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("copy", template="issuance/center/copy_to_phone.html#copies"),
            Field("code", wrapper_class="field-wide"),
            Field("password", wrapper_class="field-wide"),
        )


FINANCE_CHOOSE = _("클라우드의 금융인증서를 선택하세요.")


def _finance_pin_field():
    return digits_field(
        6, label=_("금융인증서 비밀번호 (숫자 6자리)"), message=_("비밀번호는 숫자 6자리입니다.")
    )


def _finance_helper():
    return form_helper(
        Field("copy", template="issuance/center/_cert_dialog.html#copies"),
        "pin",
        errors_class="cert-dialog-alert",
    )


class FinanceChoiceForm(CopyChoiceForm):
    """The 금융인증서 window of a 전자서명: one certificate of the cloud, and its PIN."""

    copy = CertificateChoiceForm.base_fields["copy"]
    pin = _finance_pin_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy"].error_messages["invalid_choice"] = FINANCE_CHOOSE
        self.helper = _finance_helper()


class FinanceLoginForm(CertificateLoginForm):
    """인증서 로그인 with the 금융인증서: the cloud's certificates, and the 6-digit PIN on
    the 보안 키패드 (a wrong one is counted on the certificate: 5, then only 재발급)."""

    secret_field = "pin"  # noqa: S105 - a field's name
    password = None
    pin = digits_field(
        6, label=_("금융인증서 비밀번호 (숫자 6자리)"), message=_("비밀번호는 숫자 6자리입니다.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy"].error_messages["invalid_choice"] = _(
            "클라우드의 금융인증서를 선택하세요."
        )
        self.helper = form_helper(
            Field("copy", template="issuance/center/_cert_dialog.html#copies"),
            "pin",
            errors_class="cert-dialog-alert",
        )


class CloudConnectForm(CloudIdentityForm):
    """A new device's connection to the 금융인증서 cloud: who it belongs to."""

    auto = forms.BooleanField(label=_("이 기기에서 자동연결 (개인 기기에서만)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("name", "phone", "birth", "auto", required_mark=True)
