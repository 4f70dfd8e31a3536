"""인증서 관리 → 금융인증서 (/cert/finance/manage/): the 금융인증서 in the clouds this
browser may see (the logged-in customer's, and those it is connected to), PIN 변경,
폐지, 갱신, and 연결된 기기 with 연결 해제.

Every copy or device named in a URL or a form is one of those customers' (404 for any
other): nobody acts on another customer's 금융인증서 by its id.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from issuance.center import finance as services
from issuance.devices import (
    CLOUD_COOKIE,
    cloud_connected_ids,
    cloud_disconnect_here,
    cloud_key_hash,
)
from issuance.models import CertificateCopy, CloudDevice, StorageMedium
from issuance.pki_messages import pin_rule_messages
from portal.layouts import form_helper
from portal.refusals import Refused, refuse
from portal.secret_fields import digits_field

PIN_DIGITS = _("금융인증서 비밀번호는 숫자 6자리입니다.")


class FinancePinForm(forms.Form):
    """The PIN that confirms 폐지 or 갱신, on the 보안 키패드."""

    pin = digits_field(6, label=_("금융인증서 비밀번호 (숫자 6자리)"), message=PIN_DIGITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("pin", required_mark=True)


class FinancePinChangeForm(forms.Form):
    old_pin = digits_field(6, label=_("현재 비밀번호 (숫자 6자리)"), message=PIN_DIGITS)
    new_pin = digits_field(6, label=_("새 비밀번호 (숫자 6자리)"), message=PIN_DIGITS)
    new_pin_confirm = digits_field(6, label=_("새 비밀번호 확인"), message=PIN_DIGITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("old_pin", "new_pin", "new_pin_confirm", required_mark=True)


def _customer_ids(request) -> list[int]:
    """The logged-in customer and the customers whose cloud this browser is connected to."""
    ids = cloud_connected_ids(request)
    if request.user.is_authenticated and request.user.pk not in ids:
        ids = [request.user.pk, *ids]
    return ids


def _own_finance_copy(request, pk) -> CertificateCopy:
    """A 금융인증서 in one of this browser's customers' clouds, or 404."""
    return get_object_or_404(
        CertificateCopy.objects.select_related("certificate__customer", "certificate__issuer"),
        pk=pk,
        medium=StorageMedium.CLOUD,
        certificate__customer_id__in=_customer_ids(request),
    )


def _row(copy: CertificateCopy) -> dict:
    certificate = copy.certificate
    return {
        "copy": copy,
        "certificate": certificate,
        "locked": copy.is_locked,
        "renew_problem": services.finance_renewal_problem(certificate),
        "renewal_opens": services.renewal_opens(certificate),
    }


def _guarded(view):
    """Logged in, or connected to a cloud: else the login page (as the bank asks)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _customer_ids(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


# --- 금융인증서 관리 ---------------------------------------------------------------------


@never_cache
@require_GET
@_guarded
def finance_manage(request):
    """The 금융인증서 of this browser's customers, each with its state and actions."""
    rows = [_row(copy) for copy in services.finance_copies(_customer_ids(request))]
    return render(request, "issuance/center/finance/manage.html", {"rows": rows})


ACTION_TITLES = {
    "pin.html": _("금융인증서 비밀번호 변경"),
    "revoke.html": _("금융인증서 폐지"),
    "renew.html": _("금융인증서 갱신"),
}


def _action(request, copy, template, form, *, status=200, **extra):
    context = {
        "row": _row(copy),
        "copy": copy,
        "form": form,
        "action_title": ACTION_TITLES[template],
        **extra,
    }
    return render(request, f"issuance/center/finance/{template}", context, status=status)


@never_cache
@sensitive_post_parameters("old_pin", "new_pin", "new_pin_confirm")
@require_http_methods(["GET", "POST"])
@_guarded
def finance_pin_change(request, pk):
    copy = _own_finance_copy(request, pk)
    form = FinancePinChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.finance_pin_change(
                copy=copy, old=data["old_pin"], new=data["new_pin"], confirm=data["new_pin_confirm"]
            )
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(request, services.PIN_CHANGED)
            return redirect("center:finance_manage")
    return _action(request, copy, "pin.html", form, status=400 if form.errors else 200,
                   rules=pin_rule_messages())  # fmt: skip


@never_cache
@sensitive_post_parameters("pin")
@require_http_methods(["GET", "POST"])
@_guarded
def finance_revoke(request, pk):
    copy = _own_finance_copy(request, pk)
    form = FinancePinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.finance_revoke(copy=copy, pin=form.cleaned_data["pin"])
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(request, services.revoked(certificate.serial))
            return redirect("center:finance_manage")
    return _action(request, copy, "revoke.html", form, status=400 if form.errors else 200)


@never_cache
@sensitive_post_parameters("pin")
@require_http_methods(["GET", "POST"])
@_guarded
def finance_renew(request, pk):
    copy = _own_finance_copy(request, pk)
    form = FinancePinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.finance_renew(copy=copy, pin=form.cleaned_data["pin"])
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(request, services.renewed(new.serial, new.not_after))
            return redirect("center:finance_manage")
    return _action(request, copy, "renew.html", form, status=400 if form.errors else 200)


# --- 연결된 기기 ----------------------------------------------------------------------------


@never_cache
@require_GET
@_guarded
def finance_devices(request):
    """연결된 기기: the 자동연결 devices of this browser's customers, this one marked."""
    ids = _customer_ids(request)
    key = request.COOKIES.get(CLOUD_COOKIE)
    here = cloud_key_hash(key) if key else None
    rows = [(device, device.key_hash == here) for device in services.finance_devices(ids)]
    context = {"rows": rows, "connected": services.customer_names(cloud_connected_ids(request))}
    return render(request, "issuance/center/finance/devices.html", context)


def _posted_id(request, name: str) -> int | None:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


@require_POST
@_guarded
def finance_device_disconnect(request):
    """연결 해제: one 자동연결 device (``device``: its id), or this browser's connection
    for this visit (``here``: the customer's id). Anyone else's: 404."""
    ids = _customer_ids(request)
    if (here := _posted_id(request, "here")) is not None:
        if here not in cloud_connected_ids(request):
            raise Http404
        cloud_disconnect_here(request, here)
        messages.success(request, services.HERE_DISCONNECTED)
        return redirect("center:finance_devices")
    device_id = _posted_id(request, "device")
    try:
        services.device_disconnect(customer_ids=ids, device_id=device_id)
    except CloudDevice.DoesNotExist:
        raise Http404 from None
    messages.success(request, services.DEVICE_DISCONNECTED)
    return redirect("center:finance_devices")
