"""The 보안 키패드's layouts (portal/keypad.py) and a secret field typed on it
(portal/secret_fields.SecretField): shuffled on every render, positions good once and
only on their own render, a replayed or tampered list refused beside the field."""

import re

import pytest
from django import forms
from django.core.cache import cache
from django.test import override_settings

from portal import keypad
from portal.secret_fields import digits_field, secret_text_field, typed_secret

MESSAGE = "PIN은 숫자 4자리입니다."


class PinForm(forms.Form):
    pin = digits_field(4, label="계좌비밀번호", message=MESSAGE)
    password = secret_text_field("인증서 암호", required=False)


def keys_for(layout: keypad.Layout, text: str) -> str:
    """The positions a learner clicks on ``layout`` to type ``text``."""
    where = {key.char: key.position for page in layout.pages for row in page.rows for key in row}
    return ".".join(str(where[char]) for char in text)


def chars(layout: keypad.Layout) -> list[str]:
    return [key.char for page in layout.pages for row in page.rows for key in row]


def rendered_layout(html: str, name: str) -> keypad.Layout:
    """The layout a rendered field carries: its token and its keys, read from the HTML
    as the browser sees it."""
    token = re.search(rf'name="{name}_keypad" value="([^"]+)"', html).group(1)
    keys = [
        keypad.Key(int(pos), char)
        for pos, char in re.findall(r'data-pos="(\d+)">([^<]+)</button>', html)
    ]
    return keypad.Layout(token, "", name, (keypad.Page("all", (tuple(keys),)),))


class TestLayouts:
    def test_the_digits_are_all_there_once_with_the_blanks_and_three_to_a_row(self):
        layout = keypad.layout_new(keypad.DIGITS, "pin")
        cells = chars(layout)
        assert sorted(c for c in cells if c) == list("0123456789")
        assert cells.count("") == 2  # KEYPAD_DIGIT_BLANKS
        assert all(len(row) == 3 for row in layout.pages[0].rows)

    def test_the_shuffle_differs_across_renders(self):
        orders = {tuple(chars(keypad.layout_new(keypad.DIGITS, "pin"))) for _ in range(20)}
        assert len(orders) > 15  # 12!/2 orders: twenty draws all but never repeat

    @override_settings(KEYPAD_DIGIT_BLANKS=1)
    def test_how_many_blank_keys_is_a_setting(self):
        assert chars(keypad.layout_new(keypad.DIGITS, "pin")).count("") == 1

    def test_letters_keep_qwerty_order_with_a_gap_moving_in_every_row(self):
        layout = keypad.layout_new(keypad.LETTERS, "password")
        assert [page.name for page in layout.pages] == ["lower", "upper", "special"]
        lower = layout.pages[0]
        assert ["".join(k.char for k in row) for row in lower.rows] == [
            "1234567890",
            "qwertyuiop",
            "asdfghjkl",
            "zxcvbnm",
        ]
        assert all(sum(1 for k in row if not k.char) == 1 for row in lower.rows)
        gaps = {
            tuple(i for i, k in enumerate(row) if not k.char)
            for row in keypad.layout_new(keypad.LETTERS, "password").pages[0].rows
            for _ in range(10)
        }
        assert len(gaps) > 1

    def test_no_sign_a_certificate_password_may_not_hold_is_on_the_letters(self):
        typed = set(chars(keypad.layout_new(keypad.LETTERS, "password")))
        assert not typed & set("'\"\\|’”")
        assert {"#", "!", "@"} <= typed


class TestDecoding:
    def test_positions_give_the_characters_once(self):
        layout = keypad.layout_new(keypad.LETTERS, "password")
        entry = keypad.KeypadEntry("password", layout.token, keys_for(layout, "Practice#2026"))
        assert keypad.entry_decode(entry) == "Practice#2026"
        with pytest.raises(keypad.KeypadRefused) as replayed:
            keypad.entry_decode(entry)
        assert replayed.value.code == "expired"

    def test_positions_are_only_good_on_their_own_render(self):
        first = keypad.layout_new(keypad.DIGITS, "pin")
        keys = keys_for(first, "1357")
        second = keypad.layout_new(keypad.DIGITS, "pin")
        while keys_for(second, "1357") == keys:  # one draw in 11,880 places them alike
            second = keypad.layout_new(keypad.DIGITS, "pin")
        try:
            typed = keypad.entry_decode(keypad.KeypadEntry("pin", second.token, keys))
        except keypad.KeypadRefused:  # a position that is a blank key there
            typed = None
        assert typed != "1357"

    @pytest.mark.parametrize(
        "keys", ["1.2.99", "a.b", "1,2", "-1", "1..2", ".".join(["1"] * 65)], ids=repr
    )
    def test_a_tampered_list_is_refused_and_uses_the_layout_up(self, keys):
        layout = keypad.layout_new(keypad.DIGITS, "pin")
        entry = keypad.KeypadEntry("pin", layout.token, keys)
        with pytest.raises(keypad.KeypadRefused) as refused:
            keypad.entry_decode(entry)
        assert refused.value.code == "tampered"
        with pytest.raises(keypad.KeypadRefused):
            keypad.entry_decode(keypad.KeypadEntry("pin", layout.token, "0"))

    def test_a_blank_key_types_nothing_so_a_list_naming_one_was_not_clicked(self):
        layout = keypad.layout_new(keypad.DIGITS, "pin")
        blank = chars(layout).index("")
        with pytest.raises(keypad.KeypadRefused):
            keypad.entry_decode(keypad.KeypadEntry("pin", layout.token, str(blank)))

    def test_a_layout_made_for_another_field_is_refused(self):
        layout = keypad.layout_new(keypad.DIGITS, "card_first_two")
        with pytest.raises(keypad.KeypadRefused) as refused:
            keypad.entry_decode(keypad.KeypadEntry("pin", layout.token, keys_for(layout, "12")))
        assert refused.value.code == "tampered"

    def test_a_timed_out_layout_is_gone(self):
        layout = keypad.layout_new(keypad.DIGITS, "pin")
        cache.delete(keypad.CACHE_KEY % layout.token)  # what the cache does after its time
        with pytest.raises(keypad.KeypadRefused) as refused:
            keypad.entry_decode(keypad.KeypadEntry("pin", layout.token, "0"))
        assert refused.value.code == "expired"

    def test_peeking_for_live_feedback_does_not_use_it_up(self):
        layout = keypad.layout_new(keypad.LETTERS, "password")
        data = {"password_keypad": layout.token, "password_keys": keys_for(layout, "abc")}
        assert typed_secret(data, "password") == "abc"
        assert typed_secret(data, "password") == "abc"
        assert typed_secret({"password": "typed"}, "password") == "typed"

    def test_shuffling_again_uses_the_old_layout_up(self):
        old = keypad.layout_new(keypad.DIGITS, "pin")
        new = keypad.layout_again(old.token)
        assert new.token != old.token and new.field == "pin" and new.kind == keypad.DIGITS
        with pytest.raises(keypad.KeypadRefused):
            keypad.layout_again(old.token)


class TestTheFormTypedOnTheKeypad:
    def test_the_rendered_keys_type_the_secret_and_the_form_never_saw_the_digits(self):
        html = str(PinForm()["pin"])
        layout = rendered_layout(html, "pin")
        form = PinForm({"pin_keypad": layout.token, "pin_keys": keys_for(layout, "1357")})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["pin"] == "1357"

    def test_every_render_is_a_new_shuffle_with_its_own_token(self):
        first, second = str(PinForm()["pin"]), str(PinForm()["pin"])
        assert rendered_layout(first, "pin").token != rendered_layout(second, "pin").token

    def test_a_replayed_entry_gets_a_clear_message_beside_the_field(self):
        layout = rendered_layout(str(PinForm()["pin"]), "pin")
        data = {"pin_keypad": layout.token, "pin_keys": keys_for(layout, "1357")}
        assert PinForm(data).is_valid()
        replayed = PinForm(data)
        assert not replayed.is_valid()
        assert replayed.errors["pin"] == [
            "보안 키패드의 입력 시간이 지났습니다. 키패드로 다시 입력해 주세요."
        ]
        assert "1357" not in str(replayed["pin"])

    def test_a_tampered_entry_gets_its_own_message(self):
        layout = rendered_layout(str(PinForm()["pin"]), "pin")
        form = PinForm({"pin_keypad": layout.token, "pin_keys": "1.2.x"})
        assert not form.is_valid()
        assert form.errors["pin"] == [
            "보안 키패드 입력이 올바르지 않습니다. 키패드로 다시 입력해 주세요."
        ]

    def test_too_few_keys_get_the_fields_own_message(self):
        layout = rendered_layout(str(PinForm()["pin"]), "pin")
        form = PinForm({"pin_keypad": layout.token, "pin_keys": keys_for(layout, "13")})
        assert form.errors["pin"] == [MESSAGE]

    def test_the_keyboard_still_types_when_the_keypad_is_off(self):
        form = PinForm({"pin": "1357"})
        assert form.is_valid() and form.cleaned_data["pin"] == "1357"


def test_asking_whether_a_secret_changed_does_not_use_the_layout_up():
    layout = rendered_layout(str(PinForm()["pin"]), "pin")
    form = PinForm({"pin_keypad": layout.token, "pin_keys": keys_for(layout, "1357")})
    assert "pin" in form.changed_data
    assert form.is_valid() and form.cleaned_data["pin"] == "1357"
