"""Forms of the internet-banking pages."""

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from accounts.models import Customer


class LoginForm(forms.Form):
    """사용자 ID + 비밀번호, with the failure count shown (N/5회) and the lock."""

    user_id = forms.CharField(
        label=_("사용자 ID"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid": _("사용자 ID 또는 비밀번호가 올바르지 않습니다."),
        "wrong_password": _(
            "비밀번호가 올바르지 않습니다 (%(failures)d/%(threshold)d회). "
            "%(threshold)d회 틀리면 로그인이 잠깁니다."
        ),
        "locked": _(
            "비밀번호를 %(threshold)d회 잘못 입력하여 로그인이 잠겼습니다. "
            "영업점 또는 관리자에게 오류 해제를 요청하세요."
        ),
        "inactive": _("사용이 중지된 사용자 ID입니다."),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.customer = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        user_id, password = cleaned.get("user_id"), cleaned.get("password")
        if not user_id or not password:
            return cleaned
        self.customer = authenticate(self.request, username=user_id, password=password)
        if self.customer is not None:
            return cleaned
        known = Customer.objects.filter(user_id=user_id).first()
        if known is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        params = {"failures": known.failure_count, "threshold": known.lock_threshold}
        if known.is_locked:
            raise forms.ValidationError(self.error_messages["locked"], code="locked", params=params)
        if not known.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        raise forms.ValidationError(
            self.error_messages["wrong_password"], code="wrong_password", params=params
        )
