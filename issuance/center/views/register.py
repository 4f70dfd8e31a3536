"""타기관 인증서 등록 on the PC: /cert/register/ (사용자 확인 → 인증서 선택 → ARS → 완료).

Where the learner is in the registration lives in this browser's session, for ten
minutes; every step checks it on the server, so a step's URL cannot be skipped to.
"""

import time

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts import throttle
from accounts.banking import bank_name
from accounts.models import Customer
from issuance.center import messages as center_messages
from issuance.center import registration, requests
from issuance.center.challenges import challenge_make, challenge_take
from issuance.center.copying import PC_MEDIA
from issuance.center.forms import CertificateChoiceForm, FinanceChoiceForm, RegisterIdentifyForm
from issuance.center.pages import dialog_copies
from issuance.devices import cloud_connected_ids, device_customer_ids
from issuance.models import CertificateRegistration, PhoneRequest, StorageMedium
from portal.refusals import Refused, refuse

STATE_KEY = "certificate_registration"
STATE_SECONDS = 600
DONE_KEY = "certificate_registration_done"


def _state(request) -> tuple[dict, Customer] | tuple[None, None]:
    """Where this browser is in the registration and for whom, or (None, None): none,
    too old, or the customer is gone (a persona reset)."""
    state = request.session.get(STATE_KEY)
    if not state or time.time() - state["at"] > STATE_SECONDS:
        return None, None
    customer = Customer.objects.filter(pk=state["customer"], is_active=True).first()
    return (state, customer) if customer else (None, None)


def _restart(request):
    request.session.pop(STATE_KEY, None)
    messages.warning(request, center_messages.REGISTER_START_AGAIN)
    return redirect("center:register")


def _copies(request, customer: Customer) -> list:
    """The customer's registrable copies on this browser's PC (none on another's)."""
    if customer.pk not in device_customer_ids(request):
        return []
    return registration.registrable_copies(customer)


def _cloud_copies(request, customer: Customer) -> list:
    """The customer's registrable 금융인증서, once this browser is connected to their cloud."""
    if customer.pk not in cloud_connected_ids(request):
        return []
    return registration.registrable_cloud_copies(customer)


def _finance_chosen(request) -> bool:
    return request.GET.get("cert") == "finance" or "pin" in request.POST


def _known(request) -> Customer | None:
    user = request.user
    return user if user.is_authenticated and getattr(user, "rrn", None) else None


@never_cache
@sensitive_post_parameters("rrn_front", "rrn_back")
@require_http_methods(["GET", "POST"])
def register(request):
    """1. 사용자 ID + 주민등록번호."""
    known = _known(request)
    form = RegisterIdentifyForm(
        request.POST or None, initial={"user_id": known.user_id} if known else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            customer = registration.registration_identify(
                user_id=form.cleaned_data["user_id"],
                rrn=form.rrn,
                known=known,
                client=throttle.client_of(request),
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            request.session[STATE_KEY] = {"customer": customer.pk, "at": time.time()}
            return redirect("center:register_certificate")
    status = 400 if form.errors else 200
    return render(request, "issuance/center/register.html", {"form": form}, status=status)


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def register_certificate(request):
    """2. The certificate in the 인증서 선택창, and its password."""
    state, customer = _state(request)
    if state is None:
        return _restart(request)
    if _finance_chosen(request):
        return _register_finance(request, state, customer)
    on_pc = _copies(request, customer)
    medium = request.GET.get("medium") or request.POST.get("medium")
    medium = medium if medium in PC_MEDIA else StorageMedium.HARD_DISK
    copies, shown_first = dialog_copies(request, medium, [c for c in on_pc if c.medium == medium])
    form = CertificateChoiceForm(request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        challenge = challenge_take(request.POST.get("challenge", ""))
        try:
            if challenge is None:
                raise Refused(center_messages.REGISTER_START_AGAIN)
            registration.registration_sign(
                customer=customer,
                copy=form.cleaned_data["copy"],
                password=form.cleaned_data["password"],
                challenge=challenge,
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            state["copy"] = form.cleaned_data["copy"].pk
            _call_open(request, state)
            return redirect("center:register_ars")
    context = {
        "form": form,
        "copies": copies,
        "customer": customer,
        "media": [(m, StorageMedium(m).label) for m in PC_MEDIA],
        "medium": medium,
        "challenge": challenge_make(),
        "nothing_here": center_messages.REGISTER_NOTHING_HERE if not on_pc else "",
        **shown_first,
    }
    status = 400 if form.errors else 200
    return render(request, "issuance/center/register_certificate.html", context, status=status)


def _register_finance(request, state: dict, customer: Customer):
    """2. The 금융인증서 of another bank: the cloud's window and its PIN (one certificate
    for every bank: registered here, never issued again)."""
    copies = _cloud_copies(request, customer)
    form = FinanceChoiceForm(request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        challenge = challenge_take(request.POST.get("challenge", ""))
        try:
            if challenge is None:
                raise Refused(center_messages.REGISTER_START_AGAIN)
            registration.registration_sign(
                customer=customer,
                copy=form.cleaned_data["copy"],
                password=form.cleaned_data["pin"],
                challenge=challenge,
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            state["copy"] = form.cleaned_data["copy"].pk
            _call_open(request, state)
            return redirect("center:register_ars")
    context = {
        "finance": True,
        "finance_form": form,
        "copies": copies,
        "connected": customer.pk in cloud_connected_ids(request),
        "customer": customer,
        "challenge": challenge_make(),
    }
    status = 400 if form.errors else 200
    return render(request, "issuance/center/register_certificate.html", context, status=status)


def _call_open(request, state: dict) -> None:
    """The phone rings: a new ARS call whose 2 digits this screen shows."""
    call = requests.code_request_open(
        request,
        customer_id=state["customer"],
        kind=PhoneRequest.Kind.ARS,
        digits=requests.ARS_DIGITS,
    )
    state.update(request=call.pk, at=time.time())
    request.session[STATE_KEY] = state


def _call(request, state) -> PhoneRequest | None:
    customers = [state["customer"]]
    return requests.owned(customers, state.get("request"))


def _ars_context(request, call) -> dict:
    return {"call": call, "digits": requests.shown_code(request, call), "problem": ""}


def _ars_progress(request, state, customer, call):
    """Finish when the phone answered right; else what the PC shows about the call."""
    copies = _copies(request, customer) + _cloud_copies(request, customer)
    chosen = next((c for c in copies if c.pk == state.get("copy")), None)
    if chosen is None:
        return None, {"problem": center_messages.REGISTER_START_AGAIN, "call": None}
    try:
        done = registration.registration_finish(customer=customer, copy=chosen, phone_request=call)
    except Refused as refused:
        return None, {"problem": refused.message, "call": call, "digits": ""}
    return done, _ars_context(request, call)


@never_cache
@require_GET
def register_ars(request):
    """3. ARS: the 2 digits on this screen, the call on the virtual phone."""
    state, customer = _state(request)
    call = _call(request, state) if state else None
    if call is None:
        return _restart(request)
    done, context = _ars_progress(request, state, customer, call)
    if done is not None:
        _remember_done(request, done)
        return redirect("center:register_done")
    return render(request, "issuance/center/register_ars.html", context)


@never_cache
@require_GET
def register_ars_status(request):
    """Polled while the call runs: the page moves on once the phone answered right."""
    state, customer = _state(request)
    call = _call(request, state) if state else None
    if call is None:
        return HttpResponseClientRedirect(reverse("center:register"))
    done, context = _ars_progress(request, state, customer, call)
    if done is not None:
        _remember_done(request, done)
        return HttpResponseClientRedirect(reverse("center:register_done"))
    return render(request, "issuance/center/_register_ars_status.html", context)


@require_POST
def register_ars_again(request):
    """다시 전화 받기: a new call with new digits."""
    state, _customer = _state(request)
    if state is None or "copy" not in state:
        return _restart(request)
    _call_open(request, state)
    return redirect("center:register_ars")


def _remember_done(request, done: CertificateRegistration) -> None:
    request.session.pop(STATE_KEY, None)
    request.session[DONE_KEY] = done.pk


@never_cache
@require_GET
def register_done(request):
    """4. 등록 완료: the certificate now logs in here."""
    done = (
        CertificateRegistration.objects.select_related("certificate__issuer", "customer")
        .filter(pk=request.session.get(DONE_KEY))
        .first()
    )
    if done is None:
        return redirect("center:register")
    context = {"done": done, "bank": bank_name(done.certificate.bank_code)}
    return render(request, "issuance/center/register_done.html", context)
