"""도와주세요: a learner asks for help from any page (the panel the page polls), the
request waits in the dashboard's queue with the learner's step and last error, a
보조강사 or the trainer takes it ("김○○ 보조강사가 갑니다" on the learner's panel) and
marks it done; the learner may cancel it. The results count each persona's requests
and how long they waited (asked → taken).

Reads cost a fixed number of queries whatever the class size: the queue is one
query, a learner's open request one, the results' waiting times one.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from classroom import selectors
from classroom.models import Classroom, HelpRequest, Seat, SeatPersona
from issuance.models import CenterEvent, IssuanceEvent

ERROR_LENGTH = 200  # HelpRequest.last_error


# --- The learner --------------------------------------------------------------------------


def open_request(seat: Seat) -> HelpRequest | None:
    """The seat's request waiting or taken (its taker's name with it), one query."""
    return HelpRequest.objects.open().filter(seat=seat).select_related("taken_by").first()


def last_error(persona: SeatPersona) -> str:
    """The persona's latest wrong attempt or refusal, in the flow or the centre: what the
    page told the learner (no secret is ever in it)."""
    failed = (IssuanceEvent.Result.FAILED, IssuanceEvent.Result.REFUSED)
    flow = (
        IssuanceEvent.objects.filter(session__customer=persona.customer_id, result__in=failed)
        .order_by("-created_at", "-id")
        .values_list("created_at", "message")
        .first()
    )
    center = (
        CenterEvent.objects.filter(customer=persona.customer_id, result=CenterEvent.Result.FAILED)
        .order_by("-created_at", "-id")
        .values_list("created_at", "message")
        .first()
    )
    events = [event for event in (flow, center) if event]
    return max(events)[1][:ERROR_LENGTH] if events else ""


def help_ask(*, persona: SeatPersona) -> tuple[HelpRequest, bool]:
    """The learner's 도와주세요: a new request with their step and last error, or the one
    already open (False: nothing new)."""
    seat = persona.seat
    if existing := open_request(seat):
        return existing, False
    row = selectors.seat_row(seat)
    with translation.override(settings.LANGUAGE_CODE):  # as the trainer's dashboard says it
        step_label = str(row.step_label) if row else ""
    try:
        with transaction.atomic():
            request = HelpRequest.objects.create(
                seat=seat,
                persona=persona,
                step=row.step if row else "",
                step_label=step_label[:80],
                last_error=last_error(persona),
            )
    except IntegrityError:  # asked twice at once: the other one is the request
        return open_request(seat), False
    return request, True


def help_cancel(*, seat: Seat) -> bool:
    return bool(HelpRequest.objects.open().filter(seat=seat).update(cancelled_at=timezone.now()))


# --- The dashboard ------------------------------------------------------------------------


def queue(classroom: Classroom) -> list[HelpRequest]:
    """The class's open requests, oldest first, with the seat and who took it: one query."""
    return list(
        HelpRequest.objects.open()
        .filter(seat__classroom=classroom)
        .select_related("seat", "taken_by")
        .order_by("asked_at", "id")
    )


def help_take(*, classroom: Classroom, request_id: int, user, as_helper: bool) -> bool:
    """``user`` goes to the learner (False: someone else took it first, or it is closed)."""
    return bool(
        HelpRequest.objects.open()
        .filter(pk=request_id, seat__classroom=classroom, taken_by__isnull=True)
        .update(taken_by=user, taken_at=timezone.now(), taken_by_helper=as_helper)
    )


def help_done(*, classroom: Classroom, request_id: int) -> bool:
    return bool(
        HelpRequest.objects.open()
        .filter(pk=request_id, seat__classroom=classroom)
        .update(done_at=timezone.now())
    )


# --- The results --------------------------------------------------------------------------


@dataclass
class HelpWaits:
    """A persona's requests, and the waits (in seconds) of those someone took."""

    asked: int = 0
    waits: list[float] = field(default_factory=list)

    @property
    def total_minutes(self) -> float:
        return round(sum(self.waits) / 60, 1)

    @property
    def longest_minutes(self) -> float:
        return round(max(self.waits, default=0) / 60, 1)


def help_waits(classroom: Classroom) -> dict[int, HelpWaits]:
    """Per persona's customer: how often they asked and how long they waited, one query.
    A request cancelled before anyone took it counts as asked, with no wait."""
    waits: dict[int, HelpWaits] = defaultdict(HelpWaits)
    rows = HelpRequest.objects.filter(seat__classroom=classroom).values_list(
        "persona__customer_id", "asked_at", "taken_at"
    )
    for customer_id, asked_at, taken_at in rows:
        waits[customer_id].asked += 1
        if taken_at:
            waits[customer_id].waits.append((taken_at - asked_at).total_seconds())
    return waits
