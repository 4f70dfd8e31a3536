"""The certificate centre's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from issuance.models import CertificateCopy


class CertificateLoginForm(forms.Form):
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
    password = forms.CharField(
        label=_("인증서 암호"),
        strip=False,
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("인증서 암호를 입력하세요.")},
    )

    def __init__(self, *args, copies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy"].queryset = CertificateCopy.objects.filter(pk__in=[c.pk for c in copies])
