"""스마트폰 인증서 복사 on the PC: /cert/copy/ (PC → 스마트폰 and 스마트폰 → PC).

PC → 스마트폰: the phone's banking app shows the 인증번호 (it asks for one on its
home screen); here the learner chooses the PC's certificate, types the number and
the certificate password. 스마트폰 → PC: this page asks for a 인증번호 and shows it
(polled until the phone has sent the certificate); the phone types it.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from issuance.center import copying, requests
from issuance.center import messages as center_messages
from issuance.center.forms import CopySendForm
from issuance.center.selectors import device_copies
from issuance.devices import device_customer_ids
from issuance.models import PhoneRequest, StorageMedium
from portal.refusals import Refused, refuse

Kind = PhoneRequest.Kind


def _pc_copies(customers) -> list:
    return [c for m in copying.PC_MEDIA for c in device_copies(customers, m)] if customers else []


@never_cache
@require_GET
def copy_home(request):
    """스마트폰 인증서 복사: the two directions, and what is on each device now."""
    customers = device_customer_ids(request)
    context = {
        "pc_copies": _pc_copies(customers),
        "phone_copies": list(device_copies(customers, StorageMedium.PHONE)) if customers else [],
    }
    return render(request, "issuance/center/copy_home.html", context)


@never_cache
@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def copy_to_phone(request):
    """PC → 스마트폰: the PC's certificate, the phone's 인증번호, the certificate password."""
    customers = device_customer_ids(request)
    copies = _pc_copies(customers)
    form = CopySendForm(request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        try:
            copying.copy_send(
                customer_ids=customers,
                kind=Kind.COPY_TO_PHONE,
                copy=form.cleaned_data["copy"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            messages.success(
                request, center_messages.copied(copying.direction_label(Kind.COPY_TO_PHONE))
            )
            return redirect(f"{reverse('center:manage')}?medium={StorageMedium.PHONE}")
    context = {"form": form, "copies": copies, "has_customer": bool(customers)}
    status = 400 if form.errors else 200
    return render(request, "issuance/center/copy_to_phone.html", context, status=status)


def _from_phone_context(request, customers) -> dict:
    waiting = copying.latest_code_request(customers, Kind.COPY_TO_PC) if customers else None
    last = (
        PhoneRequest.objects.filter(customer_id__in=customers, kind=Kind.COPY_TO_PC)
        .order_by("-created_at", "-id")
        .first()
        if customers
        else None
    )
    return {
        "phone_request": waiting or last,
        "code": requests.shown_code(request, waiting) if waiting else "",
        "media": [(m, StorageMedium(m).label) for m in copying.PC_MEDIA],
        "has_customer": bool(customers),
        "phone_copies": list(device_copies(customers, StorageMedium.PHONE)) if customers else [],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def copy_from_phone(request):
    """스마트폰 → PC: 인증번호 받기 (POST) and the number shown while the phone sends."""
    customers = device_customer_ids(request)
    error = None
    if request.method == "POST":
        if not customers:
            error = center_messages.NO_CUSTOMER
        else:
            customer_id = request.user.pk if request.user.is_authenticated else customers[-1]
            try:
                copying.copy_receive_start(
                    request,
                    customer_id=customer_id,
                    kind=Kind.COPY_TO_PC,
                    medium=request.POST.get("medium", ""),
                )
            except Refused as refused:
                error = refused.message
            else:
                return redirect("center:copy_from_phone")
    context = {**_from_phone_context(request, customers), "error": error}
    return render(
        request, "issuance/center/copy_from_phone.html", context, status=400 if error else 200
    )


@never_cache
@require_GET
def copy_from_phone_status(request):
    """Polled while the 인증번호 is shown: the number, then what became of it."""
    context = _from_phone_context(request, device_customer_ids(request))
    return render(request, "issuance/center/_copy_from_phone_status.html", context)


@require_POST
def copy_from_phone_cancel(request):
    phone_request = requests.owned(device_customer_ids(request), request.POST.get("request"))
    if phone_request is not None:
        requests.finish(phone_request, PhoneRequest.State.FAILED)
    return redirect("center:copy_home")
