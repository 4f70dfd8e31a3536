"""What the virtual phone shows now: it asks each area what it has for this phone.

The phone follows one issuance session: the one a real smartphone was paired
with (QR code), or else the flow this browser walks. Today only the issuance
flow sends the phone anything (an ARS call, a push approval, the app update);
another area adds its requests (e.g. the certificate centre's copy and transfer
approvals) as one more source in ``phone_screen``.
"""

from dataclasses import dataclass

from issuance.flow import browser as flow_browser
from issuance.flow import selectors as flow_selectors
from issuance.models import IssuanceSession

PHONE_KEY = "phone_issuance_session"
IDLE = "idle"


@dataclass(frozen=True)
class PhoneScreen:
    name: str  # "idle", or what an area asks: "call", "push", "update"
    session: IssuanceSession | None  # the flow it belongs to
    may_receive: bool  # False once nothing can arrive any more: the phone stops polling


def phone_pair(request, session_id: str) -> None:
    """This browser is now the phone of ``session_id`` (it scanned the QR code)."""
    request.session[PHONE_KEY] = session_id


def paired_session(request) -> IssuanceSession | None:
    pk = request.session.get(PHONE_KEY) or flow_browser.current_session_id(request)
    if not pk:
        return None
    return (
        IssuanceSession.objects.select_related("customer__mobile_authenticator", "scenario")
        .filter(pk=pk)
        .first()
    )


def phone_screen(session: IssuanceSession | None) -> PhoneScreen:
    if session is None:
        return PhoneScreen(IDLE, None, may_receive=False)
    request = flow_selectors.phone_request(session)
    return PhoneScreen(
        request or IDLE, session, may_receive=flow_selectors.phone_may_receive(session)
    )
