"""The personal certificate profile, checked field by field against docs/NPKI.md."""

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtensionOID, NameOID

from issuance.pki import (
    KST,
    POLICIES,
    Endpoints,
    build_user_certificate,
    certificate_policy,
    der,
    dn_folder_name,
    policy_for_oid,
    validity,
)
from issuance.pki.profile import DEFAULT_NOTICE, subject_digits
from tests.issuance.pki.samples import BASE_URL, ISSUED_AT, RRN, raw_extensions, rdn_string_tags

PRINTABLE, UTF8 = der.PRINTABLE_STRING, der.UTF8_STRING


@pytest.fixture(scope="module")
def make_cert(issuing_ca, user_key):
    """Build a certificate with the session key, overriding any keyword."""

    def make(**overrides):
        arguments = {
            "issuer": issuing_ca,
            "public_key": user_key.public_key(),
            "real_name": "홍길동",
            "rrn": RRN,
            "vid_random": b"r" * 20,
            "issued_at": ISSUED_AT,
            "sequence": 1,
            "base_url": BASE_URL,
        } | overrides
        return build_user_certificate(**arguments)

    return make


def test_subject_in_der_order_with_npki_string_types(issued):
    assert rdn_string_tags(issued.cert.subject) == [
        (NameOID.COUNTRY_NAME.dotted_string, PRINTABLE),
        (NameOID.ORGANIZATION_NAME.dotted_string, UTF8),
        (NameOID.ORGANIZATIONAL_UNIT_NAME.dotted_string, UTF8),
        (NameOID.ORGANIZATIONAL_UNIT_NAME.dotted_string, UTF8),
        (NameOID.COMMON_NAME.dotted_string, UTF8),
    ]
    values = [attribute.value for attribute in issued.cert.subject]
    assert values == ["kr", "yessign", "personal4IB", "KMB", "홍길동()0004045202611280000001"]


def test_issuer_is_the_issuing_ca_with_npki_string_types(issued, issuing_ca):
    assert issued.cert.issuer == issuing_ca.certificate.subject
    assert [tag for _, tag in rdn_string_tags(issued.cert.issuer)] == [
        PRINTABLE,
        UTF8,
        UTF8,
        UTF8,
    ]
    assert [attribute.value for attribute in issued.cert.issuer] == [
        "kr",
        "yessign",
        "AccreditedCA",
        "yessignCA-SIM Class 3",
    ]


def test_dn_folder_name(issued):
    assert dn_folder_name(issued.cert) == (
        "cn=홍길동()0004045202611280000001,ou=KMB,ou=personal4IB,o=yessign,c=kr"
    )
    assert dn_folder_name(issued.cert.subject) == dn_folder_name(issued.cert)


def test_cn_digits():
    digits = subject_digits(
        bank_code="004", branch_code="045", issued_on=ISSUED_AT.date(), sequence=1
    )
    assert digits == "0004045202611280000001"
    assert len(digits) == 22


def test_cn_uses_the_kst_date_and_bank(make_cert):
    # 2026-11-27 16:00 UTC is already 2026-11-28 01:00 in Seoul.
    cert = make_cert(
        issued_at=datetime(2026, 11, 27, 16, 0, tzinfo=UTC),
        sequence=42,
        bank_code="088",
        bank_short="SHB",
        branch_code="123",
    )
    (cn,) = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert cn.value == "홍길동()0088123202611280000042"
    assert "ou=SHB" in dn_folder_name(cert)


def test_validity_runs_on_kst_day_boundaries(issued):
    assert issued.cert.not_valid_before_utc == datetime(2026, 11, 27, 15, 0, 0, tzinfo=UTC)
    assert issued.cert.not_valid_after_utc == datetime(2027, 11, 28, 14, 59, 59, tzinfo=UTC)
    assert issued.cert.not_valid_before_utc.astimezone(KST).time().isoformat() == "00:00:00"
    assert issued.cert.not_valid_after_utc.astimezone(KST).time().isoformat() == "23:59:59"


def test_validity_from_29_february():
    start, end = validity(datetime(2028, 2, 29, 9, 0, tzinfo=KST))
    assert start == datetime(2028, 2, 28, 15, 0, tzinfo=UTC)
    assert end == datetime(2029, 2, 28, 14, 59, 59, tzinfo=UTC)


def test_validity_needs_an_aware_time():
    with pytest.raises(ValueError, match="timezone-aware"):
        validity(datetime(2026, 11, 28, 10, 0))


def test_reissue_keeps_the_old_expiry(make_cert):
    old_expiry = datetime(2027, 3, 1, 14, 59, 59, tzinfo=UTC)
    cert = make_cert(not_after=old_expiry)
    assert cert.not_valid_after_utc == old_expiry
    with pytest.raises(ValueError, match="later"):
        make_cert(not_after=ISSUED_AT - timedelta(days=1))


def test_extensions_in_yessign_order_and_criticality(issued):
    expected = [
        (ExtensionOID.AUTHORITY_KEY_IDENTIFIER, False),
        (ExtensionOID.SUBJECT_KEY_IDENTIFIER, False),
        (ExtensionOID.KEY_USAGE, True),
        (ExtensionOID.CERTIFICATE_POLICIES, True),
        (ExtensionOID.SUBJECT_ALTERNATIVE_NAME, False),
        (ExtensionOID.CRL_DISTRIBUTION_POINTS, False),
        (ExtensionOID.AUTHORITY_INFORMATION_ACCESS, False),
    ]
    assert [(e.oid, e.critical) for e in issued.cert.extensions] == expected
    # The same read from the bytes (see raw_extensions for the DEFAULT FALSE rule).
    raw = [(oid, critical) for oid, critical, _ in raw_extensions(issued.cert)]
    assert raw == [(oid.dotted_string, critical) for oid, critical in expected]


def test_authority_key_identifier_names_the_issuers_issuer(issued, issuing_ca, root_ca):
    aki = issued.cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == issuing_ca.key_identifier
    assert aki.authority_cert_issuer == [x509.DirectoryName(root_ca.certificate.subject)]
    assert aki.authority_cert_serial_number == issuing_ca.certificate.serial_number


def test_subject_key_identifier(issued):
    ski = issued.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert ski == x509.SubjectKeyIdentifier.from_public_key(issued.key.public_key())


def test_key_usage_is_signing_only(issued):
    usage = issued.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment  # nonRepudiation
    assert not usage.key_encipherment
    assert not usage.data_encipherment
    assert not usage.key_agreement
    assert not usage.key_cert_sign
    assert not usage.crl_sign


def test_certificate_policies_der_with_bmp_notice(issued):
    (value,) = [v for oid, _, v in raw_extensions(issued.cert) if oid == "2.5.29.32"]
    (info,) = der.decode(value).expect(der.SEQUENCE).children
    policy_oid, qualifiers = info.children
    assert policy_oid.to_oid() == "1.2.410.200005.1.1.4"
    cps, notice = qualifiers.children
    cps_oid, cps_uri = cps.children
    assert cps_oid.to_oid() == "1.3.6.1.5.5.7.2.1"
    assert cps_uri.tag == der.IA5_STRING
    assert cps_uri.to_str() == f"{BASE_URL}/pki/cps/"
    notice_oid, user_notice = notice.children
    assert notice_oid.to_oid() == "1.3.6.1.5.5.7.2.2"
    (explicit_text,) = user_notice.expect(der.SEQUENCE).children  # no noticeRef
    assert explicit_text.tag == 0x1E  # BMPString
    assert explicit_text.to_str() == DEFAULT_NOTICE


def test_policies_readable_by_cryptography(issued):
    """What NPKI software (and PyPinkSign's cert_type_oid) sees after parsing."""
    reparsed = x509.load_der_x509_certificate(issued.cert.public_bytes(Encoding.DER))
    (info,) = reparsed.extensions.get_extension_for_class(x509.CertificatePolicies).value
    assert info.policy_identifier.dotted_string == "1.2.410.200005.1.1.4"
    cps, notice = info.policy_qualifiers
    assert cps == f"{BASE_URL}/pki/cps/"
    assert notice.explicit_text == DEFAULT_NOTICE


def test_universal_certificate_policy(make_cert):
    cert = make_cert(cert_type="universal")
    policy = certificate_policy(cert)
    assert policy is not None
    assert (policy.cert_type, policy.oid) == ("universal", "1.2.410.200005.1.1.1")


def test_policy_mapping():
    assert policy_for_oid("1.2.410.200005.1.1.4") == POLICIES["bank"]
    assert POLICIES["bank"].cert_type == "bank"
    assert policy_for_oid("1.2.410.200005.1.1.5") is None


def test_san_other_name_layout(issued):
    san = issued.cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    (general_name,) = der.decode(san.public_bytes()).expect(der.SEQUENCE).children
    type_id, value = general_name.expect(0xA0).children  # otherName [0]
    assert type_id.to_oid() == "1.2.410.200004.10.1.1"  # npkiIdentifyData
    (identify_data,) = value.expect(0xA0).children  # value [0] EXPLICIT
    real_name, user_infos = identify_data.expect(der.SEQUENCE).children
    assert real_name.tag == der.UTF8_STRING
    assert real_name.to_str() == "홍길동"
    (user_info,) = user_infos.expect(der.SEQUENCE).children
    id_type, vid = user_info.expect(der.SEQUENCE).children
    assert id_type.to_oid() == "1.2.410.200004.10.1.1.1"
    hash_alg, virtual_id = vid.expect(der.SEQUENCE).children
    (hash_oid,) = hash_alg.expect(der.SEQUENCE).children  # sha256, no NULL
    assert hash_oid.to_oid() == "2.16.840.1.101.3.4.2.1"
    (octets,) = virtual_id.expect(0xA0).children  # [0] EXPLICIT OCTET STRING
    assert octets.tag == der.OCTET_STRING
    assert len(octets.content) == 32


def test_crl_distribution_point_and_ocsp_only_aia(issued, issuing_ca):
    endpoints = Endpoints.under(BASE_URL + "/", issuing_ca)
    (point,) = issued.cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert point.full_name == [x509.UniformResourceIdentifier(endpoints.crl)]
    assert endpoints.crl == "http://testserver/pki/crl/yessignca-sim-class-3.crl"
    (access,) = issued.cert.extensions.get_extension_for_class(
        x509.AuthorityInformationAccess
    ).value
    assert access.access_method == AuthorityInformationAccessOID.OCSP
    assert access.access_location == x509.UniformResourceIdentifier("http://testserver/pki/ocsp/")


def test_no_basic_constraints_or_extended_key_usage(issued):
    for kind in (x509.BasicConstraints, x509.ExtendedKeyUsage):
        with pytest.raises(x509.ExtensionNotFound):
            issued.cert.extensions.get_extension_for_class(kind)


def test_signed_sha256_with_rsa_by_the_issuing_ca(issued, issuing_ca):
    assert isinstance(issued.cert.signature_hash_algorithm, hashes.SHA256)
    assert issued.cert.signature_algorithm_oid.dotted_string == "1.2.840.113549.1.1.11"
    issued.cert.verify_directly_issued_by(issuing_ca.certificate)
    assert issued.cert.version == x509.Version.v3


def test_serial_random_positive_at_most_20_bytes(make_cert, issued):
    serials = {make_cert().serial_number for _ in range(3)} | {issued.cert.serial_number}
    assert len(serials) == 4
    assert all(64 <= serial.bit_length() <= 159 for serial in serials)
    assert make_cert(serial=0x1234).serial_number == 0x1234


@pytest.mark.parametrize("serial", [0, -1, 2**160])
def test_bad_serials(make_cert, serial):
    with pytest.raises(ValueError, match="serial"):
        make_cert(serial=serial)


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"real_name": "홍,길동"}, "unusable name"),
        ({"real_name": " 홍길동"}, "unusable name"),
        ({"real_name": ""}, "unusable name"),
        ({"real_name": "홍" * 60}, "too long"),
        ({"bank_code": "4"}, "bank_code"),
        ({"branch_code": "04a"}, "branch_code"),
        ({"bank_short": "K/B"}, "bank_short"),
        ({"sequence": 10**7}, "sequence"),
        ({"rrn": "80010112345"}, "13 digits"),
    ],
)
def test_refuses_bad_input(make_cert, overrides, match):
    with pytest.raises(ValueError, match=match):
        make_cert(**overrides)


def test_a_resigned_certificate_keeps_everything_but_its_validity_and_serial(issued, issuing_ca):
    from issuance.pki import resign_user_certificate, vid_matches

    start = issued.cert.not_valid_before_utc - timedelta(days=300)
    end = start + timedelta(days=365)
    again = resign_user_certificate(issued.cert, issuer=issuing_ca, not_before=start, not_after=end)
    assert again.subject == issued.cert.subject
    assert again.public_key().public_numbers() == issued.cert.public_key().public_numbers()
    assert raw_extensions(again) == raw_extensions(issued.cert)  # byte for byte
    assert again.serial_number != issued.cert.serial_number
    assert (again.not_valid_before_utc, again.not_valid_after_utc) == (start, end)
    again.verify_directly_issued_by(issuing_ca.certificate)
    assert vid_matches(again, RRN, issued.r)
