"""Which drill this browser's phone shows, and whose runs a browser may see.

A run belongs to its customer (the browser holds their devices) or, for a visitor
practising alone, to the browser's session (``SESSION_RUNS``). What the phone shows
of a run is kept in the session too (``SHOWN_KEY``): the scene, the look-alike page
after the link was tapped, then the outcome until the learner closes it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from issuance.drills.reports import AFTER_DRILL, NUMBERS, ReportNumber
from issuance.drills.said import Said, said
from issuance.drills.services import due_runs
from issuance.models import DrillRun

SESSION_RUNS = "drill_runs"
SHOWN_KEY = "drill_shown"
RESULT_MINUTES = 10  # the outcome stays on the phone this long unless closed


@dataclass(frozen=True)
class PhoneDrill:
    run: DrillRun
    stage: str  # "scene" (the call, the text, the app, the photo), "fake", "report", "result"

    @property
    def lines(self) -> list[Said]:
        return said(self.run.drill, "lines")

    @property
    def choices(self) -> list[Said]:
        return said(self.run.drill, "choices")

    @property
    def fell(self) -> Said:
        return said(self.run.drill, "fell")[0]

    @property
    def number(self) -> ReportNumber | None:
        """On the "report" screen: the number the learner is calling (112, 1332, …)."""
        return NUMBERS.get(self.run.reported_to) if self.stage == "report" else None

    @property
    def reported(self) -> ReportNumber | None:
        """Where the learner reported this run, if they did."""
        return NUMBERS.get(self.run.reported_to)

    @property
    def report_numbers(self) -> list[ReportNumber]:
        """The numbers the outcome screen offers to call (신고하기)."""
        return [NUMBERS[key] for key in AFTER_DRILL]

    @property
    def screen(self) -> str:
        return f"drill-{self.run.drill.kind}" if self.stage == "scene" else f"drill-{self.stage}"


def session_run_ids(request) -> list[str]:
    return list(request.session.get(SESSION_RUNS, []))


def remember_run(request, run: DrillRun) -> None:
    request.session[SESSION_RUNS] = [*session_run_ids(request)[-19:], str(run.pk)]


def owned_run(request, pk, customer_ids) -> DrillRun | None:
    """The run ``pk`` if this browser may see it (its customer's, or its session's)."""
    run = DrillRun.objects.select_related("drill").filter(pk=pk).first() if pk else None
    if run is None:
        return None
    if run.customer_id in customer_ids or str(run.pk) in session_run_ids(request):
        return run
    return None


def phone_drill(request, customer_ids) -> PhoneDrill | None:
    """What the phone shows of a drill now: the look-alike page the learner opened, else
    the oldest due run of this browser's learners (a new one rings over an old outcome),
    else the last one's report call or outcome for a while, until closed."""
    shown = request.session.get(SHOWN_KEY) or {}
    run = owned_run(request, shown.get("run"), customer_ids)
    if run is not None and not run.is_over and shown.get("stage") == "fake":
        return PhoneDrill(run, "fake")
    due = due_runs(customer_ids=customer_ids, run_ids=session_run_ids(request)).first()
    if due is not None:
        return PhoneDrill(due, "scene")
    if run is not None and run.is_over:
        since = timezone.now() - timedelta(minutes=RESULT_MINUTES)
        if run.ended_at and run.ended_at > since:
            calling = shown.get("stage") == "report" and run.reported_to in NUMBERS
            return PhoneDrill(run, "report" if calling else "result")
        request.session.pop(SHOWN_KEY, None)
    return None


def show(request, run: DrillRun, stage: str) -> None:
    request.session[SHOWN_KEY] = {"run": str(run.pk), "stage": stage}


def close(request) -> None:
    request.session.pop(SHOWN_KEY, None)
