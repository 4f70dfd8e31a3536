"""Which seat this browser holds (kept in its Django session).

A learner's browser is logged in as the seat's current persona. When the
trainer resets the seat, the old persona is deactivated (so Django logs it out)
and ``SeatMiddleware`` logs the browser in as the new one.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import login

from classroom import codes
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


def with_class_language(request, response, seat: Seat):
    """The class's default language, for a browser that has not chosen one (the header's
    switch sets the same cookie, so the learner can change it afterwards)."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            seat.classroom.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


def returning_persona(request, code: str) -> SeatPersona | None:
    """After 자동 로그아웃 the seat is kept aside (``idle:classroom_seat``): the class code
    typed again in this browser brings the learner back to it."""
    seat = request.session.get(f"idle:{SEAT_KEY}")
    if seat is None:
        return None
    persona = (
        SeatPersona.objects.filter(seat_id=seat, retired_at__isnull=True)
        .select_related("customer", "seat__classroom")
        .first()
    )
    if persona is None or persona.seat.classroom.code != codes.normalize(code):
        return None
    request.session.pop(f"idle:{SEAT_KEY}", None)
    return persona


def follow(request, persona: SeatPersona) -> None:
    """The seat has a new persona: this browser is now that persona, in the same session.

    Not ``login()``: it would flush the session (a new key), and the page, the phone
    and their polls ask at the same moment with the old key, so all but one would
    find their session gone. Every one of them makes the same change in place.
    """
    customer = persona.customer
    request.session[auth.SESSION_KEY] = customer._meta.pk.value_to_string(customer)
    request.session[auth.BACKEND_SESSION_KEY] = LOGIN_BACKEND
    request.session[auth.HASH_SESSION_KEY] = customer.get_session_auth_hash()
    request.user = customer


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
