"""Dates and won amounts in each language's own way (portal/formats, issue #26): the
bank's 2026-12-06 in Korean and English, 06/12/2026 in Vietnamese, 2026年12月6日 in
Chinese; 1,260,000 and 1.260.000 grouped in threes in every language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import BankAccountFactory, CustomerFactory

SHOWN = Template('{{ amount|floatformat:"0g" }} · {{ day|date:"SHORT_DATE_FORMAT" }} · '
                 '{{ moment|date:"SHORT_DATETIME_FORMAT" }}')  # fmt: skip


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ko", "1,260,000 · 2026-12-06 · 2026-12-06 09:05"),
        ("en", "1,260,000 · 2026-12-06 · 2026-12-06 09:05"),
        ("vi", "1.260.000 · 06/12/2026 · 06/12/2026 09:05"),
        ("zh-hans", "1,260,000 · 2026年12月6日 · 2026年12月6日 09:05"),
    ],
)
def test_each_language_writes_amounts_and_dates_its_own_way(language, expected):
    context = Context(
        {
            "amount": 1_260_000,
            "day": datetime.date(2026, 12, 6),
            "moment": datetime.datetime(2026, 12, 6, 9, 5),
        }
    )
    with translation.override(language):
        assert SHOWN.render(context) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "balance"),
    [("ko", "1,260,000원"), ("vi", "1.260.000 won"), ("zh-hans", "1,260,000韩元")],
)
def test_the_accounts_page_shows_the_balance_in_the_learners_language(client, language, balance):
    customer = CustomerFactory()
    BankAccountFactory(customer=customer, balance=1_260_000)
    client.force_login(customer)
    client.cookies["django_language"] = language
    assert balance in client.get("/banking/accounts/").content.decode()
