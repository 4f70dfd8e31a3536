"""인증서 로그인 → 금융인증서 (/cert/login/finance/): the 금융인증서 window.

A browser not yet connected to a cloud connects first (``CloudConnectForm``: the
message goes to the holder's phone, whose 문자 app sends the 2 digits this page
shows); then the window lists the cloud's certificates and asks the PIN
(``FinanceLoginForm``, which logs in as the 공동인증서's form does)."""

from urllib.parse import urlencode

from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from accounts import throttle
from accounts.redirects import is_local_path, safe_next
from issuance.ca import cloud
from issuance.center import cloud_login, requests
from issuance.center.challenges import challenge_make
from issuance.center.forms import CloudConnectForm, FinanceLoginForm
from issuance.center.login import LOGIN_BACKEND, RESULT_KEY
from issuance.devices import CLOUD_PENDING_KEY, cloud_connect_here, cloud_connected_ids
from issuance.models import PhoneRequest
from portal.refusals import Refused, refuse

State = PhoneRequest.State


def _pending(request) -> tuple[dict, PhoneRequest | None]:
    pending = request.session.get(CLOUD_PENDING_KEY) or {}
    phone_request = None
    if pending.get("request"):
        phone_request = requests.owned([pending.get("customer")], pending["request"])
    return pending, phone_request


def _settle(request, response=None) -> str:
    """Where the pending connection is: "waiting", "done" (connected now), "failed"."""
    pending, phone_request = _pending(request)
    if phone_request is None:
        return ""
    if phone_request.state == State.DONE:
        request.session.pop(CLOUD_PENDING_KEY, None)
        cloud_connect_here(
            request, phone_request.customer_id, auto=pending.get("auto", False), response=response
        )
        return "done"
    if phone_request.state == State.WAITING and not phone_request.is_expired:
        return "waiting"
    request.session.pop(CLOUD_PENDING_KEY, None)
    return "failed"


@sensitive_post_parameters("pin")
@require_http_methods(["GET", "POST"])
def finance_login(request):
    # Connected now: back where the learner came from (a 전자서명), or to the window.
    response = HttpResponseRedirect(safe_next(request, request.get_full_path()))
    settled = _settle(request, response)
    if settled == "done":
        return response  # the cookie of 자동연결 goes with it
    _pending_row, phone_request = _pending(request)
    connected = cloud_connected_ids(request)
    copies = list(cloud.cloud_copies(connected)) if connected else []
    login_form = FinanceLoginForm(
        request, request.POST if "pin" in request.POST else None, copies=copies
    )
    if login_form.is_bound and login_form.is_valid():
        result = login_form.result
        login(request, result.customer, backend=LOGIN_BACKEND)
        request.session[RESULT_KEY] = {"serial": result.certificate.serial, "checks": result.checks}
        return HttpResponseRedirect(safe_next(request, "center:login_done"))
    connect_form = CloudConnectForm(request.POST if "birth" in request.POST else None)
    if connect_form.is_bound and connect_form.is_valid():
        data = connect_form.cleaned_data
        try:
            customer = cloud_login.cloud_find(
                client=throttle.client_of(request),
                name=data["name"],
                phone=data["phone"],
                birth=data["birth"],
            )
        except Refused as refused:
            refuse(connect_form, refused)
        else:
            phone_request = cloud_login.connect_sms_open(request, customer=customer)
            request.session[CLOUD_PENDING_KEY] = {
                "request": phone_request.pk,
                "customer": customer.pk,
                "auto": data["auto"],
            }
            return redirect(request.get_full_path())
    context = {
        "copies": copies,
        "connected": bool(connected),
        "login_form": login_form,
        "connect_form": connect_form,
        "phone_request": phone_request if settled == "waiting" else None,
        "code": requests.shown_code(request, phone_request) if settled == "waiting" else "",
        "failed": settled == "failed",
        "challenge": challenge_make(),
        "next": request.GET.get("next", ""),
    }
    status = 400 if login_form.errors or connect_form.errors else 200
    return render(request, "issuance/center/finance_login.html", context, status=status)


def _window_url(request) -> str:
    """The window's address, with the ``next`` it was opened with (a local path only)."""
    target = request.GET.get("next", "")
    url = reverse("center:finance_login")
    return f"{url}?{urlencode({'next': target})}" if is_local_path(request, target) else url


@require_GET
def finance_connect_status(request):
    """Polled while the message waits: the window comes back connected (or failed)."""
    _pending_row, phone_request = _pending(request)
    if phone_request is None or phone_request.state != State.WAITING or phone_request.is_expired:
        return HttpResponseClientRedirect(_window_url(request))
    return render(
        request,
        "issuance/center/_finance_sms.html",
        {
            "phone_request": phone_request,
            "code": requests.shown_code(request, phone_request),
            "next": request.GET.get("next", ""),
        },
    )
