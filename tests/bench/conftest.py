"""Benchmarks reuse the CA fixtures of the issuance tests."""

import pytest

from tests.issuance.conftest import generated_cas, issued, issuing_ca, learner  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_hashers():
    """Benchmarks measure the real Argon2 hashing (overrides the suite's fast hasher)."""
