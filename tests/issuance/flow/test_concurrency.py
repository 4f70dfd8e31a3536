"""Two requests at once (double click, two tabs, two devices) on PostgreSQL:
exactly one approval and exactly one certificate."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from accounts.models import CheckCounter
from issuance.flow import authentication
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Certificate, IssuanceSession
from issuance.transitions import WrongState
from portal.refusals import Refused
from tests.fixtures.flow import CERT_PASSWORD, walk
from tests.issuance.flow.support import HTMX, Learner, text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level concurrency is checked on PostgreSQL"
    ),
]


def race(action, times: int = 2) -> list:
    """Run ``action`` in ``times`` threads released together; their outcomes."""
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(action())
        except (WrongState, Refused) as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def fresh(session_id):
    return IssuanceSession.objects.select_related("customer", "scenario").get(pk=session_id)


def test_two_approvals_approve_once(ready):
    session = walk(flow.session_start(), Step.PUSH)
    outcomes = race(lambda: authentication.push_approve(session=fresh(session.pk), pin="135790"))
    assert sum(1 for o in outcomes if o is None) == 1
    assert sum(1 for o in outcomes if isinstance(o, WrongState)) == 1
    assert fresh(session.pk).status == Step.STORAGE


def test_two_final_submissions_issue_one_certificate(ready, issuing_ca):
    session = walk(flow.session_start(), Step.STORAGE)
    outcomes = race(
        lambda: flow.storage_submit(
            session=fresh(session.pk),
            medium="hdd",
            password=CERT_PASSWORD,
            password_confirm=CERT_PASSWORD,
        ),
        times=3,
    )
    assert sum(1 for o in outcomes if isinstance(o, Certificate)) == 1
    assert Certificate.objects.filter(customer=ready).count() == 1
    assert fresh(session.pk).status == Step.COMPLETED


def test_two_reissues_of_one_customer_at_once_both_finish_cleanly(ready, issuing_ca):
    """Two tabs re-issue the same certificate at the same moment: no 500; the two are
    serialised (the second replaces the first), one valid certificate remains."""
    from issuance.ca.services import certificate_issue

    certificate_issue(customer=ready, cert_type="bank", password=CERT_PASSWORD)
    sessions = [walk(flow.session_start(), Step.STORAGE) for _ in range(2)]
    pending = iter(sessions)
    lock = threading.Lock()

    def submit():
        with lock:
            session = next(pending)
        return flow.storage_submit(
            session=fresh(session.pk),
            medium="hdd",
            password=CERT_PASSWORD,
            password_confirm=CERT_PASSWORD,
        )

    outcomes = race(submit, times=2)
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    assert Certificate.objects.valid().filter(customer=ready, cert_type="bank").count() == 1
    assert all(fresh(s.pk).status == Step.COMPLETED for s in sessions)


def waiting_on_a_lock() -> int:
    """How many of this database's connections wait for a row lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def test_a_poll_while_a_wrong_ars_answer_is_counted_never_shows_the_old_count(
    client, ready, issuing_ca
):
    """The page's poll lands between the wrong answer and its count: it must show the
    call still ringing (then 1/5), never the ended call with 0/5, after which it stops
    polling."""
    learner = Learner(client)
    learner.walk_to(Step.ARS)
    client.post(learner.url("ars"), {"phone": ready.phones.first().pk})
    counter, _created = CheckCounter.objects.get_or_create(customer=ready, kind="ars")
    locked, release = threading.Event(), threading.Event()

    def hold_the_counter():  # another request counting on the same customer, slowly
        try:
            with transaction.atomic():
                CheckCounter.objects.select_for_update().get(pk=counter.pk)
                locked.set()
                release.wait(timeout=60)
        finally:
            connections.close_all()

    def answer_wrong():
        try:
            locked.wait(timeout=60)
            authentication.ars_answer(session=fresh(learner.session_id), digits="00")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hold_the_counter), threading.Thread(target=answer_wrong)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 60
        while not waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)  # the wrong answer has reached its count and waits there
        assert waiting_on_a_lock() == 1
        poll = text(client.get(reverse("flow:ars_status", args=[learner.session_id]), **HTMX))
        assert "(0/5회)" not in poll
        assert learner.session.ars_code in poll  # still ringing: the page keeps polling
    finally:
        release.set()
        for thread in threads:
            thread.join(timeout=60)
    poll = text(client.get(reverse("flow:ars_status", args=[learner.session_id]), **HTMX))
    assert "입력하신 번호가 일치하지 않습니다 (1/5회)" in poll
