"""The English catalogue (locale/en/LC_MESSAGES/django.po): complete, its placeholders
kept, in step with the source, and compiled by Babel into what Django reads."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from portal.catalogues import catalogues_compile

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%%")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def catalogue(path: Path = PO):
    with path.open("rb") as source:
        return read_po(source, locale="en")


def messages(path: Path = PO):
    return [m for m in catalogue(path) if m.id]


def test_every_message_has_its_english_and_none_is_fuzzy():
    missing = [
        m.id
        for m in messages()
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert not missing, f"{len(missing)} message(s) without English: {missing[:10]}"


def test_the_english_keeps_every_placeholder():
    wrong = []
    for m in messages():
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(string))) != wanted:
                wrong.append((ids[0], string))
    assert not wrong, wrong[:10]


def test_the_english_is_english_with_the_korean_only_beside_it():
    """A translation that is Korean alone teaches nothing: some Latin letters must be there."""
    korean_only = [
        m.id
        for m in messages()
        for string in (m.string if isinstance(m.string, tuple) else (m.string,))
        if HANGUL.search(string) and not re.search(r"[A-Za-z]{2,}", HANGUL.sub("", string))
    ]
    assert not korean_only, korean_only[:10]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalogue_is_in_step_with_the_source(tmp_path):
    """makemessages on a copy of the tree finds exactly the catalogue's messages."""
    for part in (
        "accounts",
        "classroom",
        "issuance",
        "lessons",
        "portal",
        "templates",
        "manage.py",
    ):
        source = ROOT / part
        copy = tmp_path / part
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    extracted = {m.id for m in messages(tmp_path / "locale/en/LC_MESSAGES/django.po")}
    committed = {m.id for m in messages()}
    assert extracted - committed == set(), "new text not in the catalogue: make messages-extract"
    assert committed - extracted == set(), "the catalogue holds text the source no longer has"


def test_babel_compiles_the_catalogue_into_what_django_reads(tmp_path):
    locale = tmp_path / "en" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    shutil.copy(PO, locale / "django.po")
    assert catalogues_compile(tmp_path) == [locale / "django.mo"]
    assert catalogues_compile(tmp_path) == []  # up to date: nothing to do
    with (locale / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled.gettext("다음") == "Next (다음)"


def test_django_speaks_english_with_the_korean_beside():
    with translation.override("en"):
        assert translation.gettext("다음") == "Next (다음)"
    with translation.override("ko"):
        assert translation.gettext("다음") == "다음"
