"""Step 2 of the flow, 보안프로그램 설치: the progress bar, or a quick confirmation
when this browser's virtual PC has the programs already (installed ahead on the
centre's 보안프로그램 설치 page, or in an earlier issuance)."""

import contextlib

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from issuance import devices
from issuance.flow import machine, messages, selectors, services
from issuance.flow.forms import InstallForm
from issuance.flow.machine import Step
from issuance.flow.pages import flow_step, render_step, step_moved_on
from issuance.transitions import WrongState


def _finish(request, session) -> None:
    """The bar is full: done (the PC keeps the programs), or the scenario's one failure."""
    if services.install_finish(session=session):
        devices.remember_security_programs(request)


@require_http_methods(["GET", "POST"])
@flow_step(Step.INSTALL)
def install(request, session):
    installed = devices.security_programs_installed(request)
    form = InstallForm(request.POST or None)
    if request.method == "POST" and installed and "confirm" in request.POST:
        with contextlib.suppress(WrongState):  # a double click: already confirmed
            services.install_confirm(session=session)
        return redirect(machine.page_url(session))
    if request.method == "POST" and form.is_valid():
        with contextlib.suppress(WrongState):  # a double click: the install already runs
            services.install_start(session=session, full=form.cleaned_data["full"])
        return redirect(machine.page_url(session))
    progress = selectors.install_progress(session)
    if session.install_started_at is not None and not progress.running:
        # The bar is full (a reload, or no JavaScript): finish here as the poll would.
        with contextlib.suppress(WrongState):
            _finish(request, session)
        return redirect(machine.page_url(session))
    failed = session.install_failures and session.install_started_at is None
    context = {
        "form": form,
        "progress": progress,
        "installed": installed and session.install_started_at is None,
        "failed_message": messages.INSTALL_FAILED if failed else "",
    }
    return render_step(request, session, "install.html", context)


@require_GET
@flow_step(Step.INSTALL)
def install_progress(request, session):
    """Polled by the progress bar; finishes the install when the bar is full."""
    progress = selectors.install_progress(session)
    if session.install_started_at is not None and not progress.running:
        try:
            _finish(request, session)
        except WrongState:
            session.refresh_from_db()
        return step_moved_on(request, session)
    return render(
        request, "issuance/flow/_install_progress.html", {"session": session, "progress": progress}
    )
