"""What every page shows a learner who sits in a class: their wallet, the trainer's
message, 도와주세요, and in guided mode the hints for the step on screen."""

from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from classroom import help_queue, selectors
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

    @cached_property
    def help_request(self):
        """The learner's 도와주세요 waiting or taken (None: the button)."""
        return help_queue.open_request(self.seat)

    @property
    def helps(self) -> bool:
        """도와주세요 is offered until the class ends."""
        return self.classroom.ended_at is None

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
