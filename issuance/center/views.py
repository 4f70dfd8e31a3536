"""The certificate centre's pages: its home (/cert/), 인증서 로그인 in the certificate
selection dialog (인증서 선택창), 인증서 관리 and 갱신.

The dialog lists the certificates on this browser's virtual devices
(``issuance.devices``). Every copy posted is checked against that list on the
server, so nobody can use another device's certificate by its id.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.redirects import safe_next
from issuance.ca.exports import CopyRefused, copy_npki_zip, copy_pkcs12
from issuance.center import messages as center_messages
from issuance.center import services
from issuance.center.challenges import challenge_make, challenge_take
from issuance.center.forms import (
    CertificateLoginForm,
    CopyPasswordForm,
    ImportForm,
    PasswordChangeForm,
)
from issuance.center.login import CertificateLoginError, certificate_login, new_challenge
from issuance.center.selectors import certificate_details, device_copies
from issuance.devices import device_customer_ids
from issuance.models import CertificateCopy, StorageMedium
from issuance.pki_messages import password_rule_messages

CHALLENGE_REFUSED = _(
    "화면이 오래되었거나 이미 사용한 확인 값입니다. 인증서를 다시 선택하고 암호를 입력하세요."
)
RESULT_KEY = "certificate_login_result"
LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


@require_GET
def home(request):
    """인증센터 (개인): 발급/재발급, 갱신, 관리, 인증서 로그인."""
    return render(request, "issuance/center/home.html")


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def certificate_login_view(request):
    medium = request.GET.get("medium") or request.POST.get("medium") or StorageMedium.HARD_DISK
    if medium not in StorageMedium.values:
        medium = StorageMedium.HARD_DISK
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    form = CertificateLoginForm(request.POST or None, copies=copies)
    register_hint = False
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
            register_hint = exc.code == "unregistered"
        else:
            login(request, result.customer, backend=LOGIN_BACKEND)
            request.session[RESULT_KEY] = {
                "serial": result.certificate.serial,
                "checks": result.checks,
            }
            return HttpResponseRedirect(safe_next(request, "center:login_done"))
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
            "register_hint": register_hint,
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
    certificate = copy.certificate if copy else None
    context = {"checks": result["checks"], "certificate": certificate, "copy": copy}
    if certificate is not None and services.renewal_problem(certificate) is None:
        # In its renewal window: banks ask at once whether to renew (갱신).
        expires_on = timezone.localdate(certificate.not_after)
        context["days_left"] = max((expires_on - timezone.localdate()).days, 0)
    return render(request, "issuance/center/login_done.html", context)


# --- 인증서 관리 -----------------------------------------------------------------------------


def _medium(request) -> str:
    medium = request.GET.get("medium") or request.POST.get("medium") or StorageMedium.HARD_DISK
    return medium if medium in StorageMedium.values else StorageMedium.HARD_DISK


def _own_copy(request, pk) -> CertificateCopy:
    """A copy on this browser's virtual devices, or 404 (never anyone else's)."""
    customers = device_customer_ids(request)
    return get_object_or_404(
        CertificateCopy.objects.select_related("certificate__customer", "certificate__issuer"),
        pk=pk,
        certificate__customer_id__in=customers,
    )


@never_cache
@require_GET
def manage(request):
    """인증서 관리: the certificates on this browser's devices, per medium, with details."""
    medium = _medium(request)
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    context = {
        "media": StorageMedium.choices,
        "medium": medium,
        "rows": [certificate_details(copy) for copy in copies],
        "import_form": ImportForm(initial={"medium": medium}),
    }
    return render(request, "issuance/center/manage.html", context)


ACTION_TITLES = {
    "password.html": _("인증서 암호 변경"),
    "revoke.html": _("인증서 폐지"),
    "export.html": _("인증서 내보내기 (.p12)"),
    "renew.html": _("인증서 갱신"),
}


def _action_page(request, copy, template, form, status=200, **extra):
    context = {
        "copy": copy,
        "details": certificate_details(copy),
        "form": form,
        "action_title": ACTION_TITLES[template],
        **extra,
    }
    return render(request, f"issuance/center/{template}", context, status=status)


@never_cache
@sensitive_post_parameters("current_password", "new_password", "new_password_confirm")
@require_http_methods(["GET", "POST"])
def password_change(request, pk):
    copy = _own_copy(request, pk)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.copy_password_change(
                copy=copy,
                current=data["current_password"],
                new=data["new_password"],
                confirm=data["new_password_confirm"],
            )
        except services.CenterRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, center_messages.PASSWORD_CHANGED)
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    rules = password_rule_messages()
    return _action_page(request, copy, "password.html", form, 400 if form.errors else 200,
                        rules=rules)  # fmt: skip


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    copy = _own_copy(request, pk)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_revoke_by_holder(
                copy=copy, password=form.cleaned_data["password"]
            )
        except services.CenterRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, center_messages.revoked(certificate.serial))
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    return _action_page(request, copy, "revoke.html", form, 400 if form.errors else 200)


@require_GET
def export_npki(request, pk):
    copy = _own_copy(request, pk)
    response = HttpResponse(copy_npki_zip(copy), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="NPKI-{copy.certificate.serial}.zip"'
    services.center_record(
        copy.certificate.customer_id, services.Action.EXPORT, center_messages.exported("NPKI")
    )
    return response


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def export_p12(request, pk):
    copy = _own_copy(request, pk)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p12 = copy_pkcs12(copy, form.cleaned_data["password"])
        except CopyRefused as refused:
            form.add_error("password", refused.message)
        else:
            services.center_record(
                copy.certificate.customer_id,
                services.Action.EXPORT,
                center_messages.exported(".p12"),
            )
            response = HttpResponse(p12, content_type="application/x-pkcs12")
            response["Content-Disposition"] = (
                f'attachment; filename="{copy.certificate.serial}.p12"'
            )
            return response
    return _action_page(request, copy, "export.html", form, 400 if form.errors else 200)


@never_cache
@sensitive_post_parameters("password")
@require_POST
def import_copy(request):
    """가져오기: an NPKI zip or .p12 onto one of this browser's media (checked first);
    logged in only, as a bank's: a visitor's upload is not opened."""
    medium = _medium(request)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{reverse('center:manage')}?medium={medium}")
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            copy = services.copy_import(
                customer_ids=device_customer_ids(request),
                medium=form.cleaned_data["medium"],
                upload=form.cleaned_data["upload"].read(services.UPLOAD_MAX_BYTES + 1),
                password=form.cleaned_data["password"],
            )
        except services.CenterRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, center_messages.imported(copy.certificate.serial))
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    context = {
        "media": StorageMedium.choices,
        "medium": medium,
        "rows": [certificate_details(copy) for copy in copies],
        "import_form": form,
    }
    return render(request, "issuance/center/manage.html", context, status=400)


# --- 갱신 ---------------------------------------------------------------------------------


@never_cache
@require_GET
def renew_choose(request):
    """갱신: every certificate on this browser's devices, and whether it can be renewed."""
    customers = device_customer_ids(request)
    rows = []
    for medium, _label in StorageMedium.choices:
        for copy in device_copies(customers, medium) if customers else []:
            rows.append((certificate_details(copy), services.renewal_problem(copy.certificate)))
    return render(request, "issuance/center/renew_choose.html", {"rows": rows})


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def renew(request, pk):
    copy = _own_copy(request, pk)
    problem = services.renewal_problem(copy.certificate)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and problem is None:
        try:
            new = services.certificate_renew(copy=copy, password=form.cleaned_data["password"])
        except services.CenterRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, center_messages.renewed(new.serial, new.not_after))
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    status = 400 if form.errors or (request.method == "POST" and problem) else 200
    return _action_page(request, copy, "renew.html", form, status, problem=problem)
