"""계좌 이체's pages, under /banking/transfer/: 이체 정보 입력 → 보안카드 →
(추가 본인인증) → 전자서명 → 이체 완료 (the receipt).

Each page belongs to one state of the ``Transfer``; a page asked for in another
state sends the learner to the page of the state it is in. Only the customer's own
transfers are found (404 otherwise).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts import banking
from issuance import pki
from issuance.ca.cloud import cloud_copies
from issuance.center.forms import CertificateChoiceForm, FinanceChoiceForm
from issuance.center.pages import dialog_copies
from issuance.center.selectors import device_copies
from issuance.choices import drive_choices
from issuance.devices import cloud_connected_ids, device_customer_ids
from issuance.models import StorageMedium, Transfer
from issuance.transfer import services
from issuance.transfer.forms import SecurityCardForm, TransferForm
from issuance.transfer.messages import APPROVAL_NOT_YET
from portal.refusals import Refused, refuse

State = Transfer.State
PAGE_OF_STATE = {
    State.ENTERED: "transfer:card",
    State.APPROVAL: "transfer:approval",
    State.SIGNING: "transfer:sign",
}


def _own(request, pk) -> Transfer:
    return get_object_or_404(
        Transfer.objects.select_related("customer", "source", "approval"),
        pk=pk,
        customer=request.user,
    )


def _page(transfer: Transfer) -> str:
    name = PAGE_OF_STATE.get(transfer.state, "transfer:receipt")
    return reverse(name, args=[transfer.pk])


STEP_OF_STATE = {State.ENTERED: "card", State.APPROVAL: "approval", State.SIGNING: "sign"}


def _context(transfer: Transfer, **extra) -> dict:
    return {
        "step": STEP_OF_STATE.get(transfer.state, "done"),
        "transfer": transfer,
        "bank_name": banking.bank_name(transfer.target_bank),
        "needs_approval": transfer.amount >= services.APPROVAL_FROM,
        **extra,
    }


@login_required
@never_cache
@sensitive_post_parameters("pin")
@require_http_methods(["GET", "POST"])
def start(request):
    """이체 정보 입력."""
    initial = {}
    chosen = request.GET.get("from")
    source = banking.customer_accounts(request.user).filter(number=chosen).first()
    if source:
        initial["source"] = source
    form = TransferForm(request.POST or None, customer=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transfer = services.transfer_enter(
                customer=request.user,
                source=data["source"],
                bank_code=data["target_bank"],
                number=data["target_number"],
                amount=data["amount"],
                pin=data["pin"],
                memo_in=data["memo_in"],
                memo_out=data["memo_out"],
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            return redirect("transfer:card", transfer.pk)
    context = {
        "step": "start",
        "form": form,
        "approval_from": services.APPROVAL_FROM,
        "once_limit": services.ONCE_LIMIT,
        "daily_limit": services.DAILY_LIMIT,
    }
    return render(
        request, "issuance/transfer/start.html", context, status=400 if form.errors else 200
    )


@login_required
@never_cache
@sensitive_post_parameters("card_first_two", "card_last_two")
@require_http_methods(["GET", "POST"])
def card(request, pk):
    """이체 내용 확인 and 보안카드."""
    transfer = _own(request, pk)
    if transfer.state != State.ENTERED:
        return redirect(_page(transfer))
    slots = (transfer.card_slot_a, transfer.card_slot_b)
    form = SecurityCardForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_card_check(
                transfer=transfer,
                first_two=form.cleaned_data["card_first_two"],
                last_two=form.cleaned_data["card_last_two"],
            )
        except Refused as refused:
            transfer.refresh_from_db()
            if transfer.state != State.ENTERED:
                return redirect(_page(transfer))
            # The bank asks new slots after a failure; the message stays beside the card.
            form = SecurityCardForm(
                request.POST, slots=(transfer.card_slot_a, transfer.card_slot_b)
            )
            form.is_valid()
            form.add_error("card_first_two", refused.message)
        else:
            return redirect(_page(transfer))
    context = _context(transfer, form=form)
    status = 400 if form.errors else 200
    return render(request, "issuance/transfer/card.html", context, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def approval(request, pk):
    """추가 본인인증: the approval waits on the phone; 다시 요청 sends a new one."""
    transfer = _own(request, pk)
    if transfer.state != State.APPROVAL:
        return redirect(_page(transfer))
    error = None
    if request.method == "POST":
        try:
            services.approval_request(transfer)
        except Refused as refused:
            error = refused.message
        else:
            return redirect("transfer:approval", transfer.pk)
    context = _context(transfer, approval_state=services.approval_state(transfer), error=error)
    return render(request, "issuance/transfer/approval.html", context)


@login_required
@never_cache
@require_GET
def approval_status(request, pk):
    """Polled by the approval page: on to the 전자서명 as soon as the app approved."""
    transfer = _own(request, pk)
    services.approval_proceed(transfer)
    if transfer.state != State.APPROVAL:
        return HttpResponseClientRedirect(_page(transfer))
    context = _context(transfer, approval_state=services.approval_state(transfer))
    return render(request, "issuance/transfer/_approval_status.html", context)


def _medium(request) -> str:
    medium = request.GET.get("medium") or request.POST.get("medium") or StorageMedium.HARD_DISK
    return medium if medium in dict(drive_choices()) else StorageMedium.HARD_DISK


@login_required
@never_cache
@sensitive_post_parameters("password", "pin")
@require_http_methods(["GET", "POST"])
def sign(request, pk):
    """전자서명: the 인증서 선택창 over the 전자서명 원문."""
    transfer = _own(request, pk)
    if transfer.state == State.APPROVAL:
        services.approval_proceed(transfer)
    if transfer.state != State.SIGNING:
        if transfer.state == State.APPROVAL:
            messages.warning(request, APPROVAL_NOT_YET)
        return redirect(_page(transfer))
    if request.GET.get("cert") == "finance" or "pin" in request.POST:
        return _sign_finance(request, transfer)
    medium = _medium(request)
    customers = device_customer_ids(request)
    copies, shown_first = dialog_copies(request, medium, list(device_copies(customers, medium)))
    form = CertificateChoiceForm(request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_sign(
                transfer=transfer,
                copy=form.cleaned_data["copy"],
                password=form.cleaned_data["password"],
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            return redirect("transfer:receipt", transfer.pk)
    context = _context(
        transfer,
        form=form,
        media=StorageMedium.choices,
        medium=medium,
        copies=copies,
        digest=services.signature_digest(transfer),
        **shown_first,
    )
    status = 400 if form.errors else 200
    return render(request, "issuance/transfer/sign.html", context, status=status)


def _sign_finance(request, transfer: Transfer):
    """전자서명 with the 금융인증서: the cloud's certificates of the one sending, once this
    browser is connected to their cloud (else the way to connect, and back here)."""
    connected = cloud_connected_ids(request)
    copies = [
        copy
        for copy in (cloud_copies(connected) if connected else [])
        if copy.certificate.customer_id == transfer.customer_id
    ]
    form = FinanceChoiceForm(request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_sign(
                transfer=transfer, copy=form.cleaned_data["copy"], password=form.cleaned_data["pin"]
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            return redirect("transfer:receipt", transfer.pk)
    context = _context(
        transfer,
        finance_form=form,
        copies=copies,
        connected=bool(connected),
        finance=True,
        digest=services.signature_digest(transfer),
    )
    return render(
        request, "issuance/transfer/sign.html", context, status=400 if form.errors else 200
    )


@login_required
@never_cache
@require_GET
def receipt(request, pk):
    """이체 완료: the receipt, with the signature's details."""
    transfer = _own(request, pk)
    if transfer.state in PAGE_OF_STATE:
        return redirect(_page(transfer))
    signature = bytes(transfer.signature) if transfer.signature else b""
    context = _context(
        transfer,
        signature_hex=signature.hex(),
        signature_size=len(signature),
        algorithm=pki.SIGNATURE_ALGORITHM,
        digest=services.signature_digest(transfer),
    )
    return render(request, "issuance/transfer/receipt.html", context)


@login_required
@require_POST
def cancel(request, pk):
    transfer = _own(request, pk)
    services.transfer_cancel(transfer)
    messages.info(request, services.messages.CANCELLED)
    return redirect("transfer:start")
