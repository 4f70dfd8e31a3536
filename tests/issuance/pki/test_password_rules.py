"""KISA certificate-password rules: each rule alone, then several at once (their codes;
the messages are the Django layer's: tests/issuance/test_pki_messages.py)."""

import pytest

from issuance.pki.password_rules import RULES, password_problems


def codes(password: str) -> list[str]:
    return password_problems(password)


@pytest.mark.parametrize("password", ["kb!Secure7q", "Zx9#mK2$pL", "a1!b2@c3#d4", "Q w7! e9@rt"])
def test_good_passwords_pass(password):
    assert password_problems(password) == []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("a1!b2@c3", "too_short"),
        ("13579!#%24", "no_letter"),
        ("kbz!qwt@pm", "no_digit"),
        ("a1b2c3d4e5", "no_special"),
        ("a1!b2@c3#x'", "forbidden_character"),
        ("a1!b2@c3#xyz", "sequential"),
        ("a1!b2@c3#zzz", "repeated"),
        ("a1!b2@c3#한", "not_ascii"),
    ],
)
def test_each_rule_alone(password, code):
    assert password_problems(password) == [code]


@pytest.mark.parametrize("char", ["'", '"', "\\", "|", "’", "”", "‘", "“"])
def test_forbidden_characters(char):
    assert codes(f"a1!b2@c3#{char}") == ["forbidden_character"]


@pytest.mark.parametrize("run", ["123", "321", "789", "abc", "cba", "XYZ", "aBc", "CbA"])
def test_sequences_up_and_down_ignoring_case(run):
    assert codes(f"q5!w8@{run}#e") == ["sequential"]


@pytest.mark.parametrize("run", ["890", "zab", "9ab", "ab1", "a!c", "13a"])
def test_not_sequences(run):
    assert "sequential" not in codes(f"q5!w8@{run}#e")


@pytest.mark.parametrize("run", ["111", "aaa", "!!!", "ZZZ"])
def test_repeats(run):
    assert codes(f"q5!w8@{run}#e") == ["repeated"]


def test_repeats_are_case_sensitive():
    assert codes("q5!w8@aAa#e") == []


def test_every_broken_rule_is_listed_in_order():
    assert codes("aaa") == ["too_short", "no_digit", "no_special", "repeated"]
    assert codes("123|") == ["too_short", "no_letter", "forbidden_character", "sequential"]
    assert codes("") == ["too_short", "no_letter", "no_digit", "no_special"]


def test_rules_are_distinct_codes_in_their_order():
    assert len(set(RULES)) == len(RULES) == 8
    assert all(code.isascii() and code.isidentifier() for code in RULES)
