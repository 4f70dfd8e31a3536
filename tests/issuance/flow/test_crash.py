"""A crash at any point of the last step (a child process that dies like kill -9): no
certificate without its copy, no copy without its certificate, no fee without a
certificate, and the session either done or ready to retry at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import AccountTransaction
from issuance.ca import authority
from issuance.flow import services as flow
from issuance.flow.machine import Step
from issuance.models import Certificate, CertificateCopy, IssuanceSession
from tests.fixtures.flow import CERT_PASSWORD, walk

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("crash_child.py")


def database_url() -> str:
    """The test database, for the child process to connect to."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def crash(session: IssuanceSession, point: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": str(ROOT)}
    # The cache is keyed by database; the child uses the test database under this
    # process's key, so a revocation it publishes reaches this process, as it would
    # reach another app server of the same site.
    env["CACHE_KEY_PREFIX"] = settings.CACHES["default"].get("KEY_PREFIX", "")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, CHILD, str(session.pk), point],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 9, result.stderr[-2000:]


def assert_consistent(customer):
    for certificate in Certificate.objects.filter(customer=customer):
        assert CertificateCopy.objects.filter(certificate=certificate).exists(), "a key lost"
    fees = AccountTransaction.objects.filter(account__customer=customer).count()
    assert fees == Certificate.objects.filter(customer=customer, cert_type="universal").count()


@pytest.mark.parametrize(
    ("point", "committed"),
    [
        ("key generated", False),
        ("fee withdrawn", False),
        ("certificate written", False),
        ("stored, before commit", False),
        ("committed, before publishing", True),
    ],
)
def test_a_crash_at_each_point_of_the_last_step(ready, issuing_ca, point, committed):
    session = walk(flow.session_start(), Step.STORAGE, cert_type="universal")
    crash(session, point)
    session.refresh_from_db()
    assert_consistent(ready)
    if committed:
        assert session.status == Step.COMPLETED
        certificate = Certificate.objects.get(customer=ready)
        assert session.certificate == certificate
        # The publication never came: OCSP reads the database, and says good.
        authority.cache.clear()
        assert authority.certificate_status(int(certificate.serial, 16)).status == "good"
        return
    assert session.status == Step.STORAGE  # the learner can press 발급 again, at once
    assert not Certificate.objects.filter(customer=ready).exists()
    flow.storage_submit(
        session=session, medium="hdd", password=CERT_PASSWORD, password_confirm=CERT_PASSWORD
    )
    assert session.status == Step.COMPLETED
    assert_consistent(ready)


def test_a_crash_during_a_reissue_never_leaves_the_old_certificate_good(ready, issuing_ca, client):
    from issuance.ca.services import certificate_issue

    old = certificate_issue(customer=ready, cert_type="universal", password=CERT_PASSWORD)
    session = walk(flow.session_start(), Step.STORAGE, cert_type="universal")
    crash(session, "committed, before publishing")
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        authority.cache.clear()  # a cache in the memory of the process that died, gone too
    old.certificate.refresh_from_db()
    assert old.certificate.revoked_at is not None
    # Neither OCSP nor the CRL may go on saying "good" for the replaced certificate.
    assert authority.certificate_status(int(old.certificate.serial, 16)).status == "revoked"
    from cryptography import x509

    slug = old.certificate.issuer.slug
    crl = x509.load_der_x509_crl(client.get(f"/pki/crl/{slug}.crl").content)
    assert crl.get_revoked_certificate_by_serial_number(int(old.certificate.serial, 16))
