"""The virtual phone's answers to a scam drill (금융사기 예방 연습): a choice in the scene,
the link of a text opened (the look-alike page, in the phone's own browser frame), what
that page was given (counted, never kept), a report call (112, 1332, the bank: a screen,
nothing dialled), and the outcome closed.

Every post names its run; the run must be this browser's (``owned_run``: its learner's,
or its session's), else 404. Nothing leaves the site: the look-alike page posts here.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from issuance.drills import selectors, services
from issuance.drills.fake_page import FAKE_FIELDS, boxes_filled
from issuance.phone.screens import answer, framable, phone_customers
from issuance.transitions import WrongState

GONE = _("이미 끝난 연습입니다.")


def _run(request):
    run = selectors.owned_run(request, request.POST.get("run"), phone_customers(request))
    if run is None:
        raise Http404
    return run


def _after(request, run, stage: str):
    selectors.show(request, run, stage)
    return answer(request, {})


@require_POST
@framable
def drill_choose(request):
    """A choice of the scene (끊기, 신고, 시키는 대로 하기, …): its outcome, once."""
    run = _run(request)
    try:
        services.drill_answer(run=run, index=int(request.POST.get("choice", "-1")))
    except (ValueError, TypeError):
        raise Http404 from None
    except WrongState:
        return answer(request, {"notice": GONE}, status=409)
    return _after(request, run, "report" if run.reported_to else "result")


@require_POST
@framable
def drill_report(request):
    """신고 전화 (112, 1332, the bank's 지급정지) after a drill: the phone's call screen
    with the simulated answer; nothing is dialled."""
    run = _run(request)
    try:
        services.drill_report(run=run, to=request.POST.get("to", ""))
    except ValueError:
        raise Http404 from None
    except WrongState:
        return answer(request, {"notice": GONE}, status=409)
    return _after(request, run, "report")


@require_POST
@framable
def drill_hang_up(request):
    """The report call ends: the outcome again, with the other numbers to call."""
    run = _run(request)
    return _after(request, run, "result")


@require_POST
@framable
def drill_open_link(request):
    """The text's link, tapped: the look-alike page in the phone's browser frame."""
    run = _run(request)
    if run.is_over or run.drill.kind != "text":
        return answer(request, {"notice": GONE}, status=409)
    return _after(request, run, "fake")


@sensitive_post_parameters(*FAKE_FIELDS)
@require_POST
@framable
def drill_fake_submit(request):
    """The look-alike page's 확인: the learner gave it something. Only how many boxes were
    filled is kept; the values are never read beyond "empty or not"."""
    run = _run(request)
    try:
        services.fake_page_submit(run=run, boxes_filled=boxes_filled(request.POST))
    except WrongState:
        return answer(request, {"notice": GONE}, status=409)
    return _after(request, run, "result")


@require_POST
@framable
def drill_close(request):
    """The outcome read: the phone goes back to its home screen."""
    selectors.close(request)
    return answer(request, {})
