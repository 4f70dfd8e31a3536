"""Secret fields: what a learner types that nobody may read over a shoulder or find in
the page afterwards (a PIN, 계좌비밀번호, 보안카드 digits, 주민등록번호 뒷자리, the
certificate password, the login password).

Every one of them is declared with ``SecretInput``, through ``digits_field`` or
``secret_text_field``, in whichever app asks for it: the widget lives below the apps
(the site shell imports none), so ``accounts`` and ``issuance`` share it. The widget
owns its rendering (``template_name``), so how a secret is typed can change in one
place: a masked input with the 보안 키패드 below it (portal/keypad.py), shuffled by the
server on every render; the learner turns it off with "보안키패드 사용" (the class
chooses the default) and then types on the keyboard. On the virtual phone the app's
PIN pad is always the keypad, as in a banking app. Its attributes say what it takes:
``data-secret`` the kind ("digits" or "letters"), ``data-digits`` how many digits.

Typed on the keypad, the form holds the positions clicked and the layout's token
(``<name>_keypad``, ``<name>_keys``), not the secret: ``SecretField`` decodes them
once, and refuses a replayed or tampered list with a message beside the field.

Like Django's ``PasswordInput``, a secret is never written back into the page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from portal.keypad import (
    KeypadEntry,
    KeypadRefused,
    entry_decode,
    entry_from,
    layout_new,
)

DIGITS = "digits"  # a number pad: PINs, 보안카드, 주민등록번호 뒷자리
LETTERS = "letters"  # a whole keyboard: passwords
KINDS = (DIGITS, LETTERS)


class _TypedInput:
    """What a typed input says about itself: its ``kind``, how many ``digits``, and
    whether the on-screen number pad (``keypad``) is drawn below it."""

    def __init__(self, attrs=None, *, kind, digits=None, keypad=False, **kwargs):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.kind, self.digits, self.keypad = kind, digits, keypad
        own = {"autocomplete": "off"}
        if kind == DIGITS:
            own["inputmode"] = "numeric"
        if digits:
            own["data-digits"] = str(digits)
        super().__init__({**own, **self.described(), **(attrs or {})}, **kwargs)

    def described(self) -> dict:
        return {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(kind=self.kind, digits=self.digits, keypad=self.keypad)
        return context


class SecretInput(_TypedInput, forms.PasswordInput):
    """A masked input, never given back (``render_value`` stays False), with the 보안
    키패드 below it: a new layout on every render. ``kind`` is "digits" (the number
    keypad, ``inputmode=numeric``) or "letters" (the QWERTY keypad); ``digits`` the
    count a digits field takes; ``keypad``: the keypad is always on, with no switch
    (the phone's PIN pad); ``secure_keypad`` False: none at all (a staff tool, not the
    bank: the trainer's login)."""

    template_name = "widgets/secret_input.html"

    def __init__(self, attrs=None, *, kind=LETTERS, digits=None, keypad=False, secure_keypad=True):
        super().__init__(attrs, kind=kind, digits=digits, keypad=keypad)
        self.secure_keypad = secure_keypad

    def described(self) -> dict:
        return {"data-secret": self.kind}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.secure_keypad:
            context["widget"]["layout"] = layout_new(self.kind, name)
        return context

    def value_from_datadict(self, data, files, name):
        entry = entry_from(data, name)
        return entry if entry else super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not entry_from(data, name)


KEYPAD_MESSAGES = {
    "expired": _("보안 키패드의 입력 시간이 지났습니다. 키패드로 다시 입력해 주세요."),
    "tampered": _("보안 키패드 입력이 올바르지 않습니다. 키패드로 다시 입력해 주세요."),
}


class SecretField(forms.CharField):
    """A secret's field: typed on the keyboard, or positions on the 보안 키패드, which it
    decodes (once) before the usual checks."""

    def to_python(self, value):
        if isinstance(value, KeypadEntry):
            try:
                value = entry_decode(value)
            except KeypadRefused as exc:
                raise ValidationError(
                    KEYPAD_MESSAGES[exc.code], code=f"keypad_{exc.code}"
                ) from None
        return super().to_python(value)

    def has_changed(self, initial, data) -> bool:
        # Anything typed is a change; the keypad's layout is read once, by clean, not here.
        return bool(data)


def typed_secret(data, name: str) -> str:
    """What the learner has typed so far into the secret ``name`` of ``data`` (keyboard or
    keypad), without using the keypad's layout up: for live feedback while typing."""
    entry = entry_from(data, name)
    if entry is None:
        return str(data.get(name, ""))
    try:
        return entry_decode(entry, consume=False)
    except KeypadRefused:
        return ""


class DigitsInput(_TypedInput, forms.TextInput):
    """Digits shown as they are typed (the 2 digits an ARS call asks for), with the
    same number pad as a secret."""

    template_name = "widgets/digits_input.html"

    def __init__(self, attrs=None, *, digits=None, keypad=False):
        super().__init__(attrs, kind=DIGITS, digits=digits, keypad=keypad)


def digits_field(
    n: int, *, label, message, secret: bool = True, keypad: bool = False, **attrs
) -> forms.CharField:
    """Exactly ``n`` ASCII digits, typed on a number pad; masked unless ``secret`` is False;
    ``keypad``: the on-screen number pad below it.

    ``message`` is the whole sentence for a wrong or missing entry, a lazy translation
    (``_("PIN은 숫자 6자리입니다.")``): a sentence built from pieces cannot be translated.
    It is the only one: the length is the pattern's, and only the browser is told it
    (``maxlength``), so a short entry is not refused twice.
    """
    attrs = {"maxlength": str(n), "minlength": str(n), **attrs}
    widget = (
        SecretInput(attrs, kind=DIGITS, digits=n, keypad=keypad)
        if secret
        else DigitsInput(attrs, digits=n, keypad=keypad)
    )
    return (SecretField if secret else forms.CharField)(
        label=label,
        error_messages={"required": message},
        validators=[RegexValidator(rf"^[0-9]{{{n}}}\Z", message)],  # ASCII: \d is any script's
        widget=widget,
    )


def secret_text_field(
    label,
    *,
    autocomplete: str = "off",
    max_length: int = 64,
    secure_keypad: bool = True,
    **kwargs,
) -> forms.CharField:
    """A password (letters, digits and signs), kept as typed (``strip=False``);
    ``autocomplete``: "current-password", "new-password", or "off" (the default);
    ``secure_keypad`` False: typed on the keyboard only (a staff tool)."""
    widget = SecretInput({"autocomplete": autocomplete}, kind=LETTERS, secure_keypad=secure_keypad)
    return SecretField(label=label, strip=False, max_length=max_length, widget=widget, **kwargs)
