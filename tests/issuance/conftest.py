"""The simulated CA for Django-side tests: keys made once per session, rows per test."""

import pytest

from issuance import pki
from issuance.ca.services import ca_initialize, certificate_issue
from tests.factories import CustomerFactory

CERT_PASSWORD = "Practice#2026"  # passes every KISA rule


@pytest.fixture(scope="session")
def generated_cas():
    root = pki.create_root_ca("SIM Training RootCA")
    return root, pki.create_issuing_ca(root, "yessignCA-SIM Class 3")


@pytest.fixture
def issuing_ca(db, generated_cas):
    issuing, _created = ca_initialize(generated=generated_cas)
    return issuing


@pytest.fixture
def learner(db):
    return CustomerFactory(name="홍길동", rrn="850315-1234567")


@pytest.fixture
def issued(issuing_ca, learner):
    return certificate_issue(customer=learner, cert_type="bank", password=CERT_PASSWORD)
