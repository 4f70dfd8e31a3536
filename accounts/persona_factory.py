"""Fresh personas: a new fictitious customer for every learner of a class.

``persona_generate(situation)`` takes the shape of the fixed persona of that
situation (accounts, membership, 보안카드, banking app, certificate: see
``PERSONAS``) and gives it identity data of its own: a name, a user ID, a
password, a 주민등록번호 that fails the legacy check digit (so it is nobody's),
phone numbers, account numbers with their PINs, a 보안카드 with 35 random codes,
an app PIN and, when the situation holds one, a certificate password. Nothing is
shared with any other persona, so what one learner does stays theirs.

Values that must be unique in the database (user ID, 주민등록번호, account
numbers, card serial) are drawn at random from large spaces; ``taken`` lets the
caller reject a draw that collides, and the draw is repeated.
"""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import replace

from accounts import rrn
from accounts.models import SECURITY_CARD_SLOTS
from accounts.personas import (
    PERSONAS_BY_KEY,
    AccountSpec,
    MobileAppSpec,
    Persona,
    SecurityCardSpec,
)

SITUATIONS = tuple(PERSONAS_BY_KEY)  # "ready", "no-account", … (the fixed personas' keys)

SURNAMES = (
    ("김", "KIM"), ("이", "LEE"), ("박", "PARK"), ("최", "CHOI"), ("정", "JUNG"),
    ("강", "KANG"), ("조", "CHO"), ("윤", "YOON"), ("장", "JANG"), ("임", "LIM"),
    ("한", "HAN"), ("오", "OH"), ("서", "SEO"), ("신", "SHIN"), ("권", "KWON"),
    ("황", "HWANG"), ("안", "AHN"), ("송", "SONG"), ("류", "RYU"), ("홍", "HONG"),
)  # fmt: skip
GIVEN_NAMES = (
    ("서연", "SEOYEON"), ("민준", "MINJUN"), ("지우", "JIWOO"), ("하은", "HAEUN"),
    ("도윤", "DOYUN"), ("수아", "SUA"), ("예준", "YEJUN"), ("지호", "JIHO"),
    ("유나", "YUNA"), ("시우", "SIWOO"), ("은서", "EUNSEO"), ("현우", "HYUNWOO"),
    ("영희", "YOUNGHEE"), ("철수", "CHULSOO"), ("순자", "SOONJA"), ("영수", "YOUNGSOO"),
    ("미경", "MIKYUNG"), ("정호", "JUNGHO"), ("옥순", "OKSOON"), ("상철", "SANGCHUL"),
    ("말순", "MALSOON"), ("병철", "BYUNGCHUL"), ("다은", "DAEUN"), ("준서", "JUNSEO"),
)  # fmt: skip
# Foreign residents: the name as the 외국인등록증 shows it, surname first, in Latin capitals
# (made-up combinations of common names), by community: the Vietnamese and the Chinese,
# the two largest (issue #26).
FOREIGN_NAMES = {
    "foreign-resident": (  # Vietnamese
        ("NGUYEN", "VAN AN"), ("TRAN", "THI HOA"), ("LE", "MINH TUAN"), ("PHAM", "THU HA"),
        ("HOANG", "DUC ANH"), ("VU", "THI MAI"), ("DANG", "QUOC BAO"), ("BUI", "THI LINH"),
    ),
    "foreign-resident-zh": (  # Chinese, in Hanyu Pinyin
        ("WANG", "FANG"), ("LI", "WEI"), ("ZHANG", "XIUYING"), ("LIU", "YANG"),
        ("CHEN", "JING"), ("ZHAO", "LEI"), ("HUANG", "MIN"), ("ZHOU", "JIANGUO"),
    ),
}  # fmt: skip
FOREIGN_SITUATIONS = frozenset(FOREIGN_NAMES)
PASSWORD_WORDS = ("sky", "moon", "river", "tree", "star", "rain", "book", "cafe", "park", "bell")
SPECIAL_CHARACTERS = "!@#$%^&*"
ACCOUNT_PRODUCTS = ("모의 입출금통장", "모의 월급통장", "모의 연금통장", "모의 생활비통장")

_random = secrets.SystemRandom()
Taken = Callable[[str, str], bool]  # (kind, value) → already in use?


def _never_taken(kind: str, value: str) -> bool:
    return False


def _draw(kind: str, make: Callable[[], str], taken: Taken) -> str:
    for _attempt in range(50):
        value = make()
        if not taken(kind, value):
            return value
    raise RuntimeError(f"no free {kind} after 50 draws")


def _digits(n: int) -> str:
    return "".join(str(_random.randrange(10)) for _ in range(n))


def fictitious_rrn(*, foreign: bool = False) -> str:
    """A well-formed 주민등록번호 (a real date, a known century digit) that fails the
    legacy check digit, so it can never be a real person's; ``foreign``: a
    외국인등록번호 (7th digit 5/6, or 7/8 for those born since 2000)."""
    birth = datetime.date(1945, 1, 1) + datetime.timedelta(days=_random.randrange(60 * 365))
    if foreign:
        century_digits = ("5", "6") if birth.year < 2000 else ("7", "8")
    else:
        century_digits = ("1", "2") if birth.year < 2000 else ("3", "4")
    head = birth.strftime("%y%m%d") + _random.choice(century_digits) + _digits(5)
    check = rrn.legacy_check_digit(head + "0")
    last = _random.choice([d for d in range(10) if d != check])
    return f"{head[:6]}-{head[6:]}{last}"


def _password(word: str) -> str:
    return f"{word}-{_digits(4)}{_random.choice(SPECIAL_CHARACTERS)}"


def _certificate_password() -> str:
    """A password that keeps every KISA rule by construction (tests check it with the
    rules themselves): ≥ 10 characters with letters, digits and a special character,
    no run of 3 sequential or identical characters, none of ' " \\ |."""
    word = _random.choice(PASSWORD_WORDS).capitalize()
    return f"{word}{_random.choice(SPECIAL_CHARACTERS)}Cert{_digits(2)}"


def _finance_pin(rrn: str) -> str:
    """Six digits that keep the 금융인증서's rules: no digit three times in a row, no
    three in a row up or down, not the birth date (drawn until they do)."""
    while True:
        pin = _digits(6)
        triples = [[int(d) for d in pin[i : i + 3]] for i in range(4)]
        repeated = any(a == b == c for a, b, c in triples)
        runs = any(((b - a) % 10, (c - b) % 10) in ((1, 1), (9, 9)) for a, b, c in triples)
        if not (repeated or runs or pin == rrn.replace("-", "")[:6]):
            return pin


def persona_generate(situation: str, *, taken: Taken = _never_taken) -> Persona:
    """A new persona in ``situation`` (a key of ``SITUATIONS``), unique where it matters."""
    template = PERSONAS_BY_KEY[situation]
    foreign = situation in FOREIGN_SITUATIONS
    if foreign:  # the name as on the 외국인등록증: Latin capitals, surname first
        surname_en, given_en = _random.choice(FOREIGN_NAMES[situation])
        name = name_en = f"{surname_en} {given_en}"
    else:
        (surname, surname_en), (given, given_en) = (
            _random.choice(SURNAMES),
            _random.choice(GIVEN_NAMES),
        )
        name, name_en = surname + given, f"{surname_en} {given_en}"
    login = f"{surname_en}{given_en}".replace(" ", "").lower()[:14]
    user_id = _draw("user_id", lambda: login + _digits(4), taken)
    accounts = tuple(
        replace(
            spec,
            number=_draw("account", lambda: f"{_digits(6)}-{_digits(2)}-{_digits(6)}", taken),
            product_name=spec.product_name if index else _random.choice(ACCOUNT_PRODUCTS),
            pin=_digits(4),
        )
        for index, spec in enumerate(template.accounts)
    )
    card = template.security_card and SecurityCardSpec(
        serial=_draw("card", lambda: "71" + _digits(8), taken),
        random_codes=tuple(_digits(4) for _ in range(SECURITY_CARD_SLOTS)),
    )
    app = template.mobile_app and MobileAppSpec(
        device_label=template.mobile_app.device_label,
        installed_version=template.mobile_app.installed_version,
        pin=_digits(6),
    )
    rrn = _draw("rrn", lambda: fictitious_rrn(foreign=foreign), taken)
    return Persona(
        key=f"s-{secrets.token_hex(8)}",
        situation=template.situation,
        user_id=user_id,
        password=_password(_random.choice(PASSWORD_WORDS)),
        name=name,
        name_en=name_en,
        rrn=rrn,
        phones=tuple(f"010-{_random.randrange(2000, 10000)}-{_digits(4)}" for _ in template.phones),
        member_since=template.member_since,
        accounts=accounts,
        security_card=card,
        mobile_app=app,
        holds_certificate=template.holds_certificate,
        certificate_password=_certificate_password() if template.holds_certificate else None,
        certificate_days_left=template.certificate_days_left,
        certificate_bank=template.certificate_bank,
        finance_pin=_finance_pin(rrn) if template.finance_pin else None,
        finance_pin_forgotten=template.finance_pin_forgotten,
        finance_days_left=template.finance_days_left,
    )


__all__ = ["SITUATIONS", "AccountSpec", "fictitious_rrn", "persona_generate"]
