"""Which seat this browser holds (kept in its Django session).

A learner's browser is logged in as the seat's current persona. When the
trainer resets the seat, the old persona is deactivated (so Django logs it out)
and ``SeatMiddleware`` logs the browser in as the new one.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import login
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from classroom import codes
from classroom.models import Seat, SeatPersona
from issuance.devices import forget_device_customer

SEAT_KEY = "classroom_seat"
LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


def seat_id(request) -> int | None:
    session = getattr(request, "session", None)  # an error page may come before the middleware
    return session.get(SEAT_KEY) if session is not None else None


def sit_down(request, persona: SeatPersona) -> None:
    """Log this browser in as the seat's persona and remember the seat."""
    login(request, persona.customer, backend=LOGIN_BACKEND)
    request.session[SEAT_KEY] = persona.seat_id


def preferred_language(request) -> str | None:
    """The language this browser asked for, if the site speaks it: the one chosen with
    the header's switch (its cookie), else the first of Accept-Language we have."""
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in languages:
        return chosen
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for tag, _quality in parse_accept_lang_header(header):
        if tag == "*":
            break
        try:
            return translation.get_supported_language_variant(tag)
        except LookupError:
            continue
    return None


def with_language(request, response, language: str, *, chosen: bool):
    """This browser's language from now on: the one the learner ``chosen`` on the join
    form, or (a join without the choice, as a script posts) the class's default when
    the browser has none yet. The header's switch sets the same cookie afterwards."""
    if not language or (not chosen and settings.LANGUAGE_COOKIE_NAME in request.COOKIES):
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
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
        SeatPersona.objects.current()
        .filter(seat_id=seat)
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
    retired = request.session.get(auth.SESSION_KEY)
    if retired is not None:
        forget_device_customer(request, int(retired))  # its certificates left with it
    request.session[auth.SESSION_KEY] = customer._meta.pk.value_to_string(customer)
    request.session[auth.BACKEND_SESSION_KEY] = LOGIN_BACKEND
    request.session[auth.HASH_SESSION_KEY] = customer.get_session_auth_hash()
    request.user = customer


def persona_of(request) -> SeatPersona | None:
    """The seat's current persona, read at most once per request."""
    if not hasattr(request, "_seat_persona"):
        pk = seat_id(request)
        request._seat_persona = pk and (
            SeatPersona.objects.current()
            .filter(seat_id=pk)
            .select_related("customer", "seat__classroom", "seat__scenario")
            .first()
        )
    return request._seat_persona or None


def seat_of(request) -> Seat | None:
    persona = persona_of(request)
    return persona.seat if persona else None
