"""Forms of the internet-banking pages."""

from crispy_forms.layout import Div
from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.models import Customer
from portal.layouts import form_helper
from portal.secret_fields import digits_field, secret_text_field


class LoginForm(forms.Form):
    """사용자 ID + 비밀번호, with the failure count shown (N/5회) and the lock."""

    user_id = forms.CharField(
        label=_("사용자 ID"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = secret_text_field(_("비밀번호"), autocomplete="current-password", max_length=128)

    error_messages = {
        # One message for an unknown ID and a wrong password: the page must not tell which.
        "wrong_password": _(
            "사용자 ID 또는 비밀번호가 올바르지 않습니다 (%(failures)d/%(threshold)d회). "
            "%(threshold)d회 틀리면 로그인이 잠깁니다."
        ),
        "locked": _(
            "비밀번호를 %(threshold)d회 잘못 입력하여 로그인이 잠겼습니다. "
            "영업점 또는 관리자에게 오류 해제를 요청하세요."
        ),
        "inactive": _("사용이 중지된 사용자 ID입니다."),
        "not_member": _(
            "인터넷뱅킹에 가입하지 않은 고객입니다. 인터넷뱅킹에 먼저 가입한 뒤 로그인하세요."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.customer = None
        super().__init__(*args, **kwargs)
        self.helper = form_helper("user_id", "password", required_mark=True)

    def clean(self):
        cleaned = super().clean()
        user_id, password = cleaned.get("user_id"), cleaned.get("password")
        if not user_id or not password:
            return cleaned
        known = Customer.objects.filter(user_id=user_id).first()
        if known is None:
            self._unknown_user(user_id, password)
        self.customer = authenticate(self.request, username=user_id, password=password)
        if self.customer is not None:
            if not self.may_log_in(self.customer):
                self.customer = None
                raise forms.ValidationError(self.error_messages["not_member"], code="not_member")
            return cleaned
        known.refresh_from_db()
        params = {"failures": known.failure_count, "threshold": known.lock_threshold}
        if known.is_locked:
            raise forms.ValidationError(self.error_messages["locked"], code="locked", params=params)
        if not known.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        raise forms.ValidationError(
            self.error_messages["wrong_password"], code="wrong_password", params=params
        )

    def may_log_in(self, customer) -> bool:
        """Who this login lets in once the password is right (the trainer's adds 보조강사)."""
        return customer.is_member_or_staff

    def _unknown_user(self, user_id: str, password: str):
        """Answered exactly as a wrong password would be, and counted the same (per client)."""
        authenticate(self.request, username=user_id, password=password)  # the same time spent
        threshold = Customer(user_id=user_id).lock_threshold
        counted = None
        if self.request is not None:
            client = throttle.client_of(self.request)
            counted = throttle.attempt_failed(client, "login", threshold, detail=user_id)
        failures = counted.failures if counted else 1
        params = {"failures": min(max(failures, 1), threshold), "threshold": threshold}
        if counted is not None and counted.locked:
            raise forms.ValidationError(self.error_messages["locked"], code="locked", params=params)
        raise forms.ValidationError(
            self.error_messages["wrong_password"], code="wrong_password", params=params
        )


class InternetBankingJoinForm(forms.Form):
    """인터넷뱅킹 가입: who you are (이름 + 주민등록번호) and an account of yours with its PIN."""

    name = forms.CharField(label=_("이름"), max_length=40)
    rrn_front = forms.RegexField(
        label=_("주민등록번호 앞자리"),
        help_text=_("외국인은 외국인등록번호를 입력하세요."),
        regex=r"^[0-9]{6}\Z",
        error_messages={"invalid": _("앞자리는 숫자 6자리입니다.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    rrn_back = digits_field(
        7, label=_("주민등록번호 뒷자리"), message=_("뒷자리는 숫자 7자리입니다.")
    )
    account_number = forms.RegexField(
        label=_("계좌번호"),
        regex=r"^[0-9]{6}-[0-9]{2}-[0-9]{6}\Z",
        error_messages={"invalid": _("계좌번호는 123456-01-234567 형식입니다.")},
        widget=forms.TextInput(attrs={"placeholder": "123456-01-234567"}),
    )
    pin = digits_field(4, label=_("계좌비밀번호"), message=_("계좌비밀번호는 숫자 4자리입니다."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        half = "col-sm-6"
        self.helper = form_helper(
            "name",
            Div(
                Div("rrn_front", css_class=half),
                Div("rrn_back", css_class=half),
                css_class="row g-2",
            ),
            "account_number",
            "pin",
        )

    @property
    def rrn(self) -> str:
        return self.cleaned_data["rrn_front"] + self.cleaned_data["rrn_back"]
