"""What every page shows a learner who sits in a class: their wallet, the trainer's
message, and in guided mode the hints for the step on screen."""

from datetime import timedelta

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from classroom import selectors
from classroom.learner import browser
from classroom.models import DemoReset
from issuance.flow import machine

# The flow step each step page shows ("flow:storage" also shows ISSUING).
STEP_OF_PAGE = {
    node.page: node.shown_as
    for node in (*reversed(machine.FLOW), *reversed(machine.FINANCE_FLOW))
    if node.shown_as
}


class Learner:
    def __init__(self, request):
        self.persona = browser.persona_of(request)
        self.seat = self.persona.seat if self.persona else None
        self._request = request

    def __bool__(self) -> bool:
        return self.seat is not None

    @property
    def classroom(self):
        return self.seat.classroom

    @property
    def wallet(self) -> dict:
        return selectors.wallet(self.persona)

    @property
    def step(self):
        match = self._request.resolver_match
        return STEP_OF_PAGE.get(match.view_name) if match else None

    @property
    def hints(self) -> list:
        if not self.classroom.is_guided or self.step is None:
            return []
        return selectors.step_hints(self.step)


def learner(request):
    if browser.seat_id(request) is None:
        return {"learner": None}
    return {"learner": SimpleLazyObject(lambda: Learner(request))}


def _next_demo_reset():
    last = DemoReset.objects.order_by("-done_at").values_list("done_at", flat=True).first()
    return last + timedelta(minutes=settings.DEMO_RESET_MINUTES) if last else None


def demo_reset(request):
    """On a public demo (``DEMO_RESET_MINUTES``), when the demo data is put back next."""
    if not settings.DEMO_RESET_MINUTES:
        return {}
    return {"next_demo_reset": _next_demo_reset}  # a callable: the template calls it
