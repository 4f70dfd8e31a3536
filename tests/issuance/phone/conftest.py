from tests.issuance.flow.conftest import new_session, ready  # noqa: F401
