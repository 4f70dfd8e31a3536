"""What the drills say, translatable."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TYPED_ON_FAKE_PAGE = _("가짜 화면에 입력함")
OUTCOME_WORDS = {
    "refused": _("거절했습니다"),
    "reported": _("신고·확인했습니다"),
    "fell": _("속았습니다"),
}


def outcome_line(title: str, outcome: str) -> str:
    return gettext("금융사기 연습 「%(title)s」: %(outcome)s") % {
        "title": title,
        "outcome": OUTCOME_WORDS[outcome],
    }


def report_line(title: str, number) -> str:
    return gettext(
        "금융사기 연습 「%(title)s」: %(name)s(%(number)s)에 신고·확인 (교육용 모의 통화)"
    ) % {
        "title": title,
        "name": number.name,
        "number": number.number,
    }
