"""계좌 이체 signed with the certificate, as a Korean bank runs it.

1. 이체 정보 입력 (``transfer_enter``): 출금계좌 + 계좌비밀번호 (N/5), 입금은행 and
   계좌번호 (this bank's accounts are real, another bank's are fictitious), amount
   within the balance and the limits;
2. 보안카드 (``transfer_card_check``, N/5; a new pair of slots after each failure);
3. from 300만원, 추가 본인인증 (``approval_*``): the banking app on the phone approves
   with its PIN;
4. 전자서명 (``transfer_sign``): the certificate's key signs the transfer's text,
   the bank verifies the signature, asks OCSP, checks the dates and the VID
   (``center.signing``), and only then moves the money, in one transaction with
   the state change, so a double submit moves it once.

Every step leaves a ``CenterEvent`` (이체) on the learner's trail.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import banking
from accounts.models import BankAccount, Customer
from accounts.services import account_pin_verify, security_card_verify
from issuance import pki
from issuance.center import requests
from issuance.center.services import Action, center_record
from issuance.center.signing import electronic_sign
from issuance.models import CertificateCopy, PhoneRequest, Transfer
from issuance.transfer import messages
from issuance.transitions import Machine, WrongState
from portal.refusals import Refused

State = Transfer.State
APPROVAL_FROM = 3_000_000  # 추가 본인인증 from 300만원
ONCE_LIMIT = 10_000_000  # 보안카드 이용 고객의 1회 이체한도
DAILY_LIMIT = 50_000_000  # and 1일 이체한도


def _refuse(customer_id: int, message, field: str | None = None) -> Refused:
    center_record(customer_id, Action.TRANSFER, message, ok=False)
    return Refused(message, field=field)


def transferred_today(customer: Customer) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    done = Transfer.objects.filter(customer=customer, state=State.DONE, done_at__gte=start)
    return done.aggregate(total=Sum("amount"))["total"] or 0


def _limits_problem(customer: Customer, source: BankAccount, amount: int) -> str | None:
    """Why ``amount`` cannot leave ``source`` now: the 1회 / 1일 한도, or the balance."""
    if amount > ONCE_LIMIT:
        return messages.over_once(ONCE_LIMIT)
    left = max(DAILY_LIMIT - transferred_today(customer), 0)
    if amount > left:
        return messages.over_daily(DAILY_LIMIT, left)
    if amount > source.balance:
        return messages.over_balance(source.balance)
    return None


def recipient(bank_code: str, number: str, source: BankAccount) -> tuple[str, BankAccount | None]:
    """(예금주, this bank's account or None) for the typed bank and number."""
    if bank_code == settings.BANK_CODE:
        target = banking.this_bank_account(number)
        if target is None:
            raise Refused(messages.NO_SUCH_ACCOUNT, field="target_number")
        if target.pk == source.pk:
            raise Refused(messages.SAME_ACCOUNT, field="target_number")
        return target.customer.name, target
    if not banking.OTHER_ACCOUNT_PATTERN.match(banking.digits_only(number)):
        raise Refused(messages.OTHER_NUMBER_FORMAT, field="target_number")
    return banking.fictitious_holder(bank_code, number), None


def transfer_enter(
    *,
    customer: Customer,
    source: BankAccount,
    bank_code: str,
    number: str,
    amount: int,
    pin: str,
    memo_in: str = "",
    memo_out: str = "",
) -> Transfer:
    """이체 정보 입력: checked, then the transfer waits for the 보안카드."""
    if source.customer_id != customer.pk or not source.internet_banking_registered:
        raise _refuse(customer.pk, messages.NOT_REGISTERED, "source")
    if not hasattr(customer, "security_card"):
        raise _refuse(customer.pk, messages.NO_SECURITY_CARD)
    try:
        name, target = recipient(bank_code, number, source)
    except Refused as refused:
        raise _refuse(customer.pk, refused.message, refused.field) from None
    if problem := _limits_problem(customer, source, amount):
        raise _refuse(customer.pk, problem, "amount")
    check = account_pin_verify(account=source, pin=pin)
    if not check.ok:
        message = (
            messages.pin_locked(check.threshold)
            if check.locked
            else messages.pin_wrong(check.failures, check.threshold)
        )
        raise _refuse(customer.pk, message, "pin")
    slot_a, slot_b = customer.security_card.challenge()
    with transaction.atomic():  # the transfer and its line on the trail
        transfer = Transfer.objects.create(
            customer=customer,
            source=source,
            target_bank=bank_code,
            target_number=target.number if target else banking.digits_only(number),
            target_name=name,
            target_account=target,
            amount=amount,
            memo_in=memo_in or customer.name,
            memo_out=memo_out or name,
            card_slot_a=slot_a,
            card_slot_b=slot_b,
        )
        center_record(customer.pk, Action.TRANSFER, messages.entered(amount, name))
    return transfer


# The transfer's machine: entered (계좌비밀번호 checked) → [approval (≥ 300만원)] → signing
# (보안카드 checked) → done (signed, verified, money moved); cancelled from any step before.
TRANSFER = Machine(
    Transfer,
    "state",
    {
        State.ENTERED: (State.APPROVAL, State.SIGNING, State.CANCELLED),
        State.APPROVAL: (State.SIGNING, State.CANCELLED),
        State.SIGNING: (State.DONE, State.CANCELLED),
        State.DONE: (),
        State.CANCELLED: (),
    },
)


def _move(transfer: Transfer, expected: str, event=None, **fields) -> None:
    """``expected`` → the new fields, once (a double submit or a stale page is refused);
    ``event`` (the learner's trail) is written in the same transaction."""
    try:
        with transaction.atomic():
            TRANSFER.swap(transfer, expected, **fields)
            if event is not None:
                center_record(transfer.customer_id, Action.TRANSFER, event)
    except WrongState:
        raise Refused(messages.WRONG_STEP) from None


def transfer_card_check(*, transfer: Transfer, first_two: str, last_two: str) -> Transfer:
    """보안카드: the asked slots; then 추가 본인인증 (≥ 300만원) or the 전자서명."""
    if transfer.state != State.ENTERED:
        raise Refused(messages.WRONG_STEP)
    customer = transfer.customer
    check = security_card_verify(
        card=customer.security_card,
        slot_a=transfer.card_slot_a,
        first_two=first_two,
        slot_b=transfer.card_slot_b,
        last_two=last_two,
    )
    if not check.ok:
        slot_a, slot_b = customer.security_card.challenge()
        _move(transfer, State.ENTERED, card_slot_a=slot_a, card_slot_b=slot_b)
        message = (
            messages.card_locked(check.threshold)
            if check.locked
            else messages.card_wrong(check.failures, check.threshold)
        )
        raise _refuse(customer.pk, message, "card_first_two")
    if transfer.amount >= APPROVAL_FROM:
        _move(transfer, State.ENTERED, state=State.APPROVAL)
        approval_request(transfer)
    else:
        _move(transfer, State.ENTERED, state=State.SIGNING, signed_text=signed_text(transfer))
    return transfer


# --- 추가 본인인증 ------------------------------------------------------------------------


def approval_request(transfer: Transfer) -> PhoneRequest:
    """Send (again) the approval to the banking app on the learner's phone."""
    if transfer.state != State.APPROVAL:
        raise Refused(messages.WRONG_STEP)
    if not hasattr(transfer.customer, "mobile_authenticator"):
        raise _refuse(transfer.customer_id, messages.NO_APP)
    phone_request = requests.request_open(
        customer_id=transfer.customer_id,
        kind=PhoneRequest.Kind.APPROVAL,
        summary=messages.approval_summary(
            transfer.amount,
            str(banking.bank_name(transfer.target_bank)),
            transfer.target_number,
            transfer.target_name,
        ),
    )
    _move(transfer, State.APPROVAL, approval=phone_request)
    return phone_request


def approval_state(transfer: Transfer) -> str:
    """waiting / approved / denied / expired, as the bank page shows it."""
    phone_request = transfer.approval
    if phone_request is None:
        return "expired"
    phone_request.refresh_from_db()
    if phone_request.state == PhoneRequest.State.WAITING:
        return "expired" if phone_request.is_expired else "waiting"
    if phone_request.state == PhoneRequest.State.APPROVED:
        return "approved"
    if phone_request.state == PhoneRequest.State.DENIED:
        return "denied"
    return "expired"


def approval_proceed(transfer: Transfer) -> Transfer:
    """The app approved: on to the 전자서명."""
    if transfer.state == State.APPROVAL and approval_state(transfer) == "approved":
        _move(transfer, State.APPROVAL, state=State.SIGNING, signed_text=signed_text(transfer))
    return transfer


# --- 전자서명 -----------------------------------------------------------------------------


def _one_line(value) -> str:
    """A value of the 원문 on its line: a control character (a line break above all)
    shown as its escape, never able to start a line of its own."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(value))


def signed_text(transfer: Transfer) -> str:
    """The 전자서명 원문: what the learner sees and signs, byte for byte.

    Korean in every language, as a Korean bank's is: the certificate signs this exact
    text, which must not depend on the language of the page that asked for it. Every
    value stays on its line (``_one_line``): the form refuses a 통장 표시 with a line
    break, and this text could not be forged by one anyway.
    """
    with translation.override("ko"):
        target_bank = str(banking.bank_name(transfer.target_bank))
    created = timezone.localtime(transfer.created_at)
    lines = [
        f"[{settings.BANK_NAME} 계좌이체]",  # i18n: signed text, Korean as a bank's
        f"거래번호: {transfer.pk:08d}",  # i18n: signed text
        f"출금계좌: {_one_line(transfer.source.number)}",  # i18n: signed text
        f"입금은행: {_one_line(target_bank)}",  # i18n: signed text
        f"입금계좌: {_one_line(transfer.target_number)}",  # i18n: signed text
        f"받는 분: {_one_line(transfer.target_name)}",  # i18n: signed text
        f"이체금액: {transfer.amount:,}원",  # i18n: signed text
        f"받는 분 통장 표시: {_one_line(transfer.memo_in)}",  # i18n: signed text
        f"내 통장 표시: {_one_line(transfer.memo_out)}",  # i18n: signed text
        f"신청 시각: {created:%Y-%m-%d %H:%M:%S}",  # i18n: signed text
    ]
    return "\n".join(lines)


def transfer_sign(*, transfer: Transfer, copy: CertificateCopy, password: str) -> Transfer:
    """전자서명, verified, then the money moves (once)."""
    if transfer.state != State.SIGNING:
        raise Refused(messages.WRONG_STEP)
    customer = transfer.customer
    data = transfer.signed_text.encode("utf-8")
    try:
        signed = electronic_sign(
            copy=copy,
            password=password,
            data=data,
            signed_check=_("이체 내용에 전자서명하고, 인증서의 공개키로 서명을 검증했습니다."),
            expected=customer,
        )
    except Refused as refused:
        raise _refuse(customer.pk, refused.message, refused.field) from None
    try:
        _money_move(transfer, signed)
    except Refused as refused:  # recorded once the transaction is rolled back
        raise _refuse(customer.pk, refused.message, refused.field) from None
    return transfer


@transaction.atomic
def _money_move(transfer: Transfer, signed) -> None:
    """The state change and the money, together or not at all.

    The 1일 이체한도 is the customer's (all their accounts), so their transfers are
    serialised on the customer's row, locked before today's total is read: two
    signatures at the same moment cannot both see the room that only one fits in.
    (NO KEY: rows that merely refer to the customer are not held up.)
    """
    locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if locked.state != State.SIGNING:
        raise Refused(messages.WRONG_STEP)
    Customer.objects.select_for_update(no_key=True).filter(pk=transfer.customer_id).first()
    source = BankAccount.objects.get(pk=transfer.source_id)
    problem = _limits_problem(transfer.customer, source, transfer.amount)
    if problem:
        raise Refused(problem, field="amount")
    try:
        withdrawal = banking.account_transfer(
            source=source,
            amount=transfer.amount,
            target=transfer.target_account,
            out_description=transfer.memo_out,
            in_description=transfer.memo_in,
        )
    except banking.InsufficientFunds:
        raise Refused(messages.over_balance(source.balance), field="amount") from None
    _move(
        transfer,
        State.SIGNING,
        event=messages.done(transfer.amount, transfer.target_name),
        state=State.DONE,
        done_at=timezone.now(),
        signature=signed.signature,
        certificate=signed.certificate,
        certificate_serial=signed.certificate.serial,
        certificate_subject=signed.certificate.subject_dn,
        ocsp_produced_at=signed.ocsp.produced_at,
        checks=[str(check) for check in signed.checks],
        withdrawal=withdrawal,
    )


def transfer_cancel(transfer: Transfer) -> None:
    """취소 from the step the transfer is at (nothing happens to one that is over); its
    waiting approval on the phone ends with it."""
    for _attempt in range(len(TRANSFER.edges)):  # it may move on between the read and the swap
        transfer.refresh_from_db(fields=["state"])
        if transfer.state in TRANSFER.final:
            return
        with transaction.atomic():
            if TRANSFER.try_swap(transfer, transfer.state, state=State.CANCELLED):
                if transfer.approval_id:
                    requests.finish(transfer.approval, PhoneRequest.State.FAILED)
                center_record(transfer.customer_id, Action.TRANSFER, messages.CANCELLED)
                return


def signature_digest(transfer: Transfer) -> str:
    return pki.digest_hex(transfer.signed_text.encode("utf-8"))
