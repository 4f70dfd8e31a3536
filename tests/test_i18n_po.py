"""The catalogues (locale/<lang>/LC_MESSAGES/django.po: English, Vietnamese, Chinese):
complete, their placeholders kept, in step with the source, in their language with the
Korean only beside it, and compiled by Babel into what Django reads."""

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
LANGUAGES = ["en", "vi", "zh_Hans"]  # the locale directories, as settings.LANGUAGES
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%%")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# The language's own writing beside the Korean: Latin words (with Vietnamese tone
# marks) for English and Vietnamese, Chinese characters for Chinese.
OWN_SCRIPT = {
    "en": re.compile(r"[A-Za-z]{2,}"),
    "vi": re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{2,}"),
    "zh_Hans": re.compile(r"[\u4e00-\u9fff]"),
}


def po_of(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogue(path: Path = PO):
    with path.open("rb") as source:
        return read_po(source, locale=path.parent.parent.name)


def messages(path: Path = PO):
    return [m for m in catalogue(path) if m.id]


def strings(m) -> tuple:
    return m.string if isinstance(m.string, tuple) else (m.string,)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    missing = [m.id for m in messages(po_of(language)) if m.fuzzy or not all(strings(m))]
    assert not missing, f"{len(missing)} message(s) without {language}: {missing[:10]}"


@pytest.mark.parametrize("language", ["vi", "zh_Hans"])
def test_every_language_holds_the_same_messages_as_the_english(language):
    """make messages-extract updates every catalogue; none lags behind the English."""
    english = {(m.context, m.id) for m in messages()}
    other = {(m.context, m.id) for m in messages(po_of(language))}
    assert english - other == set(), f"{language} lacks: {sorted(english - other)[:10]}"
    assert other - english == set(), f"{language} has extra: {sorted(other - english)[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_every_placeholder(language):
    wrong = []
    for m in messages(po_of(language)):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(string))) != wanted:
                wrong.append((ids[0], string))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_translation_is_in_its_language_with_the_korean_only_beside_it(language):
    """A translation that is Korean alone teaches nothing: the language's own writing
    must be there."""
    own = OWN_SCRIPT[language]
    korean_only = [
        m.id
        for m in messages(po_of(language))
        for string in strings(m)
        if HANGUL.search(string) and not own.search(HANGUL.sub("", string))
    ]
    assert not korean_only, korean_only[:10]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize(
    "po",
    [po_of(language) for language in LANGUAGES] + [ROOT / "locale-django/vi/LC_MESSAGES/django.po"],
    ids=lambda path: "/".join(path.parts[-4:-2]),
)
def test_msgfmt_checks_each_catalogue(po, tmp_path):
    """GNU msgfmt --check: formats (python-format placeholders), plural forms, headers."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


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


@pytest.mark.parametrize(
    ("language", "next_button"),
    [
        ("ko", "다음"),
        ("en", "Next (다음)"),
        ("vi", "Tiếp theo (다음)"),
        ("zh-hans", "下一步（다음）"),
    ],
)
def test_django_speaks_each_language_with_the_korean_beside(language, next_button):
    with translation.override(language):
        assert translation.gettext("다음") == next_button


def test_django_own_messages_are_vietnamese_not_the_korean_fallback():
    """Django falls back to LANGUAGE_CODE (Korean) where its Vietnamese catalogue has a
    gap; locale-django/vi fills those gaps."""
    with translation.override("vi"):
        assert translation.gettext("Skip to main content") == "Chuyển đến nội dung chính"
