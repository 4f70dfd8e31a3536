"""보안프로그램 설치 on its own (/cert/security/): the "미리 설치" the banks advise.

The programs are installed on this browser's virtual PC (``issuance.devices``);
the issuance flow's install step then only confirms them.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from issuance import devices
from issuance.center import messages as center_messages
from issuance.center.forms import SecurityInstallForm
from issuance.center.services import Action, center_record


def _finish_if_done(request) -> bool:
    """The bar is full: the programs are on the virtual PC now."""
    if devices.security_install_percent(request) != 100:
        return False
    devices.remember_security_programs(request)
    if request.user.is_authenticated:
        center_record(request.user.pk, Action.INSTALL, center_messages.SECURITY_INSTALLED)
    return True


@require_http_methods(["GET", "POST"])
def security_install(request):
    form = SecurityInstallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices.security_install_start(request)
        return redirect("center:security")
    if _finish_if_done(request):
        return redirect("center:security")
    context = {
        "form": form,
        "installed": devices.security_programs_installed(request),
        "percent": devices.security_install_percent(request),
    }
    return render(request, "issuance/center/security.html", context)


@require_GET
def security_install_progress(request):
    """Polled by the progress bar; the page reloads once the install is done."""
    percent = devices.security_install_percent(request)
    if percent is None or _finish_if_done(request):
        return HttpResponseClientRedirect(reverse("center:security"))
    return render(request, "issuance/center/_security_progress.html", {"percent": percent})
