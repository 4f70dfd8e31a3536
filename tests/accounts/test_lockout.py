"""The one lock mechanism behind every typed secret: counts, lock, unlock."""

import pytest

from accounts.services import (
    account_pin_verify,
    medium_unlock,
    mobile_pin_verify,
    security_card_verify,
)
from tests.factories import BankAccountFactory, MobileAuthenticatorFactory, SecurityCardFactory

pytestmark = pytest.mark.django_db


def test_wrong_pin_counts_and_shows_n_of_threshold():
    account = BankAccountFactory(pin="1234")
    result = account_pin_verify(account=account, pin="0000")
    assert (result.ok, result.failures, result.threshold, result.locked) == (False, 1, 5, False)
    assert result.remaining == 4
    account.refresh_from_db()
    assert account.failure_count == 1


def test_right_pin_resets_the_count():
    account = BankAccountFactory(pin="1234")
    account_pin_verify(account=account, pin="0000")
    account_pin_verify(account=account, pin="0001")
    result = account_pin_verify(account=account, pin="1234")
    assert result.ok
    account.refresh_from_db()
    assert account.failure_count == 0


def test_locks_at_the_threshold_and_then_refuses_even_the_right_pin():
    account = BankAccountFactory(pin="1234")
    results = [account_pin_verify(account=account, pin="0000") for _ in range(5)]
    assert [r.failures for r in results] == [1, 2, 3, 4, 5]
    assert results[-1].locked and not results[-2].locked
    after = account_pin_verify(account=account, pin="1234")
    assert not after.ok and after.locked
    account.refresh_from_db()
    assert account.is_locked and account.failure_count == 5  # a locked try is not counted


def test_threshold_is_a_setting(settings):
    settings.LOCK_THRESHOLDS = {**settings.LOCK_THRESHOLDS, "account_pin": 3}
    account = BankAccountFactory(pin="1234")
    results = [account_pin_verify(account=account, pin="0000") for _ in range(3)]
    assert results[-1].locked and results[-1].threshold == 3


def test_unlock_clears_count_and_lock():
    account = BankAccountFactory(pin="1234")
    for _ in range(5):
        account_pin_verify(account=account, pin="0000")
    medium_unlock(medium=account)
    account.refresh_from_db()
    assert not account.is_locked and account.failure_count == 0
    assert account_pin_verify(account=account, pin="1234").ok


def test_security_card_has_its_own_counter():
    codes = [f"{i:02d}{i:02d}" for i in range(1, 36)]
    card = SecurityCardFactory(codes=codes)
    assert not security_card_verify(card=card, slot_a=1, first_two="99", slot_b=2, last_two="02").ok
    assert security_card_verify(card=card, slot_a=1, first_two="01", slot_b=2, last_two="02").ok
    for _ in range(5):
        result = security_card_verify(card=card, slot_a=1, first_two="99", slot_b=2, last_two="99")
    assert result.locked


def test_mobile_pin_locks_at_five():
    app = MobileAuthenticatorFactory(pin="123456")
    for _ in range(4):
        assert not mobile_pin_verify(authenticator=app, pin="000000").locked
    assert mobile_pin_verify(authenticator=app, pin="000000").locked
    assert not mobile_pin_verify(authenticator=app, pin="123456").ok
