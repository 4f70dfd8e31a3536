from tests.issuance.conftest import generated_cas, issuing_ca  # noqa: F401
from tests.issuance.flow.conftest import ready  # noqa: F401
