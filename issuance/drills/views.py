"""금융사기 예방 연습 on the bank's side (/drills/): the drills to take one by one (a
learner in a class or alone), and each run's debrief. The scene itself plays on the
virtual phone (issuance/phone/drill_views.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from issuance.devices import device_customer_ids
from issuance.drills import selectors, services
from issuance.drills.reports import NUMBERS
from issuance.drills.said import said
from issuance.models import Drill, DrillRun


def _customer(request):
    user = request.user
    return user if user.is_authenticated and getattr(user, "rrn", None) else None


def _my_runs(request):
    customers = device_customer_ids(request)
    runs = DrillRun.objects.filter(pk__in=selectors.session_run_ids(request))
    if customers:
        runs = runs | DrillRun.objects.filter(customer_id__in=customers)
    return runs.select_related("drill").order_by("-created_at")[:20]


@never_cache
@require_GET
def home(request):
    """The drills, and what this learner did with each so far."""
    context = {"drills": Drill.objects.filter(active=True), "runs": _my_runs(request)}
    return render(request, "issuance/drills/home.html", context)


@require_POST
def start(request, key):
    """연습하기: the scene comes to the phone beside the list at once."""
    drill = get_object_or_404(Drill, key=key, active=True)
    run = services.drill_start(drill=drill, customer=_customer(request))
    selectors.remember_run(request, run)
    return redirect(reverse("drills:home") + "#phone-panel")


@never_cache
@require_GET
def debrief(request, pk):
    """After every drill: the signs, what to do now, where to call, with the English (or
    the Korean) beside; and what the learner did. Only this browser's runs (its
    learner's, or its session's)."""
    run = selectors.owned_run(request, pk, device_customer_ids(request))
    if run is None:
        raise Http404
    drill = run.drill
    context = {
        "run": run,
        "drill": drill,
        "reported": NUMBERS.get(run.reported_to),
        **{field: said(drill, field, beside="en") for field in ("fell", "signs", "todo", "call")},
    }
    return render(request, "issuance/drills/debrief.html", context)
