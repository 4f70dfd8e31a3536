"""인증서 관리 (/cert/manage/) and 갱신 (/cert/renew/): each certificate on this browser's
devices, its details, 암호 변경, 폐지, the NPKI zip and .p12 out, 가져오기, renewal.

Every copy named in a URL or a form is one of this browser's (``pages.own_copy``):
nobody can act on another device's certificate by its id.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from issuance.center import messages as center_messages
from issuance.center import services
from issuance.center.forms import CopyPasswordForm, ImportForm, PasswordChangeForm
from issuance.center.pages import medium_of, own_copy
from issuance.center.selectors import certificate_details, device_copies
from issuance.choices import drive_choices
from issuance.devices import device_customer_ids
from issuance.pki_messages import password_rule_messages
from portal.refusals import Refused, refuse

# --- 인증서 관리 -----------------------------------------------------------------------------


@never_cache
@require_GET
def manage(request):
    """인증서 관리: the certificates on this browser's devices, per medium, with details."""
    medium = medium_of(request)
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    context = {
        "media": drive_choices(),
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
    "deregister.html": _("타기관 인증서 해제"),
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
    copy = own_copy(request, pk)
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
        except Refused as exc:
            refuse(form, exc)
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
    copy = own_copy(request, pk)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_revoke_by_holder(
                copy=copy, password=form.cleaned_data["password"]
            )
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(request, center_messages.revoked(certificate.serial))
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    return _action_page(request, copy, "revoke.html", form, 400 if form.errors else 200)


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def deregister(request, pk):
    """타기관 인증서 해제 (인증서 관리 → 등록된 인증서 → 해제), with the certificate password."""
    copy = own_copy(request, pk)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.registration_release(
                copy=copy, password=form.cleaned_data["password"]
            )
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(
                request,
                center_messages.deregistered(certificate.serial, certificate_details(copy).bank),
            )
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    return _action_page(request, copy, "deregister.html", form, 400 if form.errors else 200)


@require_GET
def export_npki(request, pk):
    return services.copy_export(copy=own_copy(request, pk))


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def export_p12(request, pk):
    copy = own_copy(request, pk)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            return services.copy_export(copy=copy, password=form.cleaned_data["password"])
        except Refused as refused:
            refuse(form, refused)
    return _action_page(request, copy, "export.html", form, 400 if form.errors else 200)


@never_cache
@sensitive_post_parameters("password")
@require_POST
def import_copy(request):
    """가져오기: an NPKI zip or .p12 onto one of this browser's media (checked first);
    logged in only, as a bank's: a visitor's upload is not opened."""
    medium = medium_of(request)
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
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(request, center_messages.imported(copy.certificate.serial))
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, medium)) if customers else []
    context = {
        "media": drive_choices(),
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
    for medium, _label in drive_choices():
        for copy in device_copies(customers, medium) if customers else []:
            rows.append((certificate_details(copy), services.renewal_problem(copy.certificate)))
    return render(request, "issuance/center/renew_choose.html", {"rows": rows})


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def renew(request, pk):
    copy = own_copy(request, pk)
    problem = services.renewal_problem(copy.certificate)
    form = CopyPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and problem is None:
        try:
            new = services.certificate_renew(copy=copy, password=form.cleaned_data["password"])
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(request, center_messages.renewed(new.serial, new.not_after))
            return redirect(f"{reverse('center:manage')}?medium={copy.medium}")
    status = 400 if form.errors or (request.method == "POST" and problem) else 200
    return _action_page(request, copy, "renew.html", form, status, problem=problem)
