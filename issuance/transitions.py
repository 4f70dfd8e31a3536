"""Every stateful row's transitions, through one small helper: a table and a
compare-and-swap.

A ``Machine`` is a model, the field that holds its state, and its edges: for every
state, the states it may move to (staying is always allowed: a change of other
fields at the same state). Each machine declares its table once, where its area
keeps its behaviour:

- the issuance flow (``flow/machine.py``: ``FLOW``, with each status's page),
- a 계좌 이체 (``transfer/services.py``: ``TRANSFER``),
- a request to the phone (``center/requests.py``: ``PHONE_REQUEST``),
- a certificate's revocation (``ca/services.py``: ``REVOCATION``).

``swap`` moves one row in one conditional UPDATE,
``filter(pk=…, <field>=expected, **where).update(…)``: 0 rows means another request
got there first (a double click, a second tab, the phone), and ``WrongState`` is
raised, so nothing happens twice on SQLite and PostgreSQL alike. A move that is not
an edge of the table is a bug in the caller: ``IllegalTransition``.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models


class IllegalTransition(Exception):
    """A transition the table does not allow: a bug in the caller, never the user."""


class WrongState(Exception):
    """The row is not (or no longer) at the state this request expected."""


@dataclass(frozen=True)
class Machine:
    model: type[models.Model]
    field: str
    edges: Mapping[str, tuple[str, ...]]

    @property
    def final(self) -> frozenset[str]:
        """The states nothing leaves."""
        return frozenset(state for state, targets in self.edges.items() if not targets)

    def allows(self, source: str, target: str) -> bool:
        return target == source or target in self.edges.get(source, ())

    def swap(self, row, expected: str, /, *, where: Mapping | None = None, **changes) -> None:
        """Move ``row`` from ``expected`` with ``changes`` (its new state among them, or
        the same state), once; ``where`` adds conditions on other fields (a counter, a
        sub-state, a deadline), so two requests that read the same row cannot both win."""
        target = changes.get(self.field, expected)
        if not self.allows(expected, target):
            raise IllegalTransition(f"{self.model.__name__}.{self.field}: {expected} → {target}")
        rows = self.model._default_manager.filter(pk=row.pk, **{self.field: expected})
        if not rows.filter(**(where or {})).update(**changes):
            raise WrongState(f"{self.model.__name__} {row.pk} is not at {expected}")
        for name, value in changes.items():
            setattr(row, name, value)

    def try_swap(self, row, expected: str, /, *, where: Mapping | None = None, **changes) -> bool:
        """``swap``, saying whether it moved instead of raising ``WrongState``."""
        try:
            self.swap(row, expected, where=where, **changes)
        except WrongState:
            return False
        return True

    def swap_all(self, rows, expected: str, /, **changes) -> int:
        """Move every row of the queryset ``rows`` at ``expected`` (e.g. a customer's older
        waiting requests, superseded by a new one); how many moved."""
        target = changes.get(self.field, expected)
        if not self.allows(expected, target):
            raise IllegalTransition(f"{self.model.__name__}.{self.field}: {expected} → {target}")
        return rows.filter(**{self.field: expected}).update(**changes)
