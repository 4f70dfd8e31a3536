"""What the virtual phone shows now, and which flow it belongs to.

A phone follows the flow this browser walks (the learner's own phone, beside the
page or in a second window), or, on a real smartphone, the one flow its QR code
paired it with. The browser's own unfinished flow always comes first, and a
pairing ends with its flow, so a browser that once followed a pairing link still
gets its own calls. One QR code pairs one phone: the first device that uses it.

The inbox asks each area what it has for the phone. Today only the issuance flow
sends it anything (an ARS call, a push approval, the app update); another area
adds its requests (the certificate centre's copy and transfer approvals) here.
"""

import hashlib
import secrets
from dataclasses import dataclass

from issuance.flow import browser as flow_browser
from issuance.flow import machine
from issuance.flow import selectors as flow_selectors
from issuance.models import IssuanceSession

PHONE_KEY = "phone_pairing"
IDLE = "idle"
BUSY_POLL_SECONDS = 2  # something can arrive any moment (a call, a push request)
IDLE_POLL_SECONDS = 10  # nothing soon: the learner may still start a flow


@dataclass(frozen=True)
class PhoneScreen:
    name: str  # "idle", or what an area asks: "call", "push", "update"
    session: IssuanceSession | None  # the flow it belongs to
    may_receive: bool  # False once nothing can arrive any more: the phone stops polling
    poll_seconds: int


def _device_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _load(pk) -> IssuanceSession | None:
    return (
        IssuanceSession.objects.select_related("customer__mobile_authenticator", "scenario")
        .filter(pk=pk)
        .first()
    )


def _active(session: IssuanceSession | None) -> bool:
    return session is not None and not (machine.is_finished(session) or machine.is_expired(session))


def phone_pair(request, session_id: str) -> bool:
    """This browser becomes the phone of ``session_id`` if no other device is yet."""
    pairing = request.session.get(PHONE_KEY) or {}
    key = pairing.get("device") if pairing.get("session") == session_id else None
    key = key or secrets.token_urlsafe(24)
    claimed = IssuanceSession.objects.filter(
        pk=session_id, paired_phone__in=["", _device_hash(key)]
    ).update(paired_phone=_device_hash(key))
    if claimed:
        request.session[PHONE_KEY] = {"session": session_id, "device": key}
    return bool(claimed)


@dataclass(frozen=True)
class Follow:
    session: IssuanceSession | None
    paired: bool  # followed through a QR pairing (not the browser's own flow)


def followed_flow(request) -> Follow:
    """The flow this phone belongs to now (see the module's rules)."""
    own_id = flow_browser.current_session_id(request)
    own = _load(own_id) if own_id else None
    if _active(own):
        return Follow(own, paired=False)
    pairing = request.session.get(PHONE_KEY)
    if pairing:
        paired = _load(pairing["session"])
        if paired is not None and paired.paired_phone == _device_hash(pairing["device"]):
            if _active(paired):
                return Follow(paired, paired=True)
            request.session.pop(PHONE_KEY, None)  # the pairing ends with its flow
            if own is None:
                return Follow(paired, paired=True)
        else:
            request.session.pop(PHONE_KEY, None)
    return Follow(own, paired=False)


def paired_session(request) -> IssuanceSession | None:
    return followed_flow(request).session


def phone_screen(session: IssuanceSession | None, *, paired: bool = False) -> PhoneScreen:
    """What to show for ``session``; a paired phone whose flow is over stops polling,
    the learner's own phone polls on slowly (a new flow may start at any time)."""
    if session is None or not _active(session):
        return PhoneScreen(IDLE, session, may_receive=not paired, poll_seconds=IDLE_POLL_SECONDS)
    request = flow_selectors.phone_request(session)
    soon = request or session.status in flow_selectors.PHONE_STEPS
    return PhoneScreen(
        request or IDLE,
        session,
        may_receive=True,
        poll_seconds=BUSY_POLL_SECONDS if soon else IDLE_POLL_SECONDS,
    )
