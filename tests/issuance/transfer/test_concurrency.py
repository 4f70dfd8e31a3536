"""Two transfers at once on PostgreSQL: a double submit of the 전자서명 moves the money
once, two transfers in opposite directions neither deadlock nor lose a won, and
signatures at the same moment never go past the 1일 이체한도."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from accounts.banking import account_transfer
from accounts.models import AccountTransaction, BankAccount
from issuance.center import requests
from issuance.models import Transfer
from issuance.transfer import services
from portal.refusals import Refused
from tests.fixtures.pki import CERT_PASSWORD
from tests.issuance.transfer.conftest import APP_PIN, CARD_CODES, PIN

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
    assert sum(1 for o in outcomes if isinstance(o, Refused)) == 2
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


def waiting_on_a_lock() -> int:
    """How many of this database's connections wait for a row lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def ready_to_sign(sender, source, amount: int) -> Transfer:
    """A transfer entered, its 보안카드 answered and approved in the app: SIGNING."""
    transfer = services.transfer_enter(
        customer=sender, source=source, bank_code="004", number="110201-01-700007",
        amount=amount, pin=PIN,
    )  # fmt: skip
    answer = CARD_CODES[transfer.card_slot_a - 1][:2], CARD_CODES[transfer.card_slot_b - 1][2:]
    services.transfer_card_check(transfer=transfer, first_two=answer[0], last_two=answer[1])
    requests.approval_approve(phone_request=transfer.approval, pin=APP_PIN)
    services.approval_proceed(transfer)
    assert transfer.state == Transfer.State.SIGNING
    return transfer


def test_seven_signatures_at_once_stay_within_the_daily_limit(sender, source, receiver, copy):
    """7 transfers of 9,000,000원, each brought to the 전자서명, signed at the same moment
    while the account is busy with another movement: 5 fit in the 1일 이체한도
    (45,000,000원 of 50,000,000원), the 2 others are refused, and every won is there."""
    source.balance = 100_000_000
    source.save()
    amount = 9_000_000
    transfers = [ready_to_sign(sender, source, amount) for _ in range(7)]
    locked, release = threading.Event(), threading.Event()

    def hold_the_account():  # another movement on the account, still in its transaction
        try:
            with transaction.atomic():
                BankAccount.objects.select_for_update().get(pk=source.pk)
                locked.set()
                release.wait(timeout=60)
        finally:
            connections.close_all()

    def signer(transfer):
        def sign():
            fresh = Transfer.objects.select_related("customer", "source").get(pk=transfer.pk)
            return services.transfer_sign(transfer=fresh, copy=copy, password=CERT_PASSWORD)

        return sign

    holder = threading.Thread(target=hold_the_account)
    holder.start()
    outcomes = []
    try:
        assert locked.wait(timeout=60)
        racing = threading.Thread(
            target=lambda: outcomes.extend(race([signer(t) for t in transfers]))
        )
        racing.start()
        deadline = time.monotonic() + 60
        while waiting_on_a_lock() < len(transfers) and time.monotonic() < deadline:
            time.sleep(0.05)  # every signature is verified and waits to move the money
        assert waiting_on_a_lock() == len(transfers)
    finally:
        release.set()
        holder.join(timeout=60)
    racing.join(timeout=120)

    done = [o for o in outcomes if isinstance(o, Transfer)]
    refused = [o for o in outcomes if isinstance(o, Refused)]
    assert (len(done), len(refused)) == (5, 2), outcomes
    assert all("1일 이체한도(50,000,000원)를 넘습니다" in r.message for r in refused)
    assert all("오늘 남은 한도는 5,000,000원입니다" in r.message for r in refused)
    assert Transfer.objects.filter(state=Transfer.State.DONE).count() == 5
    assert services.transferred_today(sender) == 45_000_000
    source.refresh_from_db()
    target = receiver.accounts.get()
    assert source.balance == 100_000_000 - 45_000_000
    assert target.balance == 1_000 + 45_000_000
    assert AccountTransaction.objects.filter(account=source).count() == 5
