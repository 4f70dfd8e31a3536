"""Texts kept as data (a drill's scene, a task, a lesson, a 골든벨 question, a step's
hint) in the page's language with the Korean beside, the site's rule for every language
(docs/I18N.md).

Such a row holds its Korean in its own fields and the other languages in a
``translations`` JSON field of the same shapes: ``{"en": {"why": "…"}, "vi": {"title":
"…", "why": "…"}, "zh-hans": {…}}``. A language the row has no text for falls back to the
Korean, never to another language.
"""

from django.utils import translation

KOREAN = "ko"


def page_language() -> str:
    """The page's language as the data's keys name it: ko, en, vi or zh-hans."""
    language = (translation.get_language() or KOREAN).lower()
    if language.startswith("zh"):
        return "zh-hans"
    return language.split("-")[0]


def beside(text: str, korean: str, language: str) -> str:
    """'Issue a joint certificate (공동인증서 발급)': Chinese takes full-width brackets."""
    if not text or text == korean:
        return korean
    if korean in text:  # the translation already names the Korean beside
        return text
    if language == "zh-hans":
        return f"{text}（{korean}）"
    return f"{text} ({korean})"


def with_english(translations: dict | None, english: str, field: str = "title") -> dict:
    """A row's translations with its English (a field of its own on older models, such as
    ``english``) put under "en" as ``field``."""
    merged = dict(translations or {})
    if english:
        merged["en"] = {**merged.get("en", {}), field: english}
    return merged


def translated(translations: dict | None, field: str, language: str | None = None):
    """The row's ``field`` in ``language`` (the page's by default), or None."""
    language = language or page_language()
    if language == KOREAN:
        return None
    return ((translations or {}).get(language) or {}).get(field) or None


def in_language(korean, translations: dict | None, field: str):
    """The field in the page's language, or the Korean when it has none (a list keeps
    the Korean unless the translation has the same length)."""
    text = translated(translations, field)
    if text is None:
        return korean
    if isinstance(korean, list) and (not isinstance(text, list) or len(text) != len(korean)):
        return korean
    return text


def name_in_language(korean: str, translations: dict | None, field: str = "title") -> str:
    """A short name (a button, a table heading): the page's language with the Korean
    beside; the Korean alone on a Korean page."""
    language = page_language()
    return beside(translated(translations, field, language) or "", korean, language)
