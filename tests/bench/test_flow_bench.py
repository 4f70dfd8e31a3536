"""One learner's whole flow, measured through the real views (run with `make bench`).

Reports the server time of every request (summed per step), the queries per
step, and key generation on its own: the certificate's RSA key is timed by
wrapping the real ``new_rsa_key`` (it still generates the key).
"""

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from issuance.ca import services
from issuance.flow.machine import Step
from tests.issuance.flow.support import Learner

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
RUNS = 10


class TimedClient:
    """The test client, timing and counting queries per request, grouped by step."""

    def __init__(self, client, learner_ref):
        self._client = client
        self.learner_ref = learner_ref
        self.by_step: dict[str, list[float]] = {}
        self.queries: dict[str, int] = {}

    def _timed(self, method, *args, **kwargs):
        learner = self.learner_ref[0]
        step = learner.session.status if learner.session_id else "start"
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = getattr(self._client, method)(*args, **kwargs)
            elapsed = (time.perf_counter() - start) * 1000
        self.by_step.setdefault(step, []).append(elapsed)
        self.queries[step] = self.queries.get(step, 0) + len(captured)
        return response

    def get(self, *args, **kwargs):
        return self._timed("get", *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._timed("post", *args, **kwargs)


def test_whole_flow_server_time(client, ready, issuing_ca, monkeypatch):
    keygen: list[float] = []
    real = services.pki.new_rsa_key

    def timed_keygen(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            keygen.append((time.perf_counter() - start) * 1000)

    monkeypatch.setattr(services.pki, "new_rsa_key", timed_keygen)
    totals, per_step, queries = [], {}, {}
    for _ in range(RUNS):
        client.cookies.clear()
        ref = [None]
        timed = TimedClient(client, ref)
        learner = Learner(timed)
        ref[0] = learner
        learner.walk_to(Step.COMPLETED)
        learner.client.get(learner.url("done"))
        totals.append(sum(sum(v) for v in timed.by_step.values()))
        for step, values in timed.by_step.items():
            per_step.setdefault(step, []).append(sum(values))
        queries = timed.queries
    total = statistics.median(totals)
    key = statistics.median(keygen)
    print(
        f"\nWhole flow, server time (median of {RUNS}): {total:.0f} ms, "
        f"of which RSA key generation {key:.0f} ms"
    )
    print(f"Without key generation: {total - key:.0f} ms")
    print(f"{'step':<14}{'ms (median)':>12}{'queries':>9}")
    for step, values in per_step.items():
        print(f"{step:<14}{statistics.median(values):>12.1f}{queries.get(step, 0):>9}")
