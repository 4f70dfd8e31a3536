"""Which issuance session this browser walks (kept in its Django session).

A session belongs to the browser that started it: ``owned_session`` answers
404 for any other, so nobody can open or post to someone else's flow by its id.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from issuance.models import IssuanceSession

SESSION_KEY = "issuance_session"


def remember(request, session: IssuanceSession) -> None:
    request.session[SESSION_KEY] = str(session.pk)


def current_session_id(request) -> str | None:
    """The id of the flow this browser started last, if any."""
    return request.session.get(SESSION_KEY)


def owned_session(request, pk) -> IssuanceSession:
    """The session ``pk`` if this browser started it; 404 otherwise (never someone else's)."""
    if current_session_id(request) != str(pk):
        raise Http404
    return get_object_or_404(IssuanceSession.objects.select_related("customer", "scenario"), pk=pk)
