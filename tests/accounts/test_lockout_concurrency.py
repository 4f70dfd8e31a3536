"""Secrets checked outside any lock, counted by one conditional UPDATE: on PostgreSQL,
attempts at the same moment lose no failure and never pass the lock."""

import threading

import pytest
from django.db import connection, connections

from accounts.models import BankAccount
from accounts.services import account_pin_verify
from tests.factories import BankAccountFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level concurrency is checked on PostgreSQL"
    ),
]


def at_once(action, times: int) -> list:
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(action())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_wrong_pins_at_the_same_moment_are_each_counted():
    account = BankAccountFactory(pin="1357")

    outcomes = at_once(
        lambda: account_pin_verify(account=BankAccount.objects.get(pk=account.pk), pin="0000"), 3
    )

    account.refresh_from_db()
    assert account.failure_count == 3 and not account.is_locked
    # Each page shows the count as it stands after its own attempt (others' included).
    assert all(1 <= o.failures <= 3 for o in outcomes) and max(o.failures for o in outcomes) == 3


def test_eight_wrong_pins_at_once_lock_at_five_and_count_no_further():
    account = BankAccountFactory(pin="1357")

    outcomes = at_once(
        lambda: account_pin_verify(account=BankAccount.objects.get(pk=account.pk), pin="0000"), 8
    )

    account.refresh_from_db()
    assert account.failure_count == 5 and account.is_locked
    assert all(not o.ok for o in outcomes)
    assert account_pin_verify(account=account, pin="1357").locked  # even the right one
