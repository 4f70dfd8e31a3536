"""What a browser chose for its display: 쉬운 화면 (easy view), for 고령자 and anyone who
wants fewer menus, bigger buttons and large text.

The choice is a cookie, per browser (like the language): the server reads it, so the
page, the virtual phone and the dialogs are drawn large from the first paint, and the
home page can be a simpler one.
"""

from django.conf import settings

EASY_VIEW_COOKIE = "easy_view"
EASY_VIEW_ON = "1"
EASY_VIEW_AGE = 365 * 24 * 3600  # one year, as the language cookie


def easy_view_on(request) -> bool:
    """Whether this browser asked for 쉬운 화면."""
    return request.COOKIES.get(EASY_VIEW_COOKIE) == EASY_VIEW_ON


def easy_view_remember(response, *, on: bool) -> None:
    """Keep the choice in the browser's cookie (or forget it)."""
    if on:
        response.set_cookie(
            EASY_VIEW_COOKIE,
            EASY_VIEW_ON,
            max_age=EASY_VIEW_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(EASY_VIEW_COOKIE, samesite="Lax")
