"""Join codes: 6 characters a learner types from a projected screen.

The alphabet leaves out every character that reads like another
(0, O, Q; 1, I, L; 2, Z; 5, S; 6, G; 8, B), so a code is read and typed right
the first time. Typed input is forgiving: case, spaces and hyphens don't matter.
"""

import secrets
import unicodedata

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(typed: str) -> str:
    """What the learner typed, as the code is stored: upper case, no spaces or hyphens,
    full-width letters and digits (a Korean keyboard's ＫＭ７) as their ASCII selves."""
    typed = unicodedata.normalize("NFKC", typed)
    return "".join(typed.split()).replace("-", "").upper()


def is_well_formed(code: str) -> bool:
    """Six letters or digits, as the join page asks (a look-alike character such as 0 or
    O is no format error: such a code is simply no class's)."""
    return len(code) == LENGTH and code.isascii() and code.isalnum()


def could_exist(code: str) -> bool:
    """Whether a class could have this code (only characters of ``ALPHABET``)."""
    return len(code) == LENGTH and all(c in ALPHABET for c in code)
