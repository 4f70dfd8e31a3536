"""시간 더 주기 (issuance/flow/clock.py): a POST from the step page's timer, for this
browser's own flow only (404 for anyone else's); back to the step it is at."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from issuance.flow import browser, clock, machine
from portal.refusals import Refused


@require_POST
def extend(request, pk):
    session = browser.owned_session(request, pk)
    try:
        clock.session_extend(session=session)
    except Refused as refused:
        if refused.code == "expired":
            return redirect(reverse("flow:resume", args=[session.pk]))
        messages.warning(request, refused.message)
    else:
        messages.success(request, clock.TIME_EXTENDED)
    return redirect(machine.page_url(session))
