"""A drill's texts in the page's language with the Korean beside, the site's rule for
every language (docs/I18N.md): the learner reads their own language and still meets
the Korean words a real caller or a real bank page would use.

On a Korean page the scene stays Korean, as a real call would be; the debrief adds the
English beside (``beside="en"``), as issue #23 asks, and other languages as their
translations arrive in the data (``Drill.translations``).
"""

from dataclasses import dataclass

from django.utils import translation

KOREAN = "ko"


@dataclass(frozen=True)
class Said:
    text: str
    lang: str
    beside: str = ""  # the same in the other language, or empty
    beside_lang: str = ""


def _korean(drill, field: str) -> list[str]:
    value = getattr(drill, field)
    if field == "choices":
        return [choice["label"] for choice in value]
    return value if isinstance(value, list) else [value]


def said(drill, field: str, *, beside: str = "") -> list[Said]:
    """``drill``'s ``field`` ("lines", "choices", "fell", "signs", "todo", "call") as
    one ``Said`` per sentence: the page's language first with the Korean beside; on a
    Korean page the Korean, with ``beside``'s language beside it when asked for."""
    korean = _korean(drill, field)
    page = (translation.get_language() or KOREAN).split("-")[0]
    other = page if page != KOREAN else beside
    texts = drill.translated(other).get(field) if other else None
    if isinstance(texts, str):
        texts = [texts]
    if not texts or len(texts) != len(korean):
        return [Said(text, KOREAN) for text in korean]
    if page != KOREAN:
        return [Said(text, page, k, KOREAN) for text, k in zip(texts, korean, strict=True)]
    return [Said(k, KOREAN, text, other) for k, text in zip(korean, texts, strict=True)]
