"""The admin's forms for customers and media: secrets typed in the admin are set
through the models (주민등록번호 encrypted + hashed, PINs hashed), never stored as typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import rrn
from accounts.models import (
    BankAccount,
    Customer,
    MobileAuthenticator,
    SecurityCard,
    pin4_validator,
    pin6_validator,
    rrn_lookup_hash,
)


class CustomerCreationForm(forms.ModelForm):
    rrn = forms.CharField(
        label=_("주민등록번호"), required=False, help_text=_("예: 800101-1234567 (직원은 비워 둠)")
    )
    password1 = forms.CharField(label=_("비밀번호"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = Customer
        fields = ("user_id", "name", "name_en", "internet_banking_joined_on")

    def clean_rrn(self):
        value = self.cleaned_data["rrn"]
        if not value:
            return ""
        rrn13 = rrn.validate(value)
        if Customer.objects.filter(rrn_hash=rrn_lookup_hash(rrn13)).exists():
            raise ValidationError(_("이미 등록된 주민등록번호입니다."))
        return rrn13

    def save(self, commit=True):
        customer = super().save(commit=False)
        customer.set_password(self.cleaned_data["password1"])
        if self.cleaned_data["rrn"]:
            customer.set_rrn(self.cleaned_data["rrn"])
        if commit:
            customer.save()
        return customer


class CustomerChangeForm(forms.ModelForm):
    new_rrn = forms.CharField(
        label=_("주민등록번호 변경"), required=False, help_text=_("바꿀 때만 13자리를 입력하세요.")
    )

    class Meta:
        model = Customer
        fields = "__all__"

    def clean_new_rrn(self):
        value = self.cleaned_data["new_rrn"]
        if not value:
            return ""
        rrn13 = rrn.validate(value)
        if (
            Customer.objects.filter(rrn_hash=rrn_lookup_hash(rrn13))
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(_("이미 등록된 주민등록번호입니다."))
        return rrn13

    def save(self, commit=True):
        customer = super().save(commit=False)
        if self.cleaned_data.get("new_rrn"):
            customer.set_rrn(self.cleaned_data["new_rrn"])
        if commit:
            customer.save()
            self.save_m2m()
        return customer


class AccountAdminForm(forms.ModelForm):
    new_pin = forms.CharField(
        label=_("계좌비밀번호 설정"),
        required=False,
        validators=[pin4_validator],
        widget=forms.PasswordInput,
        help_text=_("숫자 4자리. 바꿀 때만 입력하세요."),
    )

    class Meta:
        model = BankAccount
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pin_hash and not cleaned.get("new_pin"):
            self.add_error("new_pin", _("새 계좌에는 계좌비밀번호가 필요합니다."))
        return cleaned

    def save(self, commit=True):
        account = super().save(commit=False)
        if self.cleaned_data.get("new_pin"):
            account.set_pin(self.cleaned_data["new_pin"])
        if commit:
            account.save()
        return account


class SecurityCardAdminForm(forms.ModelForm):
    class Meta:
        model = SecurityCard
        fields = "__all__"

    def save(self, commit=True):
        card = super().save(commit=False)
        if not card.codes_encrypted:
            card.set_codes(SecurityCard.generate_codes())
        if commit:
            card.save()
        return card


class MobileAuthenticatorAdminForm(forms.ModelForm):
    new_pin = forms.CharField(
        label=_("앱 PIN 설정"),
        required=False,
        validators=[pin6_validator],
        widget=forms.PasswordInput,
        help_text=_("숫자 6자리. 바꿀 때만 입력하세요."),
    )

    class Meta:
        model = MobileAuthenticator
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pin_hash and not cleaned.get("new_pin"):
            self.add_error("new_pin", _("새 앱에는 PIN이 필요합니다."))
        return cleaned

    def save(self, commit=True):
        app = super().save(commit=False)
        if self.cleaned_data.get("new_pin"):
            app.set_pin(self.cleaned_data["new_pin"])
        if commit:
            app.save()
        return app
