"""What the learner is told of the codes issuance.pki reports (issuance/pki_messages.py)."""

import pytest
from django.utils import translation

from issuance import pki
from issuance.pki_messages import (
    password_problems_message,
    password_rule_messages,
    pki_error_message,
    policies_shown,
    policy_label,
)


def is_korean(text: str) -> bool:
    return any("가" <= c <= "힣" for c in text)


def test_every_password_rule_has_its_own_korean_message_in_order():
    messages = password_rule_messages()
    assert list(messages) == list(pki.PASSWORD_RULES)
    assert len(set(messages.values())) == len(messages)
    assert all(is_korean(message) for message in messages.values())


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("too_short", f"{pki.password_rules.MIN_LENGTH}자 이상"),
        ("no_letter", "영문자"),
        ("no_digit", "숫자"),
        ("no_special", "특수문자"),
        ("forbidden_character", "사용할 수 없습니다"),
        ("sequential", "연속된"),
        ("repeated", "같은 문자"),
        ("not_ascii", "한/영"),
    ],
)
def test_each_rule_says_what_it_checks(code, fragment):
    assert fragment in password_rule_messages()[code]


def test_the_broken_rules_in_one_message():
    codes = pki.password_problems("abc111")
    message = password_problems_message(codes)
    assert all(password_rule_messages()[code] in message for code in codes)
    assert password_problems_message([]) == ""


def test_the_messages_follow_the_active_language():
    with translation.override("ko"):
        korean = password_rule_messages()
    with translation.override("en"):
        english = password_rule_messages()
    assert list(english) == list(korean)
    assert all(english[code] for code in english)


@pytest.mark.parametrize(
    ("error", "fragment"),
    [
        (pki.WrongPasswordError(), "인증서 암호가 올바르지 않습니다"),
        (pki.DamagedKeyFileError(), "손상"),
        (pki.SeedUnavailableError(), "오류가 발생했습니다"),  # the server's, not the learner's
    ],
)
def test_a_pki_error_is_told_by_its_code(error, fragment):
    assert not is_korean(str(error))  # the exception's own text is for the logs
    assert fragment in pki_error_message(error)


def test_policies_are_named_by_the_django_layer():
    assert policy_label(pki.POLICIES["bank"]) == "은행·신용카드·보험용"
    assert policy_label(pki.POLICIES["universal"]) == "전자거래범용"
    shown = policies_shown()
    assert shown["universal"] == {
        "cert_type": "universal",
        "label": "전자거래범용",
        "oid": "1.2.410.200005.1.1.1",
    }
    assert list(shown) == list(pki.POLICIES)
