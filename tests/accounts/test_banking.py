"""계좌 조회 (/banking/accounts/): the customer's own accounts, balances and 거래내역."""

import pytest
from django.urls import reverse

from accounts.banking import account_transfer, fictitious_holder, this_bank_account
from accounts.models import AccountTransaction
from accounts.services import account_withdraw
from tests.factories import BankAccountFactory, CustomerFactory

pytestmark = pytest.mark.django_db
URL = reverse("accounts:accounts")


@pytest.fixture
def holder(db):
    customer = CustomerFactory(name="김하나")
    BankAccountFactory(customer=customer, number="110201-01-100001", balance=120_000)
    BankAccountFactory(customer=customer, number="110201-01-100002", balance=5_000)
    return customer


def text(response) -> str:
    return response.content.decode()


def test_the_own_accounts_with_balances_and_the_total(client, holder):
    other_account = BankAccountFactory(number="110201-01-900009", balance=777_777)
    client.force_login(holder)
    page = text(client.get(URL))
    assert "110201-01-100001" in page and "120,000원" in page
    assert "110201-01-100002" in page and "125,000원" in page  # 총 잔액
    assert other_account.number not in page and "777,777원" not in page


def test_the_history_of_the_chosen_account_newest_first(client, holder):
    account = holder.accounts.get(number="110201-01-100002")
    account_withdraw(account=account, amount=4_400, description="공동인증서 발급 수수료(범용)")
    account_withdraw(account=account, amount=600, description="두 번째")
    client.force_login(holder)
    page = text(client.get(URL, {"account": account.number}))
    assert page.index("두 번째") < page.index("공동인증서 발급 수수료(범용)")
    assert "4,400원" in page and "600원" in page


def test_another_customers_account_number_shows_the_own_first_account(client, holder):
    other = BankAccountFactory(number="110201-01-900009")
    account_withdraw(account=other, amount=1_000, description="남의 거래")
    client.force_login(holder)
    page = text(client.get(URL, {"account": other.number}))
    assert "남의 거래" not in page and "거래내역 · 110201-01-100001" in page


def test_the_history_pages_by_twenty(client, holder):
    account = holder.accounts.get(number="110201-01-100001")
    for n in range(25):
        account_withdraw(account=account, amount=1, description=f"거래 {n:02d}")
    client.force_login(holder)
    first = text(client.get(URL, {"account": account.number}))
    second = text(client.get(URL, {"account": account.number, "page": 2}))
    assert "거래 24" in first and "거래 04" not in first
    assert "거래 04" in second and "1 / 2" in first


def test_a_customer_without_accounts_is_told(client):
    client.force_login(CustomerFactory())
    assert "이 은행에 계좌가 없습니다" in text(client.get(URL))


def test_visitors_log_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


class TestTheMoney:
    def test_a_transfer_debits_and_credits_in_one_go(self, holder):
        source = holder.accounts.get(number="110201-01-100001")
        target = holder.accounts.get(number="110201-01-100002")
        account_transfer(
            source=source, amount=20_000, target=target, out_description="a", in_description="b"
        )
        source.refresh_from_db()
        target.refresh_from_db()
        assert (source.balance, target.balance) == (100_000, 25_000)
        assert AccountTransaction.objects.count() == 2

    def test_never_below_zero(self, holder):
        from accounts.banking import InsufficientFunds

        source = holder.accounts.get(number="110201-01-100002")
        with pytest.raises(InsufficientFunds):
            account_transfer(
                source=source, amount=5_001, target=None, out_description="a", in_description="b"
            )
        source.refresh_from_db()
        assert source.balance == 5_000 and not AccountTransaction.objects.exists()

    def test_numbers_are_found_with_or_without_hyphens(self, holder):
        assert this_bank_account("11020101100001").number == "110201-01-100001"
        assert this_bank_account("110201-01-100001").number == "110201-01-100001"
        assert this_bank_account("123") is None

    def test_another_banks_holder_is_made_up_but_stable(self):
        assert fictitious_holder("088", "110-123-456789") == fictitious_holder(
            "088", "110123456789"
        )
        assert len(fictitious_holder("088", "110123456789")) == 3
