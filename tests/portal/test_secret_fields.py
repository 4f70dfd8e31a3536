"""The secret-field widget every secret is declared with (portal.secret_fields): what it
renders, what it accepts, and that no form of the site declares a secret without it."""

import importlib
import inspect
import re

import pytest
from django import forms

from portal.secret_fields import (
    DIGITS,
    LETTERS,
    DigitsInput,
    SecretInput,
    digits_field,
    secret_text_field,
)
from tests.factories import CustomerFactory

MESSAGE = "PIN은 숫자 6자리입니다."


class PinForm(forms.Form):
    pin = digits_field(6, label="PIN", message=MESSAGE)
    pad = digits_field(6, label="PIN", message=MESSAGE, keypad=True)
    shown = digits_field(2, label="2", message=MESSAGE, secret=False, keypad=True)
    password = secret_text_field("암호", autocomplete="new-password")


def attributes(html: str, name: str) -> dict:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


class TestTheWidget:
    def test_a_digits_secret_is_a_masked_number_pad_input_saying_what_it_takes(self):
        html = str(PinForm()["pin"])
        attrs = attributes(html, "pin")
        assert attrs["type"] == "password"
        assert attrs["inputmode"] == "numeric"
        assert attrs["autocomplete"] == "off"
        assert attrs["data-secret"] == DIGITS
        assert attrs["data-digits"] == "6"
        assert attrs["maxlength"] == "6" and attrs["minlength"] == "6"
        assert "data-keypad-for" not in html

    def test_a_password_is_a_masked_input_of_letters(self):
        attrs = attributes(str(PinForm()["password"]), "password")
        assert attrs["type"] == "password"
        assert attrs["data-secret"] == LETTERS
        assert attrs["autocomplete"] == "new-password"
        assert "inputmode" not in attrs and "data-digits" not in attrs

    def test_a_secret_is_never_written_back_into_the_page(self):
        form = PinForm({"pin": "123456", "password": "Practice#2026"})
        assert "123456" not in str(form["pin"])
        assert "Practice#2026" not in str(form["password"])

    def test_the_phone_pin_pad_is_the_secure_keypad_always_on(self):
        html = str(PinForm()["pad"])
        assert 'data-secure-keypad="id_pad"' in html and "data-keypad-fixed" in html
        assert html.index('id="id_pad"') < html.index("data-secure-keypad")
        assert html.count("data-pos=") == 10  # the digits, shuffled; blanks are gaps
        assert "data-keypad-switch" not in html  # an app's pad has no switch

    def test_digits_shown_as_typed_have_the_same_pad_and_no_secret(self):
        html = str(PinForm({"shown": "12"})["shown"])
        attrs = attributes(html, "shown")
        assert attrs["type"] == "text" and attrs["value"] == "12"
        assert "data-secret" not in attrs and attrs["data-digits"] == "2"
        assert 'data-keypad-for="id_shown"' in html

    def test_its_rendering_is_its_own_template(self):
        assert SecretInput.template_name == "widgets/secret_input.html"
        assert DigitsInput.template_name == "widgets/digits_input.html"

    def test_an_unknown_kind_is_refused(self):
        with pytest.raises(ValueError, match="kind"):
            SecretInput(kind="emoji")


class TestDigitsField:
    @pytest.mark.parametrize("typed", ["123456", "000000"])
    def test_exactly_n_ascii_digits(self, typed):
        form = PinForm({"pin": typed, "pad": typed, "shown": "12", "password": "x"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["pin"] == typed

    @pytest.mark.parametrize(
        "typed",
        [
            "12345",
            "1234567",
            "12345a",
            "١٢٣٤٥٦",
            "１２３４５６",
            " 12345",
        ],  # Arabic-Indic, full width
    )
    def test_anything_else_is_refused_with_its_one_sentence(self, typed):
        form = PinForm({"pin": typed})
        assert form.errors["pin"] == [MESSAGE]

    def test_a_missing_entry_says_the_same_sentence(self):
        assert PinForm({})["pin"].errors == [MESSAGE]


class TestSecretTextField:
    def test_a_password_is_kept_as_typed(self):
        form = PinForm({"pin": "1", "password": "  with spaces  "})
        form.is_valid()
        assert form.cleaned_data["password"] == "  with spaces  "


# --- Every secret of the site is declared with the widget ---------------------------------

FORM_MODULES = [
    "accounts.forms",
    "issuance.flow.forms",
    "issuance.center.forms",
    "issuance.transfer.forms",
    "issuance.phone.forms",
    "classroom.learner.forms",
    "classroom.trainer.forms",
]
# The names a secret goes by in the site's forms.
SECRET_NAMES = {
    "password",
    "password_confirm",
    "current_password",
    "new_password",
    "new_password_confirm",
    "pin",
    "rrn_back",
    "card_first_two",
    "card_last_two",
}
BASES = {"CopyChoiceForm"}  # not a form of its own: the forms that choose a copy extend it
NOT_RENDERED = {"ScenarioForm"}  # posted by the dashboard's buttons, never drawn


def site_forms():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if (
                inspect.isclass(cls)
                and issubclass(cls, forms.Form)
                and cls.__module__ == name
                and cls.__name__ not in BASES
            ):
                yield cls


def instance(cls, customer):
    """The form as its view makes it (with 보안카드 slots, so those fields exist)."""
    needs = {
        "customer": customer,
        "slots": (3, 17),
        "copies": [],
        "request": None,
        "client": None,
        "targets": [("usb", "이동식디스크")],
    }
    params = set()
    for klass in cls.__mro__:
        if "__init__" in vars(klass):
            params |= set(inspect.signature(klass.__init__).parameters)
    return cls(**{name: value for name, value in needs.items() if name in params})


@pytest.mark.django_db
def test_every_secret_field_of_every_form_is_declared_with_the_secret_widget():
    customer = CustomerFactory()
    secrets = []
    for cls in site_forms():
        for name, field in instance(cls, customer).fields.items():
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            if name in SECRET_NAMES or isinstance(field.widget, forms.PasswordInput):
                assert isinstance(field.widget, SecretInput), where
                secrets.append(where)
    # 계좌비밀번호 ×3, 보안카드 ×4, 주민등록번호 뒷자리 ×4, the app's PIN,
    # 인증서 암호 ×12, the login password
    assert len(secrets) >= 25, secrets
    assert "accounts.forms.InternetBankingJoinForm.pin" in secrets
    assert "issuance.phone.forms.PushPinForm.pin" in secrets


@pytest.mark.django_db
def test_every_form_drawn_has_its_layout():
    customer = CustomerFactory()
    for cls in site_forms():
        if cls.__name__ in NOT_RENDERED:
            continue
        helper = getattr(instance(cls, customer), "helper", None)
        assert helper is not None and helper.layout is not None, cls


# Staff tools, not the bank: typed on the keyboard only.
NO_KEYPAD = {"classroom.trainer.forms.TrainerLoginForm.password"}


@pytest.mark.django_db
def test_every_secret_of_the_bank_renders_with_the_secure_keypad():
    customer = CustomerFactory()
    drawn = 0
    for cls in site_forms():
        form = instance(cls, customer)
        for name, field in form.fields.items():
            if not isinstance(field.widget, SecretInput):
                continue
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            html = str(form[name])
            if where in NO_KEYPAD:
                assert "data-secure-keypad" not in html, where
                continue
            assert f'data-secure-keypad="{form[name].auto_id}"' in html, where
            assert f'name="{form[name].html_name}_keypad"' in html, where
            drawn += 1
    assert drawn >= 25
