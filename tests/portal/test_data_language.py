"""Data texts in the page's language with the Korean beside (portal/data_language.py)."""

import pytest
from django.utils import translation

from portal.data_language import (
    beside,
    in_language,
    name_in_language,
    page_language,
    with_english,
)

TRANSLATIONS = {
    "en": {"title": "Security card"},
    "vi": {"title": "Thẻ bảo mật", "lines": ["Một", "Hai"]},
    "zh-hans": {"title": "安全卡"},
}


@pytest.mark.parametrize(
    ("active", "expected"),
    [("ko", "ko"), ("ko-kr", "ko"), ("en", "en"), ("vi", "vi"), ("zh-hans", "zh-hans")],
)
def test_the_page_language_is_named_as_the_data_names_it(active, expected):
    with translation.override(active):
        assert page_language() == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ko", "보안카드"),
        ("en", "Security card (보안카드)"),
        ("vi", "Thẻ bảo mật (보안카드)"),
        ("zh-hans", "安全卡（보안카드）"),
    ],
)
def test_a_name_reads_in_the_page_language_with_the_korean_beside(language, expected):
    with translation.override(language):
        assert name_in_language("보안카드", TRANSLATIONS) == expected


def test_a_language_without_a_text_shows_the_korean_never_another_language():
    with translation.override("vi"):
        assert name_in_language("보안카드", {"en": {"title": "Security card"}}) == "보안카드"
        assert in_language("한 줄", {}, "why") == "한 줄"


def test_a_list_is_translated_only_when_it_has_the_same_length():
    with translation.override("vi"):
        assert in_language(["하나", "둘"], TRANSLATIONS, "lines") == ["Một", "Hai"]
        assert in_language(["하나", "둘", "셋"], TRANSLATIONS, "lines") == ["하나", "둘", "셋"]


def test_a_translation_that_already_names_the_korean_is_not_doubled():
    assert beside("Issue (공동인증서 발급)", "공동인증서 발급", "en") == "Issue (공동인증서 발급)"
    assert beside("", "발급", "en") == "발급"


def test_an_english_field_of_its_own_joins_the_translations():
    merged = with_english({"en": {"why": "Because"}, "vi": {"title": "Tiêu đề"}}, "Title")
    assert merged == {"en": {"why": "Because", "title": "Title"}, "vi": {"title": "Tiêu đề"}}
    assert with_english({}, "", "text") == {}
