"""A customer who can transfer (account, 보안카드, banking app, a certificate on the PC's
hard disk) and another customer of the same bank to receive."""

import pytest

from issuance.ca.services import certificate_issue
from tests.factories import (
    BankAccountFactory,
    CustomerFactory,
    MobileAuthenticatorFactory,
    SecurityCardFactory,
)
from tests.fixtures.pki import CERT_PASSWORD

CARD_CODES = [f"{i:02d}{(i * 7) % 100:02d}" for i in range(1, 36)]
PIN = "1357"
APP_PIN = "135790"


def card_answer(slot_a: int, slot_b: int) -> dict:
    return {
        "card_first_two": CARD_CODES[slot_a - 1][:2],
        "card_last_two": CARD_CODES[slot_b - 1][2:],
    }


@pytest.fixture
def sender(issuing_ca):
    customer = CustomerFactory(user_id="sender", name="김하나", rrn="850315-1234567")
    BankAccountFactory(customer=customer, number="110201-01-100001", pin=PIN, balance=20_000_000)
    SecurityCardFactory(customer=customer, codes=CARD_CODES)
    MobileAuthenticatorFactory(customer=customer, pin=APP_PIN)
    return customer


@pytest.fixture
def source(sender):
    return sender.accounts.get()


@pytest.fixture
def receiver(db):
    customer = CustomerFactory(user_id="receiver", name="윤일곱", rrn="770707-2345678")
    BankAccountFactory(customer=customer, number="110201-01-700007", balance=1_000)
    return customer


@pytest.fixture
def copy(sender):
    issued = certificate_issue(
        customer=sender, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


@pytest.fixture
def bank(client, sender):
    client.force_login(sender)
    return client
