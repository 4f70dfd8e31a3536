"""The state machine's declaration (flow/machine.py) and the compare-and-swap that holds it."""

import uuid

import pytest
from django.urls import resolve

from issuance.flow import machine
from issuance.flow import services as flow
from issuance.flow.machine import FLOW, INDICATOR, NODES, Step
from issuance.models import IssuanceSession
from issuance.transitions import IllegalTransition, WrongState
from tests.fixtures.flow import walk

FINANCE_ONLY = {Step.CLOUD, Step.PIN}
JOINT_ONLY = {Step.PREREQUISITES, Step.INSTALL, Step.ARS, Step.PUSH, Step.STORAGE, Step.ISSUING}


def reachable_from(start: Step, nodes=NODES) -> set[Step]:
    seen, todo = set(), [start]
    while todo:
        step = todo.pop()
        if step not in seen:
            seen.add(step)
            todo.extend(nodes[step].goes_to)
    return seen


class TestDeclaration:
    def test_every_status_is_declared_once_in_its_certificates_table(self):
        declared = [node.step for node in FLOW]
        assert sorted(declared) == sorted(set(Step.values) - FINANCE_ONLY)
        assert len(declared) == len(set(declared))
        finance = [node.step for node in machine.FINANCE_FLOW]
        assert sorted(finance) == sorted(set(Step.values) - JOINT_ONLY)
        assert len(finance) == len(set(finance))

    def test_the_finance_flow_has_no_install_ars_push_and_ends_like_the_other(self):
        assert reachable_from(Step.IDENTIFY, machine.FINANCE_NODES) == set(Step) - JOINT_ONLY
        assert [step.label for step in machine.FINANCE_INDICATOR] == [
            "사용자 확인",
            "약관 동의·인증서 종류",
            "보안매체 확인",
            "클라우드 연결",
            "인증서 비밀번호(PIN) 설정",
            "발급 완료",
        ]
        for node in machine.FINANCE_FLOW:
            session = IssuanceSession(pk=uuid.uuid4(), status=node.step, product="finance")
            assert resolve(machine.page_url(session)).url_name.startswith("finance_")

    def test_the_indicator_is_the_products_nine_steps_in_order(self):
        assert [step.label for step in INDICATOR] == [
            "발급 전 확인",
            "보안프로그램 설치",
            "사용자 확인",
            "약관 동의·인증서 종류",
            "추가 본인인증(ARS)",
            "보안매체 확인",
            "모바일 인증",
            "저장 위치·인증서 암호",
            "발급 완료",
        ]

    def test_every_status_is_reachable_and_can_end(self):
        # ISSUING only exists in rows the earlier two-transaction issuance left; it leads back.
        assert reachable_from(Step.PREREQUISITES) == set(Step) - {Step.ISSUING} - FINANCE_ONLY
        assert NODES[Step.ISSUING].goes_to == (Step.STORAGE,)
        for step in set(Step) - FINANCE_ONLY:
            assert reachable_from(step) & machine.FINAL, f"{step} can never end"

    def test_final_statuses_are_completed_and_stopped(self):
        assert {Step.COMPLETED, Step.STOPPED} == machine.FINAL

    @pytest.mark.parametrize("node", FLOW, ids=lambda node: node.step)
    def test_every_status_has_a_page(self, node):
        session = IssuanceSession(pk=uuid.uuid4(), status=node.step)
        if node.step == Step.PREREQUISITES:
            return  # before a session exists: the page takes no id
        url = machine.page_url(session)
        assert resolve(url).namespace == "flow"

    def test_issuing_is_shown_as_storage(self):
        session = IssuanceSession(pk=uuid.uuid4(), status=Step.ISSUING)
        assert machine.page_url(session).endswith("/storage/")
        assert machine.indicator_steps_done(Step.ISSUING) == list(INDICATOR[:7])

    def test_a_stopped_session_shows_no_indicator(self):
        assert NODES[Step.STOPPED].shown_as is None
        assert machine.indicator_steps_done(Step.STOPPED) == []


class TestSwap:
    def test_a_change_that_is_not_an_edge_is_refused(self, ready, new_session):
        session = walk(new_session, Step.IDENTIFY)
        for target in (Step.COMPLETED, Step.STORAGE, Step.INSTALL, Step.ISSUING):
            with pytest.raises(IllegalTransition):
                machine.swap(session, Step.IDENTIFY, status=target)
        session.refresh_from_db()
        assert session.status == Step.IDENTIFY

    def test_nothing_leaves_a_final_status(self, ready, issuing_ca, new_session):
        session = walk(new_session, Step.COMPLETED)
        for target in Step:
            if target != Step.COMPLETED:
                with pytest.raises(IllegalTransition):
                    machine.swap(session, Step.COMPLETED, status=target)

    def test_an_edge_from_the_wrong_status_loses_the_race(self, ready, new_session):
        session = walk(new_session, Step.TERMS)
        stale = IssuanceSession.objects.get(pk=session.pk)
        flow.terms_accept(session=session, cert_type="bank")
        with pytest.raises(WrongState):
            machine.swap(stale, Step.TERMS, status=Step.ARS)
        session.refresh_from_db()
        assert session.status == Step.ARS

    def test_staying_at_a_status_is_always_allowed(self, ready, new_session):
        session = walk(new_session, Step.IDENTIFY)
        machine.swap(session, Step.IDENTIFY, identify_failures=1)
        session.refresh_from_db()
        assert session.identify_failures == 1
