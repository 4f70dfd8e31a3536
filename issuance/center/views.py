"""The certificate centre's pages: its home (/cert/) and 인증서 로그인 / 인증서 테스트,
the certificate selection dialog (인증서 선택창).

The dialog lists the certificates on this browser's virtual devices
(``issuance.devices``). Every copy posted is checked against that list on the
server, so nobody can use another device's certificate by its id.
"""

from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from issuance.center.challenges import challenge_make, challenge_take
from issuance.center.forms import CertificateLoginForm
from issuance.center.selectors import device_copies
from issuance.center.services import CertificateLoginError, certificate_login, new_challenge
from issuance.devices import device_customer_ids
from issuance.models import CertificateCopy, StorageMedium

CHALLENGE_REFUSED = _(
    "화면이 오래되었거나 이미 사용한 확인 값입니다. 인증서를 다시 선택하고 암호를 입력하세요."
)
RESULT_KEY = "certificate_login_result"
LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


@require_GET
def home(request):
    """인증센터 (개인): 발급/재발급, 갱신, 관리, 인증서 로그인."""
    return render(request, "issuance/center/home.html")


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
        token = request.POST.get("challenge")
        challenge = challenge_take(token) if token else new_challenge()
        expected = request.user if request.user.is_authenticated else None
        try:
            if challenge is None:
                raise CertificateLoginError("challenge", CHALLENGE_REFUSED)
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
    return render(
        request,
        "issuance/center/login.html",
        {
            "form": form,
            "media": StorageMedium.choices,
            "medium": medium,
            "copies": copies,
            "next": request.GET.get("next", ""),
            "challenge": challenge_make(),  # one-time, signed on 확인
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
