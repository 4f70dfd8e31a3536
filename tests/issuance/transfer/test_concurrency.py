"""Two transfers at once on PostgreSQL: a double submit of the 전자서명 moves the money
once, and two transfers in opposite directions neither deadlock nor lose a won."""

import threading

import pytest
from django.db import connection, connections

from accounts.banking import account_transfer
from accounts.models import AccountTransaction, BankAccount
from issuance.models import Transfer
from issuance.transfer import services
from tests.issuance.conftest import CERT_PASSWORD
from tests.issuance.transfer.conftest import CARD_CODES, PIN

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level concurrency is checked on PostgreSQL"
    ),
]


def race(actions) -> list:
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def run(action):
        try:
            barrier.wait()
            outcomes.append(action())
        except Exception as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_signatures_of_one_transfer_move_the_money_once(sender, source, receiver, copy):
    transfer = services.transfer_enter(
        customer=sender, source=source, bank_code="004", number="110201-01-700007",
        amount=10_000, pin=PIN,
    )  # fmt: skip
    answer = CARD_CODES[transfer.card_slot_a - 1][:2], CARD_CODES[transfer.card_slot_b - 1][2:]
    services.transfer_card_check(transfer=transfer, first_two=answer[0], last_two=answer[1])

    def submit():
        fresh = Transfer.objects.select_related("customer", "source").get(pk=transfer.pk)
        return services.transfer_sign(transfer=fresh, copy=copy, password=CERT_PASSWORD)

    outcomes = race([submit, submit, submit])
    assert sum(1 for o in outcomes if isinstance(o, Transfer)) == 1
    assert sum(1 for o in outcomes if isinstance(o, services.TransferRefused)) == 2
    assert AccountTransaction.objects.filter(account=source).count() == 1
    source.refresh_from_db()
    assert source.balance == 20_000_000 - 10_000


def test_opposite_transfers_at_once_keep_every_won(source, receiver):
    target = receiver.accounts.get()
    target.balance = 20_000_000
    target.save()

    def there():
        return account_transfer(
            source=BankAccount.objects.get(pk=source.pk), amount=1_000,
            target=BankAccount.objects.get(pk=target.pk), out_description="a", in_description="b",
        )  # fmt: skip

    def back():
        return account_transfer(
            source=BankAccount.objects.get(pk=target.pk), amount=3_000,
            target=BankAccount.objects.get(pk=source.pk), out_description="c", in_description="d",
        )  # fmt: skip

    outcomes = race([there, back, there, back])
    assert all(isinstance(o, AccountTransaction) for o in outcomes), outcomes
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.balance == 20_000_000 - 2_000 + 6_000
    assert target.balance == 20_000_000 + 2_000 - 6_000
