"""What the virtual phone shows now, and which flow it belongs to.

A phone follows the flow this browser walks (the learner's own phone, beside the
page or in a second window), or, on a real smartphone, the one flow its QR code
paired it with. The browser's own unfinished flow always comes first, and a
pairing ends with its flow, so a browser that once followed a pairing link still
gets its own calls. One QR code pairs one phone: the first device that uses it.

The inbox asks each area what it has for the phone: the issuance flow first (an
ARS call, a push approval, the app update), then the requests of the certificate
centre and the bank (``issuance.center.requests``: a large 이체's approval, the two
sides of 스마트폰 인증서 복사, the ARS call of 타기관 인증서 등록) for the customers
whose devices this browser holds.
A phone paired through a QR code follows only its flow.
"""

import hashlib
import secrets
from dataclasses import dataclass

from issuance.center import requests as center_requests
from issuance.drills.selectors import PhoneDrill
from issuance.flow import browser as flow_browser
from issuance.flow import machine
from issuance.flow import selectors as flow_selectors
from issuance.models import IssuanceSession, PhoneRequest

PHONE_KEY = "phone_pairing"
IDLE = "idle"
BUSY_POLL_SECONDS = 2  # something can arrive any moment (a call, a push request)
IDLE_POLL_SECONDS = 10  # nothing soon: the learner may still start a flow


SCREEN_OF_REQUEST = {
    PhoneRequest.Kind.APPROVAL: "approve",
    PhoneRequest.Kind.COPY_TO_PHONE: "copy-receive",
    PhoneRequest.Kind.COPY_TO_PC: "copy-send",
    PhoneRequest.Kind.ARS: "call",  # 타기관 인증서 등록's ARS call
    PhoneRequest.Kind.CLOUD_SMS: "sms",  # a new device's 금융인증서 클라우드 연결
}


def screen_template(name: str) -> str:
    """Each screen is a template of its own, named as the screen:
    templates/issuance/phone/screens/<name>.html (in the frame, issuance/phone/_screen.html)."""
    return f"issuance/phone/screens/{name}.html"


@dataclass(frozen=True)
class PhoneScreen:
    name: str  # "idle", or what an area asks: "call", "push", "update", "approve", "copy-…"
    session: IssuanceSession | None  # the flow it belongs to
    may_receive: bool  # False once nothing can arrive any more: the phone stops polling
    poll_seconds: int
    request: PhoneRequest | None = None  # the centre's or the bank's request shown
    drill: PhoneDrill | None = None  # a scam drill's scene, look-alike page or outcome

    @property
    def template_name(self) -> str:
        return screen_template(self.name)


def _device_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _load(pk) -> IssuanceSession | None:
    return (
        IssuanceSession.objects.select_related("customer__mobile_authenticator", "scenario")
        .filter(pk=pk)
        .first()
    )


def flow_active(session: IssuanceSession | None) -> bool:
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
    if flow_active(own):
        return Follow(own, paired=False)
    pairing = request.session.get(PHONE_KEY)
    if pairing:
        paired = _load(pairing["session"])
        if paired is not None and paired.paired_phone == _device_hash(pairing["device"]):
            if flow_active(paired):
                return Follow(paired, paired=True)
            request.session.pop(PHONE_KEY, None)  # the pairing ends with its flow
            if own is None:
                return Follow(paired, paired=True)
        else:
            request.session.pop(PHONE_KEY, None)
    return Follow(own, paired=False)


def paired_session(request) -> IssuanceSession | None:
    return followed_flow(request).session


def phone_screen(
    session: IssuanceSession | None,
    *,
    paired: bool = False,
    customer_ids=(),
    drill: PhoneDrill | None = None,
) -> PhoneScreen:
    """What to show for ``session`` and the centre's requests of ``customer_ids``; a
    paired phone whose flow is over stops polling, the learner's own phone polls on
    slowly (a new flow or request may come at any time)."""
    active = session is not None and flow_active(session)
    flow_request = flow_selectors.phone_request(session) if active else None
    if flow_request:
        return PhoneScreen(flow_request, session, may_receive=True, poll_seconds=BUSY_POLL_SECONDS)
    if drill is not None:  # a scam drill rings in between, as a real one would
        return PhoneScreen(drill.screen, session, True, BUSY_POLL_SECONDS, drill=drill)
    if not paired and customer_ids:
        waiting = center_requests.waiting(customer_ids).first()
        if waiting is not None:
            name = SCREEN_OF_REQUEST[waiting.kind]
            return PhoneScreen(name, session, True, BUSY_POLL_SECONDS, request=waiting)
    if not active:
        return PhoneScreen(IDLE, session, may_receive=not paired, poll_seconds=IDLE_POLL_SECONDS)
    soon = session.status in flow_selectors.PHONE_STEPS
    return PhoneScreen(
        IDLE,
        session,
        may_receive=True,
        poll_seconds=BUSY_POLL_SECONDS if soon else IDLE_POLL_SECONDS,
    )


def screen_key(context: dict) -> str:
    """What is on screen, in a word (data-poll-key): a poll that would show the same
    screen is not swapped in (phone.js), and is not even drawn (views.screen: 204)."""
    name, session, request = context["screen"], context["session"], context["phone_request"]
    if name == IDLE:
        recent = "".join(f"{r.pk}{r.state}" for r in context["recent"])
        return f"{name}-{context['poll_seconds']}-{recent}"
    if name == "call":
        if request is not None:
            return f"{name}-r{request.pk}"
        started = session.ars_started_at if session else None
        return f"{name}-{int(started.timestamp()) if started else ''}"
    if name.startswith("drill-"):
        run = context["drill"].run
        return f"{name}-{run.pk}-{run.state}-{run.reported_to}"
    if name == "sms":
        if request is not None:
            return f"{name}-r{request.pk}"
        sent = session.cloud_sent_at if session else None
        return f"{name}-{int(sent.timestamp()) if sent else ''}"
    if name in ("push", "update"):
        sent = session.push_sent_at if session else None
        return f"{name}-{int(sent.timestamp()) if sent else ''}"
    return f"{name}-{request.pk}" if request is not None else name
