"""The hash for practice PINs (계좌비밀번호, the banking app's PIN), and for a generated
persona's login password.

A 4- or 6-digit PIN has at most a million values: no hash cost protects it
against someone holding the hash, its lock counter does (5 tries, then locked).
So its Argon2id runs at OWASP's minimum (19 MiB, t=2, p=1) instead of Django's
default (100 MiB, p=8), which a login password keeps. The algorithm name differs
("argon2pin"), so a PIN hash says which parameters made it, and the old,
costlier PIN hashes still verify (Django picks the hasher by that name).

A persona's login password is practice data printed on the learner's handout: it is
hashed the same way (its full-strength hash was most of a class join's CPU), and
``Customer.check_password`` never re-hashes it at full cost at login. Trainers',
admins' and self-registered customers' passwords keep Django's full strength.
"""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password


class PinArgon2Hasher(Argon2PasswordHasher):
    algorithm = "argon2pin"
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1


def make_pin_hash(pin: str) -> str:
    """``settings.PIN_HASHER`` names the hasher (the test suite swaps in a fast one)."""
    return make_password(pin, hasher=settings.PIN_HASHER)
