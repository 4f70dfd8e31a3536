"""Writes for customers and their media. Every function is keyword-only and atomic.

The one mechanism behind every secret a customer types (login password,
계좌비밀번호, 보안카드, app PIN) is ``secret_verify``: it locks the row, refuses a
locked medium without looking at the input, counts a failure (locking at the
threshold) or resets the count on success, and reports ``N/threshold`` so the
page can say "N/5회".
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.hashers import make_pin_hash
from accounts.models import (
    AccountTransaction,
    BankAccount,
    CheckCounter,
    Customer,
    LockableMedium,
    MobileAuthenticator,
    RegisteredPhone,
    SecurityCard,
)
from accounts.personas import PERSONAS_BY_KEY, Persona
from portal.refusals import Refused


@dataclass(frozen=True)
class SecretCheck:
    """The outcome of one attempt, with what the page must show."""

    ok: bool
    failures: int
    threshold: int
    locked: bool
    # Refused without looking at the input: the medium was locked before this attempt,
    # so it is a refusal, not a wrong attempt (the results count only wrong ones).
    was_locked: bool = False

    @property
    def remaining(self) -> int:
        return max(self.threshold - self.failures, 0)


def secret_verify[M: LockableMedium](
    *, medium: M, check: Callable[[M], bool], threshold: int | None = None
) -> SecretCheck:
    """Run ``check`` on a fresh copy of ``medium`` and count the outcome atomically.

    The check (an Argon2 hash: tens of milliseconds) runs outside any lock or
    transaction; only the count is written, by one conditional UPDATE, so
    concurrent attempts can neither lose a failure nor pass the lock:
    ``failure_count + 1`` and the lock at the threshold happen in the same
    statement, on a row that is not locked yet. ``threshold`` overrides the
    setting (a trainer's scenario may lower it).
    """
    model = type(medium)
    row = model.objects.get(pk=medium.pk)
    threshold = threshold or row.lock_threshold
    if row.is_locked:
        outcome = SecretCheck(
            ok=False, failures=row.failure_count, threshold=threshold, locked=True, was_locked=True
        )
    elif check(row):
        if row.failure_count:
            model.objects.filter(pk=row.pk, failure_count__gt=0).update(failure_count=0)
        row.failure_count = 0
        outcome = SecretCheck(ok=True, failures=0, threshold=threshold, locked=False)
    else:
        model.objects.filter(pk=row.pk, locked_at__isnull=True).update(
            failure_count=F("failure_count") + 1,
            # The right side reads the row before the update: this is the failure_count-th.
            locked_at=Case(
                When(failure_count__gte=threshold - 1, then=Value(timezone.now())),
                default=None,
                output_field=models.DateTimeField(),
            ),
        )
        row.failure_count, row.locked_at = model.objects.filter(pk=row.pk).values_list(
            "failure_count", "locked_at"
        )[0]
        outcome = SecretCheck(
            ok=False, failures=row.failure_count, threshold=threshold, locked=row.is_locked
        )
    medium.failure_count, medium.locked_at = row.failure_count, row.locked_at
    return outcome


def customer_password_verify(*, customer: Customer, password: str) -> SecretCheck:
    return secret_verify(medium=customer, check=lambda c: c.check_password(password))


def account_pin_verify(
    *, account: BankAccount, pin: str, threshold: int | None = None
) -> SecretCheck:
    return secret_verify(medium=account, check=lambda a: a.pin_matches(pin), threshold=threshold)


def security_card_verify(
    *,
    card: SecurityCard,
    slot_a: int,
    first_two: str,
    slot_b: int,
    last_two: str,
    threshold: int | None = None,
) -> SecretCheck:
    return secret_verify(
        medium=card,
        check=lambda c: c.answer_matches(slot_a, first_two, slot_b, last_two),
        threshold=threshold,
    )


def mobile_pin_verify(
    *, authenticator: MobileAuthenticator, pin: str, threshold: int | None = None
) -> SecretCheck:
    return secret_verify(
        medium=authenticator, check=lambda m: m.pin_matches(pin), threshold=threshold
    )


def check_record(*, customer: Customer, kind: str, passed: bool, threshold: int | None = None):
    """Count one 사용자 확인 or ARS attempt on the customer's own counter (N/5, lock)."""
    counter, _created = CheckCounter.objects.get_or_create(customer=customer, kind=kind)
    return secret_verify(medium=counter, check=lambda _row: passed, threshold=threshold)


def internet_banking_join(*, name: str, rrn: str, account_number: str, pin: str) -> Customer:
    """인터넷뱅킹 가입 for a customer who has an account but no membership yet.

    Name, 주민등록번호 and account must be one customer's; the account's PIN is
    checked (and counted) like everywhere else.
    """
    try:
        customer = Customer.objects.get_by_rrn(rrn)
    except (Customer.DoesNotExist, ValidationError):
        customer = None
    account = customer and customer.accounts.filter(number=account_number).first()
    if customer is None or customer.name != name.strip() or account is None:
        raise Refused(
            _(
                "입력하신 정보와 일치하는 고객이 없습니다. "
                "이름, 주민등록번호, 계좌번호를 확인하세요."
            )
        )
    if customer.is_internet_banking_member:
        raise Refused(_("이미 인터넷뱅킹에 가입한 고객입니다. 사용자 ID로 로그인하세요."))
    result = account_pin_verify(account=account, pin=pin)
    if not result.ok:
        if result.locked:
            message = _(
                "계좌비밀번호를 %(n)d회 잘못 입력하여 잠겼습니다. "
                "영업점 또는 강사에게 오류 해제를 요청하세요."
            ) % {"n": result.threshold}
        else:
            message = _("계좌비밀번호가 올바르지 않습니다 (%(failures)d/%(threshold)d회)") % {
                "failures": result.failures,
                "threshold": result.threshold,
            }
        raise Refused(message, field="pin")
    Customer.objects.filter(pk=customer.pk).update(internet_banking_joined_on=timezone.localdate())
    customer.refresh_from_db()
    return customer


def medium_unlock(*, medium: LockableMedium) -> None:
    """오류 해제: clear the counter and the lock (admin or trainer)."""
    type(medium).objects.filter(pk=medium.pk).update(failure_count=0, locked_at=None)
    medium.failure_count, medium.locked_at = 0, None


@transaction.atomic
def persona_apply(*, persona: Persona) -> Customer:
    """Create the persona's customer, or put it back exactly as the persona says.

    Used by ``seed_personas`` (create) and the admin's 페르소나 초기화 (reset):
    password, lock, membership, phones, accounts (balances, PINs, no 거래내역), 보안카드
    and app.
    """
    customer = Customer.objects.filter(persona_key=persona.key).first()
    if customer is None:
        if Customer.objects.filter(user_id=persona.user_id).exists():
            raise PersonaConflict(
                _("사용자 ID '%(user_id)s'를 페르소나가 아닌 고객이 이미 쓰고 있습니다.")
                % {"user_id": persona.user_id}
            )
        customer = Customer(persona_key=persona.key)
    customer.user_id = persona.user_id
    customer.name = persona.name
    customer.name_en = persona.name_en
    customer.set_rrn(persona.rrn)
    customer.password = make_pin_hash(persona.password)  # practice data: accounts.hashers
    customer.internet_banking_joined_on = (
        datetime.date.fromisoformat(persona.member_since) if persona.member_since else None
    )
    customer.is_active = True
    customer.failure_count, customer.locked_at = 0, None
    customer.save()

    customer.phones.all().delete()
    RegisteredPhone.objects.bulk_create(
        RegisteredPhone(customer=customer, number=number) for number in persona.phones
    )

    customer.accounts.exclude(number__in=[a.number for a in persona.accounts]).delete()
    AccountTransaction.objects.filter(account__customer=customer).delete()  # 거래내역 anew
    for spec in persona.accounts:
        account = BankAccount.objects.filter(number=spec.number).first() or BankAccount(
            number=spec.number
        )
        if account.pk and account.customer_id != customer.pk:
            raise PersonaConflict(
                _("계좌번호 %(number)s를 다른 고객이 쓰고 있습니다.") % {"number": spec.number}
            )
        account.customer = customer
        account.product_name = spec.product_name
        account.balance = spec.balance
        account.internet_banking_registered = spec.internet_banking_registered
        account.set_pin(spec.pin)
        account.failure_count, account.locked_at = 0, None
        account.save()

    SecurityCard.objects.filter(customer=customer).delete()
    if persona.security_card:
        card = SecurityCard(customer=customer, serial=persona.security_card.serial)
        card.set_codes(persona.security_card.codes())
        card.save()

    MobileAuthenticator.objects.filter(customer=customer).delete()
    if persona.mobile_app:
        app = MobileAuthenticator(
            customer=customer,
            device_label=persona.mobile_app.device_label,
            installed_version=persona.mobile_app.installed_version,
        )
        app.set_pin(persona.mobile_app.pin)
        app.save()
    return customer


def persona_reset(*, customer: Customer) -> Customer:
    """페르소나 초기화 for a customer created from a persona."""
    if customer.persona_key not in PERSONAS_BY_KEY:
        raise PersonaConflict(
            _("%(customer)s은(는) 페르소나 고객이 아닙니다.") % {"customer": customer}
        )
    return persona_apply(persona=PERSONAS_BY_KEY[customer.persona_key])


class PersonaConflict(Exception):
    """The persona cannot be applied without overwriting someone else's data."""


class InsufficientBalance(Exception):
    """잔액 부족: the account holds less than the amount."""


@transaction.atomic
def account_withdraw(*, account: BankAccount, amount: int, description: str) -> AccountTransaction:
    """Withdraw ``amount`` won if the balance allows it, and record the transaction.

    The balance check and the debit are one conditional UPDATE, so two
    withdrawals at once can never take an account below zero.
    """
    if amount <= 0:
        raise ValueError("amount must be positive")
    debited = BankAccount.objects.filter(pk=account.pk, balance__gte=amount).update(
        balance=F("balance") - amount
    )
    if not debited:
        raise InsufficientBalance(account.number)
    account.refresh_from_db(fields=["balance"])
    return AccountTransaction.objects.create(
        account=account, amount=-amount, balance_after=account.balance, description=description
    )


@transaction.atomic
def account_refund(*, withdrawal: AccountTransaction, description: str) -> AccountTransaction:
    """Put back a withdrawal (issuance failed after the fee was taken)."""
    account = withdrawal.account
    BankAccount.objects.filter(pk=account.pk).update(balance=F("balance") - withdrawal.amount)
    account.refresh_from_db(fields=["balance"])
    return AccountTransaction.objects.create(
        account=account,
        amount=-withdrawal.amount,
        balance_after=account.balance,
        description=description,
    )
