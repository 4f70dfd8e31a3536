"""The term list (portal/terms.json, issue #26): the key terms are written the same way
everywhere. Wherever a catalogue puts a checked term's Korean in brackets — "Thẻ bảo mật
(보안카드)" — the learner's word for it is the list's, in every language; and the list
itself is whole."""

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TERMS = json.loads((ROOT / "portal" / "terms.json").read_text(encoding="utf-8"))["terms"]
CATALOGUES = {"en": "en", "vi": "vi", "zh-hans": "zh_Hans"}
ISSUE_NAMES = {
    "공동인증서",
    "금융인증서",
    "보안카드",
    "계좌비밀번호",
    "주민등록번호",
    "외국인등록번호",
    "인증센터",
}


def word(rendering: str) -> str:
    """ "Security card (보안카드)" → "security card": the learner's word before the Korean."""
    return re.split(r"\s*[（(]", rendering)[0].strip().lower()


def translations(language: str) -> list[str]:
    path = ROOT / "locale" / CATALOGUES[language] / "LC_MESSAGES" / "django.po"
    with path.open("rb") as source:
        catalogue = read_po(source, locale=CATALOGUES[language])
    found = []
    for message in catalogue:
        if message.id:
            found += message.string if isinstance(message.string, tuple) else [message.string]
    return found


def test_the_list_names_the_issues_terms_in_every_language_with_the_korean_beside():
    checked = {term["ko"] for term in TERMS if term["checked"]}
    assert checked >= ISSUE_NAMES
    for term in TERMS:
        if not term["checked"]:
            continue
        for language in CATALOGUES:
            assert term["ko"] in term[language], f"{term['ko']}: {language} lacks the Korean"


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_catalogue_writes_the_checked_terms_as_the_list_does(language):
    strings = translations(language)
    astray = []
    for term in TERMS:
        if not term["checked"]:
            continue
        beside = re.compile(r"[（(]" + re.escape(term["ko"]) + r"[)）]")
        expected = word(term[language])
        astray += [
            (term["ko"], string)
            for string in strings
            if beside.search(string) and expected not in string.lower()
        ]
    assert astray == [], astray[:10]
