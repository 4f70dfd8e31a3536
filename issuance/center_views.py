"""인증서 로그인 / 인증서 테스트: the certificate selection dialog (인증서 선택창).

The dialog lists the certificates on this browser's virtual devices: those of
the customer logged in here and of customers who issued a certificate in this
browser (``DEVICE_KEY``). Every copy posted is checked against that list on the
server, so nobody can use another device's certificate by its id.
"""

from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from issuance.center import CertificateLoginError, certificate_login, device_copies, new_challenge
from issuance.forms import CertificateLoginForm
from issuance.models import CertificateCopy, StorageMedium

DEVICE_KEY = "device_customers"
CHALLENGE_KEY = "certificate_login_challenge"
RESULT_KEY = "certificate_login_result"
LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


def device_customer_ids(request) -> list[int]:
    ids = list(request.session.get(DEVICE_KEY, []))
    if request.user.is_authenticated and request.user.pk not in ids:
        ids.append(request.user.pk)
    return ids


def remember_device_customer(request, customer_id: int) -> None:
    """A certificate was saved in this browser: its devices now hold that customer's copies."""
    ids = list(request.session.get(DEVICE_KEY, []))
    if customer_id not in ids:
        request.session[DEVICE_KEY] = [*ids, customer_id]


def _safe_next(request) -> str | None:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def certificate_login_view(request):
    medium = request.GET.get("medium") or request.POST.get("medium") or StorageMedium.HARD_DISK
    if medium not in StorageMedium.values:
        medium = StorageMedium.HARD_DISK
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    form = CertificateLoginForm(request.POST or None, copies=copies)
    if request.method == "POST" and form.is_valid():
        challenge = bytes.fromhex(request.session.pop(CHALLENGE_KEY, "")) or new_challenge()
        expected = request.user if request.user.is_authenticated else None
        try:
            result = certificate_login(
                copy=form.cleaned_data["copy"],
                password=form.cleaned_data["password"],
                challenge=challenge,
                expected=expected,
            )
        except CertificateLoginError as exc:
            field = "password" if exc.code in ("wrong_password", "locked") else None
            form.add_error(field, exc.message)
        else:
            login(request, result.customer, backend=LOGIN_BACKEND)
            request.session[RESULT_KEY] = {
                "serial": result.certificate.serial,
                "checks": result.checks,
            }
            return redirect(_safe_next(request) or "center:login_done")
    request.session[CHALLENGE_KEY] = new_challenge().hex()  # one-time, signed on 확인
    return render(
        request,
        "issuance/center/login.html",
        {
            "form": form,
            "media": StorageMedium.choices,
            "medium": medium,
            "copies": copies,
            "next": request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
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
    return render(
        request,
        "issuance/center/login_done.html",
        {"checks": result["checks"], "certificate": copy.certificate if copy else None},
    )
