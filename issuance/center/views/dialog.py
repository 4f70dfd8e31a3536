"""인증서 복사 and 인증서 삭제 from the 인증서 선택창 (/cert/dialog/…): the dialog's buttons act
on the certificate chosen in its table, as the real dialog's do. Each opens its own
page and comes back to the dialog (``back``, a path of this site). The copy is one of
this browser's (``pages.own_copy``); 삭제 asks twice and removes that medium's copy only.
보안토큰 PIN, asked before a token's certificates are listed, is posted here too.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts.redirects import is_local_path
from issuance.center import messages as center_messages
from issuance.center import services, token
from issuance.center.forms import CopyToMediumForm, TokenPinForm
from issuance.center.pages import TOKEN_ERROR_KEY, own_copy
from issuance.center.selectors import certificate_details, device_copies
from issuance.choices import MEDIA
from issuance.devices import device_customer_ids
from issuance.models import SecurityToken, StorageMedium
from portal.refusals import Refused, refuse

NOTHING_CHOSEN = _("복사하거나 삭제할 인증서를 목록에서 선택하세요.")
ACTIONS = {"copy": "center:dialog_copy", "delete": "center:dialog_delete"}


def _back(request) -> str:
    target = request.POST.get("back") or request.GET.get("back") or ""
    return target if is_local_path(request, target) else reverse("center:manage")


@require_POST
def dialog_action(request):
    """인증서 복사 / 인증서 삭제 under the dialog's table: on the certificate chosen there."""
    pk, action = request.POST.get("copy", ""), request.POST.get("dialog_action", "")
    if not pk.isdigit() or action not in ACTIONS:
        messages.warning(request, NOTHING_CHOSEN)
        return redirect(_back(request))
    copy = own_copy(request, int(pk))
    url = reverse(ACTIONS[action], args=[copy.pk])
    return redirect(f"{url}?{urlencode({'back': _back(request)})}")


def _targets(copy) -> list[tuple[str, str]]:
    """The other media of the copy's device: where 인증서 복사 can put it."""
    device = MEDIA[copy.medium].device
    return [
        (rules.medium.value, rules.label)
        for rules in MEDIA.values()
        if rules.device == device and rules.medium != copy.medium
    ]


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def dialog_copy(request, pk):
    copy = own_copy(request, pk)
    form = CopyToMediumForm(request.POST or None, targets=_targets(copy))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.copy_to_medium(
                copy=copy, medium=data["medium"], password=data["password"]
            )
        except Refused as exc:
            refuse(form, exc)
        else:
            messages.success(
                request,
                center_messages.copied_to(copy.get_medium_display(), new.get_medium_display()),
            )
            return redirect(_back(request))
    context = {
        "copy": copy,
        "details": certificate_details(copy),
        "form": form,
        "back": _back(request),
        "action_title": _("인증서 복사"),
    }
    status = 400 if form.errors else 200
    return render(request, "issuance/center/dialog_copy.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def dialog_delete(request, pk):
    """Asked twice, as the real dialog does: 삭제하시겠습니까?, then 정말 삭제하시겠습니까?"""
    copy = own_copy(request, pk)
    confirmed = request.POST.get("confirm", "") if request.method == "POST" else ""
    if confirmed == "2":
        medium = copy.get_medium_display()
        services.copy_delete(copy=copy)
        messages.success(request, center_messages.deleted_from(medium))
        return redirect(_back(request))
    context = {
        "copy": copy,
        "details": certificate_details(copy),
        "back": _back(request),
        "second": confirmed == "1",
        "action_title": _("인증서 삭제"),
    }
    return render(request, "issuance/center/dialog_delete.html", context)


@sensitive_post_parameters("pin", "pin_confirm")
@require_POST
def token_pin(request):
    """보안토큰 PIN, posted from the dialog: set the first time, then entered; open, the
    dialog lists the token's certificates. A refusal goes back beside the field."""
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, StorageMedium.SECURITY_TOKEN)) if customers else []
    if not copies:
        return redirect(_back(request))
    holder = copies[0].certificate.customer_id
    existing = SecurityToken.objects.filter(customer_id=holder).first()
    form = TokenPinForm(request.POST, setting=existing is None)
    try:
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            raise Refused(errors[0], field=field)
        if existing is None:
            token.token_pin_set(
                request,
                customer_id=holder,
                pin=form.cleaned_data["pin"],
                confirm=form.cleaned_data["pin_confirm"],
            )
        else:
            token.token_pin_enter(request, token=existing, pin=form.cleaned_data["pin"])
    except Refused as exc:
        request.session[TOKEN_ERROR_KEY] = {"field": exc.field, "message": str(exc.message)}
    return redirect(_back(request))
