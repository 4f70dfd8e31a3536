"""KISA's rules for a certificate password (인증서 암호).

`password_problems` reports every broken rule at once, so a form can show
them all (live, while typing) instead of one at a time. Letters and digits
mean ASCII ones; letters are compared case-insensitively for sequences
(aBc is a sequence) but a password is otherwise case-sensitive.
"""

from __future__ import annotations

import string
from typing import NamedTuple

# Quotes are refused in both their ASCII and typographic forms: a word
# processor or phone keyboard silently turns one into the other.
FORBIDDEN_CHARACTERS = frozenset("'\"\\|‘’“”")
SPECIAL_CHARACTERS = frozenset(string.punctuation)
MIN_LENGTH = 10


class Problem(NamedTuple):
    code: str
    message: str


RULES: dict[str, str] = {
    "too_short": f"{MIN_LENGTH}자 이상 입력해야 합니다.",
    "no_letter": "영문자를 1자 이상 포함해야 합니다.",
    "no_digit": "숫자를 1자 이상 포함해야 합니다.",
    "no_special": "특수문자를 1자 이상 포함해야 합니다.",
    "forbidden_character": "따옴표(' \" ‘ ’ “ ”), 역슬래시(\\), 세로선(|)은 사용할 수 없습니다.",
    "sequential": "연속된 숫자나 영문자를 3자 이상 사용할 수 없습니다 (예: 123, abc, 321, cba).",
    "repeated": "같은 문자를 3번 이상 연속해서 사용할 수 없습니다 (예: 111, aaa).",
    "not_ascii": "한글 등 영문 자판에 없는 문자는 사용할 수 없습니다 (한/영 키를 확인하세요).",
}
"""Every rule's code and message, in the order they are reported."""


def password_problems(password: str) -> list[Problem]:
    """Every rule the password breaks; an empty list means it is acceptable."""
    broken = {
        "too_short": len(password) < MIN_LENGTH,
        "no_letter": not any(c in string.ascii_letters for c in password),
        "no_digit": not any(c in string.digits for c in password),
        "no_special": not any(c in SPECIAL_CHARACTERS for c in password),
        "forbidden_character": any(c in FORBIDDEN_CHARACTERS for c in password),
        "sequential": _has_sequence(password),
        "repeated": _has_repeat(password),
        # NPKI programs read passwords with the IME off; other characters would
        # also be encoded differently by different programs.
        "not_ascii": any(
            not (c.isascii() and c.isprintable()) and c not in FORBIDDEN_CHARACTERS
            for c in password
        ),
    }
    return [Problem(code, RULES[code]) for code, is_broken in broken.items() if is_broken]


def _has_sequence(password: str) -> bool:
    """Three characters counting up or down by one: 123, 321, abc, CBA (not 890 or zab)."""
    for a, b, c in zip(password, password[1:], password[2:], strict=False):
        triple = (a + b + c).lower()
        if not (triple.isascii() and (triple.isdigit() or triple.isalpha())):
            continue
        step = ord(triple[1]) - ord(triple[0])
        if step in (1, -1) and ord(triple[2]) - ord(triple[1]) == step:
            return True
    return False


def _has_repeat(password: str) -> bool:
    return any(a == b == c for a, b, c in zip(password, password[1:], password[2:], strict=False))
