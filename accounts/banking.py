"""The bank around the certificate: 계좌 조회 reads and the movement of an 이체.

Banks are named by their 금융기관 코드 (this bank's is ``settings.BANK_CODE``).
Accounts of this bank are real rows (another persona's account is a valid
recipient); accounts of the other banks are fictitious: any well-formed number
is accepted and its 예금주 is a made-up name derived from the number, so the
confirmation page shows a name as a real bank would.
"""

import hashlib
import re

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountTransaction, BankAccount, Customer

OTHER_BANKS = {
    "088": _("신한은행 (모의)"),
    "020": _("우리은행 (모의)"),
    "081": _("하나은행 (모의)"),
    "011": _("NH농협은행 (모의)"),
    "090": _("카카오뱅크 (모의)"),
}
OTHER_ACCOUNT_PATTERN = re.compile(r"^[0-9]{10,14}$")
# Made-up 예금주 names: a Korean name stays Korean in English, like the personas'.
FICTITIOUS_SURNAMES = "김이박최정강조윤장임한오서신권황"  # i18n: persona names are data
FICTITIOUS_GIVEN = (
    "민수", "지영", "현우", "수진", "영호",  # i18n: persona names are data
    "미영", "성민", "은정", "동현", "혜진",  # i18n: persona names are data
)  # fmt: skip


def own_bank_name() -> str:
    """The bank's brand: Korean, or in another language its English name with the Korean beside."""
    if (translation.get_language() or "ko").startswith("ko"):
        return settings.BANK_NAME
    return f"{settings.BANK_NAME_EN} ({settings.BANK_NAME})"


def banks() -> list[tuple[str, str]]:
    return [(settings.BANK_CODE, own_bank_name()), *OTHER_BANKS.items()]


def bank_name(code: str) -> str:
    return dict(banks()).get(code, code)


def digits_only(number: str) -> str:
    return re.sub(r"[^0-9]", "", number or "")


def this_bank_account(number: str) -> BankAccount | None:
    """An account of this bank by its number, typed with or without the hyphens."""
    digits = digits_only(number)
    if len(digits) != 14:
        return None
    formatted = f"{digits[:6]}-{digits[6:8]}-{digits[8:]}"
    return BankAccount.objects.select_related("customer").filter(number=formatted).first()


def fictitious_holder(bank_code: str, number: str) -> str:
    """The made-up 예금주 of another bank's account: the same number, the same name."""
    seed = hashlib.sha256(f"{bank_code}:{digits_only(number)}".encode()).digest()
    surname = FICTITIOUS_SURNAMES[seed[0] % len(FICTITIOUS_SURNAMES)]
    return surname + FICTITIOUS_GIVEN[seed[1] % len(FICTITIOUS_GIVEN)]


def customer_accounts(customer: Customer):
    return BankAccount.objects.filter(customer=customer).order_by("number")


def account_history(account: BankAccount):
    """거래내역, newest first."""
    return AccountTransaction.objects.filter(account=account).order_by("-created_at", "-id")


class InsufficientFunds(Exception):
    """잔액 부족 at the moment the money moves."""


@transaction.atomic
def account_transfer(
    *,
    source: BankAccount,
    amount: int,
    target: BankAccount | None,
    out_description: str,
    in_description: str,
) -> AccountTransaction:
    """Move ``amount`` from ``source`` to ``target`` (None: another bank's account).

    Both rows are locked in the order of their keys, so two transfers between the
    same accounts in opposite directions wait for each other instead of
    deadlocking; the debit is conditional, so no balance ever goes below zero.
    Returns the withdrawal.
    """
    if amount <= 0:
        raise ValueError("amount must be positive")
    keys = sorted({source.pk, target.pk} if target else {source.pk})
    list(BankAccount.objects.select_for_update().filter(pk__in=keys).order_by("pk"))
    if not BankAccount.objects.filter(pk=source.pk, balance__gte=amount).update(
        balance=F("balance") - amount
    ):
        raise InsufficientFunds(source.number)
    source.refresh_from_db(fields=["balance"])
    withdrawal = AccountTransaction.objects.create(
        account=source, amount=-amount, balance_after=source.balance, description=out_description
    )
    if target is not None:
        BankAccount.objects.filter(pk=target.pk).update(balance=F("balance") + amount)
        target.refresh_from_db(fields=["balance"])
        AccountTransaction.objects.create(
            account=target, amount=amount, balance_after=target.balance, description=in_description
        )
    return withdrawal
