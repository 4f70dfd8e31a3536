"""KISA's rules for a certificate password (인증서 암호).

`password_problems` reports every broken rule at once, by its code, so a form can
show them all (live, while typing) instead of one at a time. Letters and digits
mean ASCII ones; letters are compared case-insensitively for sequences
(aBc is a sequence) but a password is otherwise case-sensitive.
"""

from __future__ import annotations

import string

# Quotes are refused in both their ASCII and typographic forms: a word
# processor or phone keyboard silently turns one into the other.
FORBIDDEN_CHARACTERS = frozenset("'\"\\|‘’“”")
SPECIAL_CHARACTERS = frozenset(string.punctuation)
MIN_LENGTH = 10

RULES: tuple[str, ...] = (
    "too_short",  # fewer than MIN_LENGTH characters
    "no_letter",
    "no_digit",
    "no_special",
    "forbidden_character",  # one of FORBIDDEN_CHARACTERS
    "sequential",  # 123, abc, 321, cba
    "repeated",  # 111, aaa
    "not_ascii",  # a character not on an English keyboard (the IME left on)
)
"""Every rule's code, in the order they are reported. The Django layer says each one
in the learner's language (issuance/pki_messages.py)."""


def password_problems(password: str) -> list[str]:
    """The codes of every rule the password breaks, in the order of ``RULES``; an empty
    list means it is acceptable."""
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
    return [code for code in RULES if broken[code]]


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
