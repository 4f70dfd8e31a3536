"""쉬운 화면's plain words (고령자 친화 금융앱 지침: 어려운 금융 용어는 쉬운 말로).

A bank's words for what a learner does (조회, 이체, 갱신, 폐지 …) are hard for many; in
쉬운 화면 each menu, button and heading the learner meets says the plain word with the
bank's own beside it, "보내기 (이체)", so that the real bank's site is still recognised.
Outside 쉬운 화면 the bank's word alone. One place, small on purpose: every word here is
one the learner meets on the home pages, the bank's menus, 조회, 이체 and the 인증센터.
Both words are gettext strings; docs/EASY.md lists them.

In a template: ``{% load page %}{% plain "transfer" %}`` (or ``… as word`` for a
``{% page_header %}``), portal.templatetags.page.plain.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


@dataclass(frozen=True)
class PlainWord:
    bank: str | Promise  # the bank's own word, as the real site says it
    plain: str | Promise  # what it means, in everyday words


PLAIN_WORDS: dict[str, PlainWord] = {
    "inquiry": PlainWord(_("조회"), _("내역 보기")),
    "account_inquiry": PlainWord(_("계좌 조회"), _("내 통장 보기")),
    "history": PlainWord(_("거래내역"), _("돈이 오간 내역")),
    "transfer": PlainWord(_("이체"), _("보내기")),
    "account_transfer": PlainWord(_("계좌 이체"), _("돈 보내기")),
    "issue": PlainWord(_("공동인증서 발급/재발급"), _("인증서 새로 만들기")),
    "renew": PlainWord(_("인증서 갱신"), _("인증서 기간 늘리기")),
    "renew_short": PlainWord(_("갱신"), _("기간 늘리기")),
    "revoke": PlainWord(_("폐지"), _("없애기")),
    "manage": PlainWord(_("인증서 관리"), _("내 인증서 살펴보기")),
    "certificate_login": PlainWord(_("인증서 로그인"), _("인증서로 들어가기")),
}


def plain_word(key: str, *, easy: bool) -> str:
    """The word for ``key``: in 쉬운 화면 "plain (bank)", otherwise the bank's word.

    An unknown key is a programming error (KeyError), not a silent blank."""
    word = PLAIN_WORDS[key]
    if not easy:
        return str(word.bank)
    return pgettext("plain word, the bank's word beside it", "%(plain)s (%(bank)s)") % {
        "plain": word.plain,
        "bank": word.bank,
    }
