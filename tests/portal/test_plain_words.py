"""쉬운 화면's plain words (portal/plain_words.py, ``{% plain %}``): in easy view the plain
word with the bank's beside it, "보내기 (이체)"; elsewhere the bank's word alone; both
from the catalogue (gettext), in Korean and in English; on the pages a learner meets."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from portal.display import EASY_VIEW_COOKIE
from portal.plain_words import PLAIN_WORDS, plain_word

PLAIN = Template('{% load page %}{% plain "transfer" %}|{% plain "inquiry" as word %}{{ word }}')


def test_easy_view_says_the_plain_word_with_the_banks_beside():
    with translation.override("ko"):
        assert plain_word("transfer", easy=True) == "보내기 (이체)"
        assert plain_word("inquiry", easy=True) == "내역 보기 (조회)"
        assert plain_word("renew", easy=True) == "인증서 기간 늘리기 (인증서 갱신)"


def test_the_normal_view_says_the_banks_word_alone():
    with translation.override("ko"):
        assert plain_word("transfer", easy=False) == "이체"
        assert plain_word("inquiry", easy=False) == "조회"


def test_every_word_is_a_translated_pair_in_english_too():
    pattern = pgettext("plain word, the bank's word beside it", "%(plain)s (%(bank)s)")
    with translation.override("en"):
        assert plain_word("transfer", easy=False) == gettext("이체") != "이체"
        for key, word in PLAIN_WORDS.items():
            assert plain_word(key, easy=False) == str(word.bank)
            easy = plain_word(key, easy=True)
            assert str(word.bank) in easy and str(word.plain) in easy
    assert "%(plain)s" in pattern and "%(bank)s" in pattern


def test_the_words_are_few_and_all_different():
    assert 5 <= len(PLAIN_WORDS) <= 20
    with translation.override("ko"):
        banks = [str(word.bank) for word in PLAIN_WORDS.values()]
        plains = [str(word.plain) for word in PLAIN_WORDS.values()]
    assert len(set(banks)) == len(banks) and len(set(plains)) == len(plains)
    assert not set(banks) & set(plains)


def test_an_unknown_word_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        plain_word("no-such-word", easy=True)


@pytest.mark.parametrize(
    ("easy", "expected"), [(True, "보내기 (이체)|내역 보기 (조회)"), (False, "이체|조회")]
)
def test_the_tag_follows_the_pages_easy_view(easy, expected):
    with translation.override("ko"):
        assert PLAIN.render(Context({"easy_view": easy})) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("easy", [True, False])
def test_the_bank_pages_say_them(client, customer, easy):
    if easy:
        client.cookies[EASY_VIEW_COOKIE] = "1"
    client.force_login(customer)
    accounts = client.get(reverse("accounts:accounts")).content.decode()
    transfer = client.get(reverse("transfer:start")).content.decode()
    center = client.get(reverse("center:home")).content.decode()
    if easy:
        assert "<h1>내 통장 보기 (계좌 조회)</h1>" in accounts
        assert "<h1>돈 보내기 (계좌 이체)</h1>" in transfer
        assert "내역 보기 (조회)</li>" in accounts and "보내기 (이체)</li>" in transfer
        assert "인증서 기간 늘리기 (인증서 갱신)" in center
    else:
        assert "<h1>계좌 조회</h1>" in accounts and "<h1>계좌 이체</h1>" in transfer
        assert "보내기" not in accounts + transfer and "기간 늘리기" not in center
        # the full header's menu: the bank's words
        assert '">조회</a>' in accounts and '">이체</a>' in accounts
