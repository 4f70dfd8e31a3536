"""Which 수료증 this browser may download (the ones it was issued, kept in its session:
another browser gets a 404), and the verification page's absolute address for the QR
code (``SITE_URL`` on a LAN, else the request's own)."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

COMPLETIONS_KEY = "completions"
KEPT = 20  # the newest ids a browser keeps


def remember_completion(request, completion_id) -> None:
    ids = [pk for pk in request.session.get(COMPLETIONS_KEY, []) if pk != str(completion_id)]
    request.session[COMPLETIONS_KEY] = [*ids, str(completion_id)][-KEPT:]


def owns_completion(request, completion_id) -> bool:
    return str(completion_id) in request.session.get(COMPLETIONS_KEY, [])


def owned_completion_ids(request) -> list[str]:
    return list(request.session.get(COMPLETIONS_KEY, []))


def verify_url_for(request) -> Callable[[uuid.UUID], str]:
    """``completion_id`` → the absolute address of its verification page."""

    def url(completion_id) -> str:
        path = reverse("lessons:verify", args=[completion_id])
        return settings.SITE_URL + path if settings.SITE_URL else request.build_absolute_uri(path)

    return url
