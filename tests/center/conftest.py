from tests.issuance.conftest import generated_cas, issuing_ca, learner  # noqa: F401
