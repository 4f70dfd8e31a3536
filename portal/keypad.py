"""The 보안 키패드 (가상 키패드, 마우스 입력기): a secret typed by clicking keys whose
places the server shuffles on every render, as every Korean bank asks for it.

The browser never sends the characters: it sends the **positions** clicked on that
render's layout, with the layout's token. The server keeps each layout in the cache
for one use and a short time (``KEYPAD_LAYOUT_SECONDS``) and decodes the positions
with it, so a keylogger sees clicks, a replayed or tampered list of positions is
refused, and a screenshot of the keypad tells nothing about the next one.

- digits (PINs, 보안카드, 주민등록번호 뒷자리): the ten digits and
  ``KEYPAD_DIGIT_BLANKS`` blank keys, all shuffled, three to a row;
- letters (인증서 암호, login password): 소문자 / 대문자 / 특수문자 pages in QWERTY order,
  each row with ``KEYPAD_ROW_GAPS`` blank keys put in random places (the gaps move,
  the order stays), as the banks' letter keypads do. The signs a certificate
  password may not hold (’ ” \\ |) are not on it.

Sources and the details that differ between banks: docs/KEYPAD.md.
"""

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal

DIGITS = "digits"
LETTERS = "letters"
TOKEN_SUFFIX = "_keypad"  # noqa: S105 (a field name: <name>_keypad holds the layout's token)
KEYS_SUFFIX = "_keys"  # <name>_keys: the positions clicked, "3.0.11"
MAX_KEYS = 64
CACHE_KEY = "keypad:%s"

DIGIT_KEYS = "0123456789"
LETTER_PAGES = (
    ("lower", ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")),
    ("upper", ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")),
    ("special", ("!@#$%^&*()", "-_=+[]{}~`", ";:,.<>/?")),
)
_KEYS_FORMAT = re.compile(r"^(?:[0-9]{1,3}(?:\.[0-9]{1,3})*)?\Z")

# Sent when a learner asks for the keys again (재배열): the classroom counts it.
keypad_shuffled = Signal()


class KeypadRefused(Exception):
    """A keypad entry that cannot be read: ``code`` is "expired" (no such layout: used
    already, timed out, or never made) or "tampered" (positions the layout does not
    have, or a layout made for another field)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Key:
    position: int
    char: str  # "" for a blank key


@dataclass(frozen=True)
class Page:
    name: str  # "digits", "lower", "upper", "special"
    rows: tuple[tuple[Key, ...], ...]


@dataclass(frozen=True)
class Layout:
    token: str
    kind: str
    field: str
    pages: tuple[Page, ...]

    @property
    def token_name(self) -> str:
        return self.field + TOKEN_SUFFIX

    @property
    def keys_name(self) -> str:
        return self.field + KEYS_SUFFIX


@dataclass(frozen=True)
class KeypadEntry:
    """What a form sent for a secret typed on the keypad: not yet the secret."""

    field: str
    token: str
    keys: str


def _shuffled(items: list, rng) -> list:
    items = list(items)
    rng.shuffle(items)
    return items


def _with_gaps(row: str, gaps: int, rng) -> list[str]:
    """The row's keys in their order, with ``gaps`` blanks at random places."""
    cells = list(row)
    for _ in range(gaps):
        cells.insert(rng.randrange(len(cells) + 1), "")
    return cells


def _pages(kind: str, rng) -> list[tuple[str, list[list[str]]]]:
    if kind == DIGITS:
        cells = _shuffled(list(DIGIT_KEYS) + [""] * settings.KEYPAD_DIGIT_BLANKS, rng)
        return [(DIGITS, [cells[i : i + 3] for i in range(0, len(cells), 3)])]
    if kind == LETTERS:
        gaps = settings.KEYPAD_ROW_GAPS
        return [(name, [_with_gaps(row, gaps, rng) for row in rows]) for name, rows in LETTER_PAGES]
    raise ValueError(f"no keypad for {kind!r}")


def layout_new(kind: str, field: str, *, rng=None) -> Layout:
    """A fresh shuffle for the field named ``field`` (its HTML name), kept for one use."""
    rng = rng or secrets.SystemRandom()
    cells: list[str] = []
    pages = []
    for name, rows in _pages(kind, rng):
        page_rows = []
        for row in rows:
            page_rows.append(tuple(Key(len(cells) + i, char) for i, char in enumerate(row)))
            cells.extend(row)
        pages.append(Page(name, tuple(page_rows)))
    token = secrets.token_urlsafe(18)
    record = {"kind": kind, "field": field, "cells": cells}
    cache.set(CACHE_KEY % token, record, settings.KEYPAD_LAYOUT_SECONDS)
    return Layout(token, kind, field, tuple(pages))


def _positions(keys: str, cells: list[str]) -> list[int]:
    if not _KEYS_FORMAT.match(keys or ""):
        raise KeypadRefused("tampered")
    positions = [int(key) for key in keys.split(".")] if keys else []
    if len(positions) > MAX_KEYS or any(
        p >= len(cells) or not cells[p] for p in positions
    ):  # a blank key types nothing: a list that names one was not clicked
        raise KeypadRefused("tampered")
    return positions


def entry_decode(entry: KeypadEntry, *, consume: bool = True) -> str:
    """The characters the positions name on the entry's layout; with ``consume`` (a form
    submitted) the layout is used up, whatever the outcome, so a list is good once.
    Without it (the certificate password's rules checked live) it stays."""
    key = CACHE_KEY % entry.token
    record = cache.get(key) if entry.token else None
    if record is None:
        raise KeypadRefused("expired")
    if consume and not cache.delete(key):  # another request used it first
        raise KeypadRefused("expired")
    if record["field"] != entry.field:
        raise KeypadRefused("tampered")
    cells = record["cells"]
    return "".join(cells[p] for p in _positions(entry.keys, cells))


def entry_from(data, name: str) -> KeypadEntry | None:
    """The keypad entry a form's data holds for the field ``name``, if it was typed so."""
    token = data.get(name + TOKEN_SUFFIX)
    if not token:
        return None
    return KeypadEntry(field=name, token=str(token), keys=str(data.get(name + KEYS_SUFFIX, "")))


def layout_again(token: str) -> Layout:
    """재배열: the old layout used up, a new one for the same field and kind."""
    key = CACHE_KEY % token
    record = cache.get(key) if token else None
    if record is None or not cache.delete(key):
        raise KeypadRefused("expired")
    return layout_new(record["kind"], record["field"])
