"""Issuances at the same moment on PostgreSQL: each gets its own daily sequence number."""

import threading
from datetime import datetime

import pytest
from django.db import connection, connections
from django.utils import timezone

from issuance.ca.sequence import next_sequence
from issuance.models import DailySequence

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level concurrency is checked on PostgreSQL"
    ),
]


def test_eight_issuances_at_once_on_a_new_day_get_eight_numbers():
    day = timezone.make_aware(datetime(2026, 12, 24, 10, 0))
    barrier = threading.Barrier(8)
    numbers = []

    def issue_one():
        try:
            barrier.wait()
            numbers.append(next_sequence(day))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue_one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(numbers) == list(range(1, 9))
    assert DailySequence.objects.get(day=day.date()).last == 8
