"""Benchmarks reuse the CA fixtures of the issuance tests."""

from tests.issuance.conftest import generated_cas, issued, issuing_ca, learner  # noqa: F401
