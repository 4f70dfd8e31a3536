"""The CA's services: initialise, issue, re-issue, revoke, publish the CRL."""

import logging
from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.core.cache import cache
from django.utils import timezone

from issuance import pki
from issuance.ca import authority
from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import (
    CaNotInitialized,
    CertificateIssueError,
    WeakCertificatePassword,
    ca_initialize,
    certificate_issue,
)
from issuance.models import (
    Certificate,
    CertificateAuthority,
    CertificateStatus,
    RevocationList,
)
from issuance.transitions import WrongState
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db


def crl_of(issuer) -> x509.CertificateRevocationList:
    latest = RevocationList.objects.filter(issuer=issuer).order_by("-number").first()
    return x509.load_der_x509_crl(bytes(latest.der))


class TestCaInitialize:
    def test_a_ca_cached_from_another_database_never_stops_a_start(self, generated_cas):
        """make load drops its database but keeps Redis: the CA cached then (another
        key, another passphrase) must neither be used nor fail the next start."""
        other_root = pki.create_root_ca("SIM Old RootCA")
        stale = authority.StoredCa(
            pk=999,
            slug="old",
            certificate_der=pki.create_issuing_ca(other_root, "old").certificate.public_bytes(
                serialization.Encoding.DER
            ),
            private_key_encrypted=b"not a key this passphrase opens",
        )
        cache.set(authority.ISSUING_CA_CACHE_KEY, stale, None)
        issuing, created = ca_initialize(generated=generated_cas)
        assert created
        stored, loaded = authority.issuing_ca()
        assert stored.pk == issuing.pk
        assert loaded.certificate.serial_number == int(issuing.serial, 16)

        cache.set(authority.ISSUING_CA_CACHE_KEY, stale, None)  # left there by another start
        stored, _loaded = authority.issuing_ca()  # it does not open: the database's instead
        assert stored.pk == issuing.pk
        assert cache.get(authority.ISSUING_CA_CACHE_KEY).pk == issuing.pk

        cache.set(authority.ISSUING_CA_CACHE_KEY, stale, None)
        ca_initialize()  # init_ca at every start: the cache holds this database's CA or nothing
        assert cache.get(authority.ISSUING_CA_CACHE_KEY) is None

    def test_creates_root_issuing_and_a_first_crl_once(self, generated_cas):
        issuing, created = ca_initialize(generated=generated_cas)
        assert created
        again, created_again = ca_initialize()
        assert (again, created_again) == (issuing, False)
        assert CertificateAuthority.objects.count() == 3  # root, 공동인증서's, 금융인증서's
        assert issuing.parent.role == CertificateAuthority.Role.ROOT
        assert issuing.name == "yessignCA-SIM Class 3"
        assert (
            crl_of(issuing).extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 1
        )

    def test_ca_key_is_stored_encrypted(self, issuing_ca, settings):
        from cryptography.hazmat.primitives import serialization

        encrypted = bytes(issuing_ca.private_key_encrypted)
        with pytest.raises(TypeError):  # needs a password: it is encrypted
            serialization.load_der_private_key(encrypted, None)
        with pytest.raises(ValueError, match=r"(?i)password|decrypt"):
            serialization.load_der_private_key(encrypted, b"not the passphrase")
        loaded = authority.load(issuing_ca)
        assert loaded.certificate.serial_number == int(issuing_ca.serial, 16)


class TestCertificateIssue:
    @pytest.mark.parametrize(
        ("cert_type", "policy_oid"),
        [("bank", "1.2.410.200005.1.1.4"), ("universal", "1.2.410.200005.1.1.1")],
    )
    def test_issues_a_real_npki_certificate(
        self, issuing_ca, holder, settings, cert_type, policy_oid
    ):
        issued = certificate_issue(customer=holder, cert_type=cert_type, password=CERT_PASSWORD)
        row = issued.certificate
        cert = x509.load_der_x509_certificate(bytes(row.der))
        assert row.serial == f"{cert.serial_number:X}"
        assert row.customer == holder and row.cert_type == cert_type
        assert row.subject_dn.startswith("cn=홍길동()0004045")
        assert row.subject_dn.endswith(",ou=KMB,ou=personal4IB,o=yessign,c=kr")
        assert row.status == CertificateStatus.VALID
        assert pki.certificate_policy(cert).oid == policy_oid
        # the key file opens with the password and belongs to the certificate
        contents = pki.read_key_file(issued.key_file, CERT_PASSWORD)
        assert pki.key_matches_certificate(contents.private_key, cert)
        assert pki.vid_matches(cert, "8503151234567", contents.random_num)
        assert not pki.vid_matches(cert, "8503151234568", contents.random_num)
        # it points at this application's CRL and OCSP
        dp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        assert dp[0].full_name[0].value == f"{settings.PKI_BASE_URL}/pki/crl/{issuing_ca.slug}.crl"
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        assert aia[0].access_location.value == f"{settings.PKI_BASE_URL}/pki/ocsp/"

    def test_valid_for_one_year_on_kst_days(self, issuing_ca, holder):
        with time_machine.travel("2026-11-28 15:30:00+09:00", tick=False):
            row = certificate_issue(
                customer=holder, cert_type="bank", password=CERT_PASSWORD
            ).certificate
        kst = timezone.get_fixed_timezone(9 * 60)
        assert row.not_before.astimezone(kst).isoformat() == "2026-11-28T00:00:00+09:00"
        assert row.not_after.astimezone(kst).isoformat() == "2027-11-28T23:59:59+09:00"

    def test_daily_sequence_in_the_cn(self, issuing_ca, holder):
        first = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
        second = certificate_issue(customer=holder, cert_type="universal", password=CERT_PASSWORD)
        assert first.certificate.subject_dn.split(",")[0].endswith("0000001")
        assert second.certificate.subject_dn.split(",")[0].endswith("0000002")

    def test_weak_password_lists_every_broken_rule_and_issues_nothing(self, issuing_ca, holder):
        with pytest.raises(WeakCertificatePassword) as excinfo:
            certificate_issue(customer=holder, cert_type="bank", password="abc111")
        codes = set(excinfo.value.problems)
        assert {"too_short", "sequential", "repeated", "no_special"} <= codes
        assert "10자" in str(excinfo.value)
        assert not Certificate.objects.exists()

    def test_without_a_ca_says_how_to_create_one(self, holder):
        with pytest.raises(CaNotInitialized, match="init_ca"):
            certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)

    def test_customer_without_a_number_is_refused(self, issuing_ca):
        staff = CustomerFactory(rrn=None)
        with pytest.raises(CertificateIssueError, match="주민등록번호"):
            certificate_issue(customer=staff, cert_type="bank", password=CERT_PASSWORD)

    def test_unknown_type_is_refused(self, issuing_ca, holder):
        with pytest.raises(CertificateIssueError, match="종류"):
            certificate_issue(customer=holder, cert_type="gold", password=CERT_PASSWORD)

    def test_nothing_secret_is_logged(self, issuing_ca, holder, caplog):
        with caplog.at_level(logging.DEBUG):
            certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
        assert CERT_PASSWORD not in caplog.text
        assert "8503151234567" not in caplog.text


class TestReissueAndRevoke:
    def test_reissue_revokes_the_old_one_and_keeps_its_expiry(self, issuing_ca, holder):
        with time_machine.travel("2026-01-10 10:00:00+09:00", tick=False):
            old = certificate_issue(
                customer=holder, cert_type="bank", password=CERT_PASSWORD
            ).certificate
        with time_machine.travel("2026-06-01 10:00:00+09:00", tick=False):
            new = certificate_issue(
                customer=holder, cert_type="bank", password="Another#Pw2026", replaces=old
            ).certificate
            old.refresh_from_db()
            assert old.status == CertificateStatus.REVOKED
            assert old.revocation_reason == "superseded"
            assert new.not_after == old.not_after
            assert new.replaces == old
            crl = crl_of(issuing_ca)
        entry = crl.get_revoked_certificate_by_serial_number(int(old.serial, 16))
        assert entry is not None
        assert (
            entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
            == x509.ReasonFlags.superseded
        )
        assert crl.get_revoked_certificate_by_serial_number(int(new.serial, 16)) is None

    def test_cannot_reissue_someone_elses_or_a_revoked_certificate(
        self, issuing_ca, holder, issued
    ):
        other = CustomerFactory()
        with pytest.raises(CertificateIssueError):
            certificate_issue(
                customer=other,
                cert_type="bank",
                password=CERT_PASSWORD,
                replaces=issued.certificate,
            )
        certificate_revoke(certificate=issued.certificate)
        with pytest.raises(CertificateIssueError):
            certificate_issue(
                customer=holder,
                cert_type="bank",
                password=CERT_PASSWORD,
                replaces=issued.certificate,
            )

    def test_revoke_publishes_a_new_crl_with_a_higher_number(self, issuing_ca, issued):
        before = RevocationList.objects.filter(issuer=issuing_ca).count()
        certificate_revoke(certificate=issued.certificate, reason="key_compromise")
        crl = crl_of(issuing_ca)
        assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == before + 1
        entry = crl.get_revoked_certificate_by_serial_number(int(issued.certificate.serial, 16))
        assert (
            entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
            == x509.ReasonFlags.key_compromise
        )
        assert authority.certificate_status(int(issued.certificate.serial, 16)).status == "revoked"

    def test_revoking_twice_is_refused(self, issuing_ca, issued):
        certificate_revoke(certificate=issued.certificate)
        stale = Certificate.objects.get(pk=issued.certificate.pk)
        stale.revoked_at = None  # a second request that read the row before the first wrote
        with pytest.raises(WrongState):
            certificate_revoke(certificate=stale)

    def test_status_is_cached_for_ocsp_after_issue(self, issued):
        key = authority.status_cache_key(int(issued.certificate.serial, 16))
        assert cache.get(key).status == "good"


class TestQuerysets:
    def test_valid_revoked_expired_expiring(self, issuing_ca, holder):
        with time_machine.travel("2026-01-10 10:00:00+09:00", tick=False):
            expiring = certificate_issue(
                customer=holder, cert_type="bank", password=CERT_PASSWORD
            ).certificate
        with time_machine.travel("2026-12-01 10:00:00+09:00", tick=False):
            fresh = certificate_issue(
                customer=holder, cert_type="universal", password=CERT_PASSWORD
            ).certificate
            revoked = certificate_issue(
                customer=holder, cert_type="universal", password=CERT_PASSWORD
            ).certificate
            certificate_revoke(certificate=revoked)
            objects = Certificate.objects
            assert set(objects.valid()) == {expiring, fresh}
            assert list(objects.revoked()) == [revoked]
            assert set(objects.expiring_within(60)) == {expiring}
            assert not objects.expired().exists()
        with time_machine.travel("2027-01-12 10:00:00+09:00", tick=False):
            assert list(Certificate.objects.expired()) == [expiring]
            assert expiring.status == CertificateStatus.EXPIRED
            assert expiring.get_status_display() == "만료"

    def test_database_keeps_revocation_fields_together(self, issued):
        from django.db import IntegrityError

        with pytest.raises(IntegrityError):
            Certificate.objects.filter(pk=issued.certificate.pk).update(revoked_at=timezone.now())

    def test_validity_order_enforced(self, issued):
        from django.db import IntegrityError

        with pytest.raises(IntegrityError):
            Certificate.objects.filter(pk=issued.certificate.pk).update(
                not_after=issued.certificate.not_before - timedelta(days=1)
            )


def test_the_daily_sequence_counts_on_and_is_never_reused(issuing_ca, holder):
    first = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    second = certificate_issue(customer=holder, cert_type="universal", password=CERT_PASSWORD)
    assert first.certificate.subject_dn.split(",")[0].endswith("0000001")
    assert second.certificate.subject_dn.split(",")[0].endswith("0000002")
    Certificate.objects.filter(pk=first.certificate.pk).update(replaces=None)
    first.certificate.delete()  # a persona reset deletes certificates
    third = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    assert third.certificate.subject_dn.split(",")[0].endswith("0000003")


def test_the_sequence_migration_starts_after_the_highest_number_of_each_day(issuing_ca, holder):
    import importlib

    from django.apps import apps

    from issuance.models import DailySequence

    certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    certificate_issue(customer=holder, cert_type="universal", password=CERT_PASSWORD)
    DailySequence.objects.all().delete()
    migration = importlib.import_module("issuance.migrations.0010_daily_sequence")

    migration.seed_from_subjects(apps, None)

    assert list(DailySequence.objects.values_list("last", flat=True)) == [2]
