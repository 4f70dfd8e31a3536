"""Form fields the areas share."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


def digits_field(n: int, *, label, what: str, secret: bool = True, **attrs) -> forms.CharField:
    """Exactly ``n`` digits, typed on a number pad; masked unless ``secret`` is False.

    ``what`` carries its own particle for the message ("PIN은 숫자 6자리입니다.").
    """
    widget = forms.PasswordInput if secret else forms.TextInput
    message = _("%(what)s 숫자 %(n)d자리입니다.") % {"what": what, "n": n}
    return forms.CharField(
        label=label,
        error_messages={"required": message},
        min_length=n,
        max_length=n,
        validators=[RegexValidator(rf"^\d{{{n}}}$", message)],
        widget=widget(attrs={"inputmode": "numeric", "autocomplete": "off", **attrs}),
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
