from tests.issuance.flow.conftest import ready  # noqa: F401
