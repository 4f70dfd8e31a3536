"""Benchmarks reuse the CA fixtures of the issuance tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_hashers():
    """Benchmarks measure the real Argon2 hashing (overrides the suite's fast hasher)."""
