"""What every step page shares: ``flow_step`` opens a view only at its steps,
``render_step`` gives the template the session, the progress indicator and
whether the phone is shown beside it, and ``step_moved_on`` sends a page's poll to
the step the session is at.

The steps' forms and links are boosted (hx-boost on the layout): the browser asks
for the next page with htmx and swaps the body, so the virtual phone beside it
(hx-preserve) keeps running instead of being loaded again with every step. A
boosted request is a navigation, answered as a page (a redirect is followed); a
poll that finds the flow moved on answers ``HX-Location``, so the next step comes
in place too."""

import functools

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRedirect, HttpResponseLocation

from issuance.flow import browser, clock, machine
from issuance.models import IssuanceSession


def flow_step(*steps: str):
    """Open the view only at ``steps``; anywhere else, go where the session really is.

    The session must be this browser's own (404 otherwise); once it expired, the
    "처음부터 다시" page is shown instead (a poll redirects the whole page there).
    No step page is ever cached (``Cache-Control: no-store``).
    """

    def decorator(view):
        @never_cache  # the back button must ask the server where the session really is
        @functools.wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            session = browser.owned_session(request, pk)
            if machine.is_expired(session):
                if is_poll(request):
                    return HttpResponseClientRedirect(reverse("flow:resume", args=[pk]))
                return render_expired(request, session)
            if session.status not in steps:
                return step_moved_on(request, session)
            return view(request, session, *args, **kwargs)

        return wrapper

    return decorator


def is_poll(request) -> bool:
    """An htmx request of the page itself (a poll), not a boosted navigation."""
    return bool(request.htmx) and not request.htmx.boosted


def step_moved_on(request, session):
    """Go to the step the session is at: a page is redirected; a poll swaps the next
    step in place of the page (``HX-Location``), the phone frame beside it kept."""
    url = machine.page_url(session)
    return HttpResponseLocation(url) if is_poll(request) else redirect(url)


def step_context(session: IssuanceSession | None) -> dict:
    status = session.status if session else machine.Step.PREREQUISITES
    current = machine.nodes_of(session)[status].shown_as
    indicator = machine.indicator_of(session)
    return {
        "session": session,
        "steps": machine.indicator_shown(session),
        "current_label": next(
            (shown.label for shown in machine.indicator_shown(session) if shown.step == current),
            "",
        ),
        "current_step": current,
        "step_number": indicator.index(current) + 1 if current else None,
        "done_steps": machine.indicator_steps_done(status, session),
        "finished": session is None or machine.is_finished(session),
        **time_left(session),
    }


def time_left(session: IssuanceSession | None) -> dict:
    """The step's clock for 쉬운 화면's countdown: seconds and whole minutes left (at least
    1 while any is left), and how many more times "시간 더 주기" may be used."""
    if session is None:
        return {}
    seconds = max(int((session.expires_at - timezone.now()).total_seconds()), 0)
    return {
        "seconds_left": seconds,
        "minutes_left": -(-seconds // 60),
        "extensions_left": clock.extensions_left(session),
    }


def render_step(request, session, template, context=None, status=200):
    context = {**step_context(session), **(context or {})}
    return render(request, f"issuance/flow/{template}", context, status=status)


def render_expired(request, session):
    return render(request, "issuance/flow/expired.html", {"session": session})
