"""The certificate centre's home (/cert/) and 인증서 로그인 in the certificate selection
dialog (인증서 선택창).

The dialog lists the certificates on this browser's virtual devices
(``issuance.devices``); the form logs in (``CertificateLoginForm``, as Django's
``AuthenticationForm`` does) and checks every posted copy against that list.
"""

from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from accounts.redirects import safe_next
from issuance.center import services
from issuance.center.challenges import challenge_make
from issuance.center.forms import CertificateLoginForm
from issuance.center.login import LOGIN_BACKEND, RESULT_KEY
from issuance.center.pages import dialog_copies, medium_of
from issuance.center.selectors import device_copies
from issuance.choices import drive_choices
from issuance.devices import device_customer_ids
from issuance.models import CertificateCopy


@require_GET
def home(request):
    """인증센터 (개인): 발급/재발급, 갱신, 관리, 인증서 로그인."""
    return render(request, "issuance/center/home.html")


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def certificate_login_view(request):
    medium = medium_of(request)
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    copies, shown_first = dialog_copies(request, medium, copies)
    form = CertificateLoginForm(request, request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        result = form.result
        login(request, result.customer, backend=LOGIN_BACKEND)
        request.session[RESULT_KEY] = {"serial": result.certificate.serial, "checks": result.checks}
        return HttpResponseRedirect(safe_next(request, "center:login_done"))
    context = {
        "form": form,
        "media": drive_choices(),
        "medium": medium,
        "copies": copies,
        "next": request.GET.get("next", ""),
        "challenge": challenge_make(),  # one-time, signed on 확인
        "register_hint": bool(form.refusal and form.refusal.code == "unregistered"),
        **shown_first,
    }
    return render(
        request, "issuance/center/login.html", context, status=400 if form.errors else 200
    )


@require_GET
def login_done(request):
    result = request.session.get(RESULT_KEY)
    if not request.user.is_authenticated or result is None:
        return redirect(reverse("center:login"))
    copy = (
        CertificateCopy.objects.select_related("certificate__issuer", "certificate__customer")
        .filter(certificate__serial=result["serial"], certificate__customer=request.user)
        .first()
    )
    certificate = copy.certificate if copy else None
    context = {"checks": result["checks"], "certificate": certificate, "copy": copy}
    if certificate is not None and services.renewal_problem(certificate) is None:
        # In its renewal window: banks ask at once whether to renew (갱신).
        expires_on = timezone.localdate(certificate.not_after)
        context["days_left"] = max((expires_on - timezone.localdate()).days, 0)
    return render(request, "issuance/center/login_done.html", context)
