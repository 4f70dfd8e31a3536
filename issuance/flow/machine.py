"""The issuance flow's state machine, declared once.

``FLOW`` is the table: every status an ``IssuanceSession`` can have, in the
order of PRODUCT.md, with the page that shows it, the statuses it may move to,
and where it sits in the progress indicator. Everything else is derived from
it: the step order, the step URLs, the indicator, which statuses are final,
and ``swap``, which refuses any change of status that is not an edge here (through
``issuance.transitions``, the helper every stateful row's machine uses).

``swap`` is the compare-and-swap every transition goes through
(``filter(pk=…, status=EXPECTED, expires_at__gt=now).update(status=NEXT, …)``):
0 rows updated means another request (a double click, a second tab, the phone)
got there first, or the session expired, and the transition is refused. So no
step can be skipped or repeated and a certificate is issued at most once, on
SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issuance.flow import limits
from issuance.models import IssuanceEvent, IssuanceSession, IssuanceStep
from issuance.transitions import Machine

Step = IssuanceStep


@dataclass(frozen=True)
class Node:
    """One status: the page that shows it, its edges, its place in the indicator."""

    step: Step
    page: str  # URL name of the page a session at this status is sent to
    goes_to: tuple[Step, ...]  # the statuses a transition may move it to
    shown_as: Step | None  # the indicator step it lights up (None: not in the indicator)


FLOW: tuple[Node, ...] = (
    Node(Step.PREREQUISITES, "flow:prerequisites", (Step.INSTALL,), Step.PREREQUISITES),
    Node(Step.INSTALL, "flow:install", (Step.IDENTIFY,), Step.INSTALL),
    Node(Step.IDENTIFY, "flow:identify", (Step.TERMS, Step.STOPPED), Step.IDENTIFY),
    Node(Step.TERMS, "flow:terms", (Step.ARS,), Step.TERMS),
    Node(Step.ARS, "flow:ars", (Step.MEDIUM, Step.STOPPED), Step.ARS),
    Node(Step.MEDIUM, "flow:medium", (Step.PUSH, Step.STORAGE), Step.MEDIUM),
    Node(Step.PUSH, "flow:push", (Step.STORAGE, Step.STOPPED), Step.PUSH),
    # The certificate, its copy, the fee and this edge commit in one transaction.
    Node(Step.STORAGE, "flow:storage", (Step.COMPLETED,), Step.STORAGE),
    # Only rows left by the earlier two-transaction issuance: back to the storage step.
    Node(Step.ISSUING, "flow:storage", (Step.STORAGE,), Step.STORAGE),
    Node(Step.COMPLETED, "flow:done", (), Step.COMPLETED),
    Node(Step.STOPPED, "flow:stopped", (), None),
)

# The 금융인증서 (``IssuanceSession.product`` "finance"): no program to install (it is
# 무설치), no ARS nor push; after 본인확인 and the account, the cloud connection (the
# SMS from the phone) and the 6-digit PIN, which issues it into the cloud.
FINANCE_FLOW: tuple[Node, ...] = (
    Node(Step.IDENTIFY, "flow:finance_identify", (Step.TERMS, Step.STOPPED), Step.IDENTIFY),
    Node(Step.TERMS, "flow:finance_terms", (Step.MEDIUM,), Step.TERMS),
    Node(Step.MEDIUM, "flow:finance_medium", (Step.CLOUD,), Step.MEDIUM),
    Node(Step.CLOUD, "flow:finance_cloud", (Step.PIN, Step.STOPPED), Step.CLOUD),
    # The certificate, its cloud copy and this edge commit in one transaction.
    Node(Step.PIN, "flow:finance_pin", (Step.COMPLETED,), Step.PIN),
    Node(Step.COMPLETED, "flow:finance_done", (), Step.COMPLETED),
    Node(Step.STOPPED, "flow:finance_stopped", (), None),
)

NODES: dict[str, Node] = {node.step: node for node in FLOW}
INDICATOR: tuple[Step, ...] = tuple(node.step for node in FLOW if node.shown_as == node.step)
FINAL: frozenset[Step] = frozenset(node.step for node in FLOW if not node.goes_to)
FINANCE_NODES: dict[str, Node] = {node.step: node for node in FINANCE_FLOW}
FINANCE_INDICATOR: tuple[Step, ...] = tuple(
    node.step for node in FINANCE_FLOW if node.shown_as == node.step
)


# The tables as the transitions helper reads them: every swap of a session goes through
# its product's.
MACHINE = Machine(IssuanceSession, "status", {node.step: node.goes_to for node in FLOW})
FINANCE_MACHINE = Machine(
    IssuanceSession, "status", {node.step: node.goes_to for node in FINANCE_FLOW}
)


def machine_of(session: IssuanceSession) -> Machine:
    return FINANCE_MACHINE if session.is_finance else MACHINE


def nodes_of(session: IssuanceSession | None) -> dict[str, Node]:
    return FINANCE_NODES if session is not None and session.is_finance else NODES


def indicator_of(session: IssuanceSession | None) -> tuple[Step, ...]:
    return FINANCE_INDICATOR if session is not None and session.is_finance else INDICATOR


@dataclass(frozen=True)
class Shown:
    """One step of the progress indicator as the page names it."""

    step: Step
    label: str


# The 금융인증서's terms ask no certificate type: its indicator says only 약관 동의.
FINANCE_LABELS = {Step.TERMS: _("약관 동의")}


def indicator_shown(session: IssuanceSession | None) -> list[Shown]:
    finance = session is not None and session.is_finance
    labels = FINANCE_LABELS if finance else {}
    return [Shown(step, labels.get(step, step.label)) for step in indicator_of(session)]


def shown_as(status: str) -> Step | None:
    """The indicator step a status lights up, whichever certificate's flow it is in."""
    node = NODES.get(status) or FINANCE_NODES.get(status)
    return node.shown_as if node else None


def allows(source: str, target: str, *, session: IssuanceSession | None = None) -> bool:
    """Whether a session at ``source`` may move to ``target`` (staying is always allowed)."""
    return (machine_of(session) if session is not None else MACHINE).allows(source, target)


def page_url(session: IssuanceSession) -> str:
    """The URL of the page that shows the step ``session`` is really at."""
    return reverse(nodes_of(session)[session.status].page, args=[session.pk])


def indicator_steps_done(status: str, session: IssuanceSession | None = None) -> list[Step]:
    """The indicator's steps before the one ``status`` lights up."""
    shown = nodes_of(session)[status].shown_as
    indicator = indicator_of(session)
    return list(indicator[: indicator.index(shown)]) if shown else []


def is_finished(session: IssuanceSession) -> bool:
    return session.status in FINAL


def is_expired(session: IssuanceSession) -> bool:
    """Expiry is computed when read: no scheduler."""
    return not is_finished(session) and session.expires_at <= timezone.now()


# --- The compare-and-swap and the audit trail -----------------------------------------

Event = tuple[str, str, str]  # (step, result, message): one line of the learner's trail


def swap(session: IssuanceSession, expected: str, event: Event | None = None, **changes) -> None:
    """Move ``session`` from ``expected`` to ``changes`` atomically, or raise ``WrongState``;
    ``event`` goes on the trail in the same transaction, so no change is without its line.

    ``<field>__expected=value`` adds a condition on another field (e.g. a counter
    or a sub-state), so two requests that read the same row cannot both win. A session
    past its deadline moves no more (``expires_at``, renewed by every move).
    """
    now = timezone.now()
    changes.setdefault("expires_at", limits.session_expiry(session, now))
    if changes.get("status", expected) != expected:
        changes["status_changed_at"] = now
    where = {
        key.removesuffix("__expected"): changes.pop(key)
        for key in list(changes)
        if key.endswith("__expected")
    }
    with transaction.atomic():
        machine_of(session).swap(
            session, expected, where={**where, "expires_at__gt": now}, **changes
        )
        if event is not None:
            record(session, *event)


def record(session: IssuanceSession, step: str, result: str, message: str) -> None:
    """One line of the learner's trail (the admin and the trainer read it)."""
    IssuanceEvent.objects.create(session=session, step=step, result=result, message=str(message))


def refusal(check) -> str:
    """How a refused secret goes on the trail (``check``: an ``accounts`` SecretCheck): a
    wrong attempt, or REFUSED when the medium was locked before it (no attempt was made)."""
    return IssuanceEvent.Result.REFUSED if check.was_locked else IssuanceEvent.Result.FAILED


def stop(
    session: IssuanceSession,
    expected: str,
    message: str,
    result: str = IssuanceEvent.Result.FAILED,
    **changes,
) -> None:
    """End the flow at ``expected`` with ``message`` (the 중단 page shows it) and its line
    on the trail; ``result`` is REFUSED when what stopped it was locked before (not a
    wrong attempt)."""
    changes.update(status=Step.STOPPED, stop_reason=str(message))
    swap(session, expected, event=(expected, result, message), **changes)
