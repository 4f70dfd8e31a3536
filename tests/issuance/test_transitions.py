"""One state-machine helper for every stateful row: each machine's table covers every
state of its model, a move that is not an edge is a bug (IllegalTransition), a move
another request made first is refused (WrongState), and a transition and its line on
the learner's trail are written together."""

import pytest
from django.db import DataError, connection

from issuance.ca.revocation import REVOCATION, certificate_revoke
from issuance.center.requests import PHONE_REQUEST, finish, request_open
from issuance.flow import machine
from issuance.flow import services as flow
from issuance.models import (
    IssuanceEvent,
    IssuanceSession,
    IssuanceStep,
    PhoneRequest,
    RevocationReason,
    Transfer,
)
from issuance.querysets import FLOW_FINAL
from issuance.transfer.services import TRANSFER
from issuance.transitions import IllegalTransition, Machine, WrongState

pytestmark = pytest.mark.django_db

MACHINES = {
    "flow": (machine.MACHINE, set(IssuanceStep.values) - {"cloud", "pin"}),
    "금융인증서 flow": (
        machine.FINANCE_MACHINE,
        {"identify", "terms", "medium", "cloud", "pin", "completed", "stopped"},
    ),
    "transfer": (TRANSFER, Transfer.State.values),
    "phone request": (PHONE_REQUEST, PhoneRequest.State.values),
    "revocation": (REVOCATION, ["", *RevocationReason.values]),
}


@pytest.mark.parametrize("name", MACHINES)
def test_every_machine_declares_every_state_of_its_model(name):
    table, states = MACHINES[name]
    assert set(table.edges) == set(states)
    for targets in table.edges.values():
        assert set(targets) <= set(states)


def test_the_flows_final_statuses_are_the_querysets():
    assert set(FLOW_FINAL) == set(machine.FINAL) == set(machine.MACHINE.final)


class TestTheHelper:
    def test_a_move_that_is_no_edge_is_a_bug(self, holder):
        request = request_open(customer_id=holder.pk, kind=PhoneRequest.Kind.APPROVAL)
        with pytest.raises(IllegalTransition):
            PHONE_REQUEST.swap(request, PhoneRequest.State.WAITING, state="no-such-state")
        finish(request, PhoneRequest.State.DENIED)
        with pytest.raises(IllegalTransition):  # nothing leaves a final state
            PHONE_REQUEST.swap(request, PhoneRequest.State.DENIED, state="waiting")

    def test_the_second_of_two_moves_from_one_state_is_refused(self, holder):
        request = request_open(customer_id=holder.pk, kind=PhoneRequest.Kind.APPROVAL)
        stale = PhoneRequest.objects.get(pk=request.pk)  # another tab read it too
        assert finish(request, PhoneRequest.State.APPROVED)
        assert not finish(stale, PhoneRequest.State.DENIED)
        with pytest.raises(WrongState):
            PHONE_REQUEST.swap(stale, PhoneRequest.State.WAITING, state="denied")
        assert PhoneRequest.objects.get(pk=request.pk).state == PhoneRequest.State.APPROVED

    def test_a_condition_on_another_field_is_part_of_the_swap(self, holder):
        request = request_open(customer_id=holder.pk, kind=PhoneRequest.Kind.APPROVAL)
        with pytest.raises(WrongState):
            PHONE_REQUEST.swap(
                request, PhoneRequest.State.WAITING, where={"failures": 3}, state="failed"
            )
        PHONE_REQUEST.swap(request, PhoneRequest.State.WAITING, where={"failures": 0}, failures=1)
        assert request.failures == 1 and request.state == PhoneRequest.State.WAITING

    def test_swap_all_moves_only_the_rows_at_the_state(self, holder):
        older = request_open(customer_id=holder.pk, kind=PhoneRequest.Kind.APPROVAL)
        newer = request_open(customer_id=holder.pk, kind=PhoneRequest.Kind.APPROVAL)
        older.refresh_from_db()
        assert older.state == PhoneRequest.State.FAILED  # the newer one superseded it
        assert newer.state == PhoneRequest.State.WAITING

    def test_a_machine_of_any_model_works_alike(self):
        table = Machine(PhoneRequest, "state", {"a": ("b",), "b": ()})
        assert table.allows("a", "b") and table.allows("a", "a") and not table.allows("b", "a")
        assert table.final == frozenset({"b"})


class TestRevocation:
    def test_a_certificate_is_revoked_once(self, issued):
        certificate = issued.certificate
        certificate_revoke(certificate=certificate)
        with pytest.raises(WrongState):
            certificate_revoke(certificate=certificate)
        with pytest.raises(IllegalTransition):  # a reason is no state to leave
            REVOCATION.swap(certificate, "cessation_of_operation", revocation_reason="")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL enforces lengths")
def test_a_transition_whose_line_cannot_be_written_does_not_happen():
    """The flow's move and its event commit together: an event PostgreSQL refuses (a
    message past its 200 characters) takes the move back with it."""
    session = flow.session_start()
    with pytest.raises(DataError):
        machine.swap(
            session,
            IssuanceStep.INSTALL,
            event=(IssuanceStep.INSTALL, IssuanceEvent.Result.OK, "x" * 300),
            status=IssuanceStep.IDENTIFY,
        )
    assert IssuanceSession.objects.get(pk=session.pk).status == IssuanceStep.INSTALL
