"""Two 금융인증서 issuances at once on PostgreSQL: the same PIN step twice (a double
click) issues one certificate; two sessions of one customer at once end with one
current 금융인증서 (the second replaces the first) and no 500."""

import threading

import pytest
from django.db import connection

from issuance.flow import finance
from issuance.flow.machine import Step
from issuance.models import Certificate
from tests.fixtures.flow import FINANCE_PIN, walk
from tests.issuance.flow.test_concurrency import fresh, race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level concurrency is checked on PostgreSQL"
    ),
]


def submit(session):
    return finance.pin_submit(session=fresh(session.pk), pin=FINANCE_PIN, pin_confirm=FINANCE_PIN)


def test_a_double_submitted_pin_issues_one_certificate(ready, finance_ca):
    session = walk(finance.finance_start(), Step.PIN)
    outcomes = race(lambda: submit(session), times=3)
    assert sum(1 for o in outcomes if isinstance(o, Certificate)) == 1
    assert Certificate.objects.filter(customer=ready, cert_type="finance").count() == 1
    assert fresh(session.pk).status == Step.COMPLETED


def test_two_issuances_of_one_customer_at_once_end_with_one_current(ready, finance_ca):
    sessions = [walk(finance.finance_start(), Step.PIN) for _ in range(2)]
    pending = iter(sessions)
    lock = threading.Lock()

    def next_submit():
        with lock:
            session = next(pending)
        return submit(session)

    outcomes = race(next_submit, times=2)
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    current = Certificate.objects.valid().filter(customer=ready, cert_type="finance")
    assert current.count() == 1
    (replaced,) = Certificate.objects.filter(customer=ready, revoked_at__isnull=False)
    assert current.get().replaces_id == replaced.pk
    assert all(fresh(s.pk).status == Step.COMPLETED for s in sessions)
