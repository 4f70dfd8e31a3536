"""Which seat this browser holds (kept in its Django session).

A learner's browser is logged in as the seat's current persona. When the
trainer resets the seat, the old persona is deactivated (so Django logs it out)
and ``SeatMiddleware`` logs the browser in as the new one.
"""

from django.contrib.auth import login

from classroom.models import Seat, SeatPersona

SEAT_KEY = "classroom_seat"
LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


def seat_id(request) -> int | None:
    session = getattr(request, "session", None)  # an error page may come before the middleware
    return session.get(SEAT_KEY) if session is not None else None


def sit_down(request, persona: SeatPersona) -> None:
    """Log this browser in as the seat's persona and remember the seat."""
    login(request, persona.customer, backend=LOGIN_BACKEND)
    request.session[SEAT_KEY] = persona.seat_id


def persona_of(request) -> SeatPersona | None:
    """The seat's current persona, read at most once per request."""
    if not hasattr(request, "_seat_persona"):
        pk = seat_id(request)
        request._seat_persona = pk and (
            SeatPersona.objects.filter(seat_id=pk, retired_at__isnull=True)
            .select_related("customer", "seat__classroom")
            .first()
        )
    return request._seat_persona or None


def seat_of(request) -> Seat | None:
    persona = persona_of(request)
    return persona.seat if persona else None
