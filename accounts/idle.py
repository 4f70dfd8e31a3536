"""자동 로그아웃: a customer who does nothing for ``SESSION_IDLE_MINUTES`` (default 30) is
logged out, as Korean banks do on shared PCs; the page shows the time left and a
연장 (extend) button, and warns before the end.

What counts as doing something: any request but the pages' background polls (an
htmx GET that is not a boosted navigation), so a page left open with its phone
polling still ends. The last activity is written to the session at most once a
minute. Staff and trainers are not logged out (the admin and the trainer's
dashboard are watched, not clicked), nor is a session that only watches: a 보조강사
logged in at the trainer login (``watch``), who may sit by a learner for an hour.
Session keys in ``SESSION_IDLE_KEEP`` survive the logout under ``idle:<key>`` (a
classroom seat, so the learner can sit down again with the class code).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LAST_ACTIVITY = "last_activity"
WATCHING = "idle_watching"  # set by ``watch``: this session is exempt
WRITE_EVERY_SECONDS = 60
LOGGED_OUT = _("%(minutes)d분 동안 사용하지 않아 자동으로 로그아웃되었습니다. 다시 로그인하세요.")


def idle_seconds() -> int:
    return settings.SESSION_IDLE_MINUTES * 60


def applies_to(request) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_staff or user.is_trainer:
        return False
    return not request.session.get(WATCHING)


def watch(request) -> None:
    """This (logged-in) session watches a class's dashboard: no idle logout for it.
    Logging out ends it with the session."""
    request.session[WATCHING] = True


def is_background(request) -> bool:
    """A poll of the page: an htmx GET, but not a boosted link or form (a navigation)."""
    headers = request.headers
    return (
        request.method == "GET"
        and headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
    )


def seconds_left(request) -> int | None:
    """For the page's countdown: None when there is no idle logout for this user."""
    if not applies_to(request):
        return None
    last = request.session.get(LAST_ACTIVITY, time.time())
    return max(int(last + idle_seconds() - time.time()), 0)


def touch(request, now: float, *, force: bool = False) -> None:
    if force or now - request.session.get(LAST_ACTIVITY, 0) >= WRITE_EVERY_SECONDS:
        request.session[LAST_ACTIVITY] = int(now)


class IdleLogoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_IDLE_MINUTES and applies_to(request):
            now = time.time()
            last = request.session.get(LAST_ACTIVITY)
            if last is not None and now - last > idle_seconds():
                return self.log_out(request)
            if last is None or not is_background(request):
                touch(request, now)
        return self.get_response(request)

    def log_out(self, request):
        kept = {key: request.session.get(key) for key in settings.SESSION_IDLE_KEEP}
        logout(request)
        for key, value in kept.items():
            if value is not None:
                request.session[f"idle:{key}"] = value
        if is_background(request):  # a poll: the whole page goes to the login
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("accounts:login")
            return response
        messages.info(request, LOGGED_OUT % {"minutes": settings.SESSION_IDLE_MINUTES})
        return redirect("accounts:login")
