"""The 금융인증서's profile: the 공동인증서's, signed by a CA of its own, under its own
policy, for three years (docs/NPKI.md, "금융인증서 profile")."""

from datetime import UTC, date, datetime

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

from issuance.pki import (
    KST,
    POLICIES,
    build_user_certificate,
    certificate_policy,
    create_issuing_ca,
    new_random_num,
    policy_for_oid,
    validity,
    vid_matches,
    years_after,
)
from issuance.pki.ca import DEFAULT_FINANCE_NAME
from issuance.pki.profile import ca_slug
from tests.issuance.pki.samples import BASE_URL, ISSUED_AT, RRN

FINANCE_OID = "1.2.410.200005.1.1.7"


@pytest.fixture(scope="module")
def finance_ca(root_ca):
    return create_issuing_ca(root_ca, DEFAULT_FINANCE_NAME)


@pytest.fixture(scope="module")
def finance(finance_ca, user_key):
    """홍길동's 금융인증서, issued 2026-11-28 10:30 KST, and its R."""
    r = new_random_num()
    cert = build_user_certificate(
        issuer=finance_ca,
        public_key=user_key.public_key(),
        real_name="홍길동",
        rrn=RRN,
        vid_random=r,
        issued_at=ISSUED_AT,
        sequence=1,
        base_url=BASE_URL,
        cert_type="finance",
    )
    return cert, r


def test_its_issuer_is_the_finance_ca_not_the_joint_one(finance, finance_ca, issuing_ca):
    cert, _r = finance
    assert cert.issuer == finance_ca.certificate.subject != issuing_ca.certificate.subject
    assert [a.value for a in cert.issuer] == [
        "kr",
        "yessign",
        "AccreditedCA",
        "yessignCA-SIM Cloud",
    ]
    cert.verify_directly_issued_by(finance_ca.certificate)
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == finance_ca.key_identifier


def test_the_finance_ca_stands_under_the_same_root(finance_ca, root_ca):
    finance_ca.certificate.verify_directly_issued_by(root_ca.certificate)
    constraints = finance_ca.certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.value.ca and constraints.value.path_length == 0


def test_three_years_on_kst_day_boundaries(finance):
    cert, _r = finance
    assert cert.not_valid_before_utc == datetime(2026, 11, 27, 15, 0, 0, tzinfo=UTC)
    assert cert.not_valid_after_utc == datetime(2029, 11, 28, 14, 59, 59, tzinfo=UTC)
    assert cert.not_valid_before_utc.astimezone(KST).time().isoformat() == "00:00:00"
    assert cert.not_valid_after_utc.astimezone(KST).time().isoformat() == "23:59:59"


def test_its_own_policy_critical_and_recognised(finance):
    cert, _r = finance
    extension = cert.extensions.get_extension_for_oid(ExtensionOID.CERTIFICATE_POLICIES)
    assert extension.critical
    assert [p.policy_identifier.dotted_string for p in extension.value] == [FINANCE_OID]
    assert certificate_policy(cert) == POLICIES["finance"] == policy_for_oid(FINANCE_OID)
    assert POLICIES["finance"].years == 3
    joint = {POLICIES["bank"].oid, POLICIES["universal"].oid}
    assert FINANCE_OID not in joint
    assert {POLICIES["bank"].years, POLICIES["universal"].years} == {1}


def test_key_usage_signs_and_binds_only(finance):
    cert, _r = finance
    extension = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert extension.critical
    usage = extension.value
    assert usage.digital_signature and usage.content_commitment
    assert not (usage.key_encipherment or usage.data_encipherment or usage.key_agreement)
    assert not (usage.key_cert_sign or usage.crl_sign)


def test_the_vid_and_the_subject_are_the_joint_profiles(finance):
    cert, r = finance
    assert vid_matches(cert, RRN, r)
    assert not vid_matches(cert, "800101-2234567", r)
    values = [attribute.value for attribute in cert.subject]
    assert values == ["kr", "yessign", "personal4IB", "KMB", "홍길동()0004045202611280000001"]
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.BasicConstraints)


def test_its_crl_is_the_finance_cas_own(finance, finance_ca):
    cert, _r = finance
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    url = points[0].full_name[0].value
    assert url == f"{BASE_URL}/pki/crl/{ca_slug(finance_ca.name)}.crl"
    assert url.endswith("/yessignca-sim-cloud.crl")
    (cn,) = finance_ca.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert cn.value == DEFAULT_FINANCE_NAME


def test_validity_takes_a_number_of_years():
    start, end = validity(datetime(2028, 2, 29, 9, 0, tzinfo=KST), years=3)
    assert start == datetime(2028, 2, 28, 15, 0, tzinfo=UTC)
    assert end == datetime(2031, 2, 28, 14, 59, 59, tzinfo=UTC)
    assert validity(ISSUED_AT) == validity(ISSUED_AT, years=1)


def test_years_after_keeps_the_type_and_the_time():
    assert years_after(date(2026, 11, 28), 3) == date(2029, 11, 28)
    assert years_after(date(2028, 2, 29), 1) == date(2029, 2, 28)
    moment = datetime(2029, 11, 28, 14, 59, 59, tzinfo=UTC)
    assert years_after(moment, 3) == datetime(2032, 11, 28, 14, 59, 59, tzinfo=UTC)
