"""The 금융인증서's issuing CA beside the 공동인증서's: made by ``ca_initialize`` (also on a
site from before it), signing 금융인증서 with their own profile, and answered for by
OCSP, the CRL and the checks exactly as the 공동인증서 is, without the two mixing."""

import shutil
import subprocess

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509 import ocsp
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from issuance import pki
from issuance.ca import authority
from issuance.ca.renewal import certificate_into_renewal_window
from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import (
    CertificateIssueError,
    ca_initialize,
    certificate_issue,
    certificate_prepare,
    renewed_expiry,
)
from issuance.center.signing import ocsp_check
from issuance.models import CertificateAuthority, RevocationList
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
Role = CertificateAuthority.Role
PIN = "135790"  # a 금융인증서's secret: six digits, which the KISA rules would refuse
OPENSSL = shutil.which("openssl")


def cert_of(row) -> x509.Certificate:
    """The X.509 certificate of a CA row or of a certificate row."""
    der = row.certificate_der if isinstance(row, CertificateAuthority) else row.der
    return x509.load_der_x509_certificate(bytes(der))


def latest_crl(issuer) -> x509.CertificateRevocationList:
    row = RevocationList.objects.filter(issuer=issuer).order_by("-number").first()
    return x509.load_der_x509_crl(bytes(row.der))


@pytest.fixture
def finance(finance_ca, holder):
    return certificate_issue(customer=holder, cert_type="finance", password=PIN)


class TestCaInitialize:
    def test_three_cas_one_root_each_issuing_ca_with_its_first_crl(self, generated_cas, settings):
        issuing, created = ca_initialize(generated=generated_cas)
        finance = CertificateAuthority.objects.get(role=Role.FINANCE)
        assert created and finance.parent == issuing.parent
        assert finance.name == settings.PKI_FINANCE_CA_NAME == "yessignCA-SIM Cloud"
        assert finance.slug == "yessignca-sim-cloud"
        cert_of(finance).verify_directly_issued_by(cert_of(issuing.parent))
        crl = latest_crl(finance)
        assert crl.is_signature_valid(cert_of(finance).public_key())
        assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 1
        assert ca_initialize() == (issuing, False)
        assert CertificateAuthority.objects.count() == 3

    def test_a_site_from_before_the_finance_ca_gets_just_that_one(self, generated_cas):
        # (root, issuing) as callers passed them before: the finance CA is made under it
        issuing, _created = ca_initialize(generated=generated_cas[:2])
        old = CertificateAuthority.objects.get(role=Role.FINANCE)
        RevocationList.objects.filter(issuer=old).delete()
        old.delete()  # the database as it was: root and issuing CA only
        authority.forget_issuing_ca()
        root_before = issuing.parent

        again, created = ca_initialize()  # init_ca on the running site
        assert (again, created) == (issuing, True)
        finance = CertificateAuthority.objects.get(role=Role.FINANCE)
        assert finance.parent == root_before
        assert CertificateAuthority.objects.filter(role=Role.ROOT).count() == 1
        cert_of(finance).verify_directly_issued_by(cert_of(root_before))
        assert latest_crl(finance).is_signature_valid(cert_of(finance).public_key())
        assert RevocationList.objects.filter(issuer=issuing).count() == 1  # left alone
        assert ca_initialize() == (issuing, False)

    def test_a_finance_ca_cached_from_another_database_is_dropped_at_a_start(self, issuing_ca):
        authority.issuing_ca()  # both cached, as on a running site
        stale = authority.StoredCa(999, "old", b"other", b"other")
        cache.set(authority.CA_CACHE_KEYS[Role.FINANCE], stale, None)
        ca_initialize()
        assert cache.get(authority.CA_CACHE_KEYS[Role.FINANCE]) is None
        assert cache.get(authority.ISSUING_CA_CACHE_KEY) is not None  # the other one stays


class TestIssue:
    def test_signed_by_the_finance_ca_for_three_years(self, finance_ca, issuing_ca, finance):
        row, cert = finance.certificate, finance.x509
        assert row.issuer == finance_ca and row.cert_type == "finance"
        assert cert.issuer == cert_of(finance_ca).subject != cert_of(issuing_ca).subject
        assert pki.certificate_policy(cert) == pki.POLICIES["finance"]
        assert (row.not_before, row.not_after) == pki.validity(row.issued_at, years=3)
        cert.verify_directly_issued_by(cert_of(finance_ca))
        assert authority.ca_for(row)[0].pk == finance_ca.pk

    def test_on_kst_day_boundaries(self, finance_ca, holder):
        with time_machine.travel("2026-11-28 15:30:00+09:00", tick=False):
            row = certificate_issue(customer=holder, cert_type="finance", password=PIN).certificate
        kst = timezone.get_fixed_timezone(9 * 60)
        assert row.not_before.astimezone(kst).isoformat() == "2026-11-28T00:00:00+09:00"
        assert row.not_after.astimezone(kst).isoformat() == "2029-11-28T23:59:59+09:00"

    def test_the_kisa_password_rules_are_the_joint_certificates_only(self, finance_ca, holder):
        with pytest.raises(CertificateIssueError):
            certificate_issue(customer=holder, cert_type="bank", password=PIN)
        assert certificate_issue(customer=holder, cert_type="finance", password=PIN)

    def test_a_reissue_keeps_the_expiry_and_a_renewal_runs_three_years_on(self, finance, holder):
        old = finance.certificate
        again = certificate_issue(customer=holder, cert_type="finance", password=PIN, replaces=old)
        assert again.certificate.not_after == old.not_after
        assert again.certificate.issuer_id == old.issuer_id
        renewed = certificate_prepare(
            customer=holder, cert_type="finance", password=PIN, renews=again.certificate
        )
        assert renewed_expiry(again.certificate) == pki.years_after(old.not_after, 3)
        assert renewed.x509.not_valid_after_utc == pki.years_after(old.not_after, 3)
        assert renewed.x509.subject == again.x509.subject

    def test_a_joint_certificate_is_not_reissued_as_a_finance_one(self, finance_ca, holder):
        bank = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
        with pytest.raises(CertificateIssueError):
            certificate_issue(
                customer=holder, cert_type="finance", password=PIN, replaces=bank.certificate
            )

    def test_the_renewal_window_re_signs_with_its_own_ca(self, finance, finance_ca):
        moved = certificate_into_renewal_window(certificate=finance.certificate)
        cert_of(moved).verify_directly_issued_by(cert_of(finance_ca))
        assert moved.issuer_id == finance_ca.pk

    @pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed")
    def test_openssl_verifies_it_through_the_finance_ca_only(
        self, tmp_path, finance, finance_ca, issuing_ca
    ):
        def pem(name, der):
            path = tmp_path / name
            path.write_bytes(x509.load_der_x509_certificate(der).public_bytes(PEM))
            return str(path)

        PEM = serialization.Encoding.PEM
        root = pem("root.pem", bytes(finance_ca.parent.certificate_der))
        cert = pem("finance.pem", finance.der)

        def verify(intermediate):
            return subprocess.run(
                [OPENSSL, "verify", "-CAfile", root, "-untrusted", intermediate, cert],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )

        good = verify(pem("financeCA.pem", bytes(finance_ca.certificate_der)))
        assert good.returncode == 0 and ": OK" in good.stdout, good.stdout + good.stderr
        assert verify(pem("issuingCA.pem", bytes(issuing_ca.certificate_der))).returncode != 0


def ocsp_request(cert, issuer: x509.Certificate) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303
    return builder.build().public_bytes(serialization.Encoding.DER)


def ask(client, cert, issuer: x509.Certificate) -> ocsp.OCSPResponse:
    response = client.post(
        reverse("pki:ocsp"), ocsp_request(cert, issuer), content_type="application/ocsp-request"
    )
    answer = ocsp.load_der_ocsp_response(response.content)
    issuer.public_key().verify(  # signed by the CA the request named
        answer.signature,
        answer.tbs_response_bytes,
        padding.PKCS1v15(),
        answer.signature_hash_algorithm,
    )
    return answer


class TestOcsp:
    def test_good_then_revoked_and_the_joint_one_still_answered(
        self, client, finance, finance_ca, issuing_ca, holder
    ):
        bank = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
        finance_issuer, joint_issuer = cert_of(finance_ca), cert_of(issuing_ca)
        assert (
            ask(client, finance.x509, finance_issuer).certificate_status == ocsp.OCSPCertStatus.GOOD
        )
        assert ask(client, bank.x509, joint_issuer).certificate_status == ocsp.OCSPCertStatus.GOOD
        certificate_revoke(certificate=finance.certificate, reason="key_compromise")
        answer = ask(client, finance.x509, finance_issuer)
        assert answer.certificate_status == ocsp.OCSPCertStatus.REVOKED
        assert answer.revocation_reason == x509.ReasonFlags.key_compromise
        assert ask(client, bank.x509, joint_issuer).certificate_status == ocsp.OCSPCertStatus.GOOD

    def test_a_serial_asked_of_the_other_ca_is_unknown_even_pre_signed(
        self, client, finance, finance_ca, issuing_ca
    ):
        finance_issuer, joint_issuer = cert_of(finance_ca), cert_of(issuing_ca)
        assert (
            ask(client, finance.x509, finance_issuer).certificate_status == ocsp.OCSPCertStatus.GOOD
        )
        for _twice in range(2):  # live, then with the first answer pre-signed in the cache
            answer = ask(client, finance.x509, joint_issuer)
            assert answer.certificate_status == ocsp.OCSPCertStatus.UNKNOWN
        assert cache.get(authority.signed_answer_key(finance.x509.serial_number, "sha1")) is None
        key = authority.signed_answer_key(finance.x509.serial_number, "sha1", Role.FINANCE)
        assert cache.get(key) is not None

    def test_the_banks_own_check_asks_the_certificates_issuer(self, finance, finance_ca):
        answer = ocsp_check(finance.x509, issuer=cert_of(finance_ca))
        assert answer.status == "good"


class TestCrl:
    def test_the_finance_cas_crl_lists_its_revoked_certificate_only(
        self, client, finance, finance_ca, issuing_ca
    ):
        certificate_revoke(certificate=finance.certificate)
        served = client.get(reverse("pki:crl", args=[finance_ca.slug]))
        assert served.status_code == 200
        crl = x509.load_der_x509_crl(served.content)
        assert crl.is_signature_valid(cert_of(finance_ca).public_key())
        assert crl.get_revoked_certificate_by_serial_number(finance.x509.serial_number)
        joint = x509.load_der_x509_crl(
            client.get(reverse("pki:crl", args=[issuing_ca.slug])).content
        )
        assert joint.get_revoked_certificate_by_serial_number(finance.x509.serial_number) is None

    def test_the_cps_page_lists_both_issuing_cas(self, client, finance_ca, issuing_ca):
        page = client.get(reverse("pki:cps")).content.decode()
        for ca in (finance_ca, issuing_ca):
            assert reverse("pki:ca_certificate", args=[ca.slug]) in page
            assert reverse("pki:crl", args=[ca.slug]) in page
        assert "1.2.410.200005.1.1.7" in page
