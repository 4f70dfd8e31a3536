"""Keeps a learner's browser logged in as their seat's current persona."""

from classroom.learner import browser
from classroom.models import Seat


class SeatMiddleware:
    """After a reset the old persona is inactive, so Django sees the browser as
    anonymous: log it in as the seat's new persona. Costs nothing for a browser that
    holds no seat, and no query for a learner still logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seat = browser.seat_id(request)
        if seat is not None and not request.user.is_authenticated:
            persona = browser.persona_of(request)
            if persona is not None:
                browser.follow(request, persona)
            elif not Seat.objects.filter(pk=seat).exists():
                request.session.pop(browser.SEAT_KEY, None)  # the class is gone
        return self.get_response(request)
