"""CA certificates, the CRL and the OCSP responder over HTTP."""

import base64
import urllib.parse
from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509 import ocsp
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from issuance.ca import authority
from issuance.ca.revocation import certificate_revoke
from issuance.models import RevocationList

pytestmark = pytest.mark.django_db
OCSP_URL = reverse("pki:ocsp")


def ocsp_request(
    cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None = None
) -> bytes:
    # SHA-1 CertIDs are what OCSP clients send (openssl's default)
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def issuer_cert(issuing_ca) -> x509.Certificate:
    return x509.load_der_x509_certificate(bytes(issuing_ca.certificate_der))


def post_ocsp(client, body: bytes):
    return client.post(OCSP_URL, body, content_type="application/ocsp-request")


class TestCaCertificates:
    def test_both_cas_are_published_as_der(self, client, issuing_ca):
        for ca in (issuing_ca, issuing_ca.parent):
            response = client.get(reverse("pki:ca_certificate", args=[ca.slug]))
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pkix-cert"
            assert x509.load_der_x509_certificate(response.content).serial_number == int(
                ca.serial, 16
            )

    def test_unknown_ca_is_404(self, client, issuing_ca):
        assert client.get("/pki/ca/nobody.der").status_code == 404


class TestCrl:
    def url(self, issuing_ca):
        return reverse("pki:crl", args=[issuing_ca.slug])

    def test_served_as_der_signed_by_the_issuing_ca(self, client, issuing_ca):
        response = client.get(self.url(issuing_ca))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pkix-crl"
        crl = x509.load_der_x509_crl(response.content)
        assert crl.is_signature_valid(issuer_cert(issuing_ca).public_key())
        assert crl.next_update_utc is not None
        assert "max-age" in response["Cache-Control"]

    def test_served_from_cache_with_no_query(self, client, issuing_ca, django_assert_num_queries):
        client.get(self.url(issuing_ca))
        with django_assert_num_queries(0):
            response = client.get(self.url(issuing_ca))
        assert response.status_code == 200

    def test_rebuilt_on_revocation(self, client, issuing_ca, issued):
        client.get(self.url(issuing_ca))
        certificate_revoke(certificate=issued.certificate)
        crl = x509.load_der_x509_crl(client.get(self.url(issuing_ca)).content)
        assert crl.get_revoked_certificate_by_serial_number(int(issued.certificate.serial, 16))

    def test_republished_when_past_its_next_update(self, client, issuing_ca, settings):
        first = x509.load_der_x509_crl(client.get(self.url(issuing_ca)).content)
        later = first.next_update_utc.isoformat().replace("+00:00", "Z")
        with time_machine.travel(later, tick=True):
            authority.cache.clear()
            again = x509.load_der_x509_crl(client.get(self.url(issuing_ca)).content)
        number = lambda crl: crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number  # noqa: E731
        assert number(again) == number(first) + 1
        assert RevocationList.objects.filter(issuer=issuing_ca).count() == 2

    def test_unknown_ca_is_404(self, client, issuing_ca):
        assert client.get("/pki/crl/nobody.crl").status_code == 404


class TestOcsp:
    def answer(self, response) -> ocsp.OCSPResponse:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/ocsp-response"
        return ocsp.load_der_ocsp_response(response.content)

    def test_good_with_the_nonce_echoed_and_a_valid_signature(self, issuing_ca, issued):
        client = Client(enforce_csrf_checks=True)  # a machine endpoint: no CSRF token
        request = ocsp_request(issued.x509, issuer_cert(issuing_ca), nonce=b"0123456789abcdef")
        answer = self.answer(post_ocsp(client, request))
        assert answer.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
        assert answer.certificate_status == ocsp.OCSPCertStatus.GOOD
        assert answer.serial_number == issued.x509.serial_number
        nonce = answer.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
        assert nonce == b"0123456789abcdef"
        issuer_cert(issuing_ca).public_key().verify(
            answer.signature,
            answer.tbs_response_bytes,
            padding.PKCS1v15(),
            answer.signature_hash_algorithm,
        )

    def test_revoked_with_time_and_reason(self, client, issuing_ca, issued):
        certificate_revoke(certificate=issued.certificate, reason="key_compromise")
        answer = self.answer(post_ocsp(client, ocsp_request(issued.x509, issuer_cert(issuing_ca))))
        assert answer.certificate_status == ocsp.OCSPCertStatus.REVOKED
        assert answer.revocation_reason == x509.ReasonFlags.key_compromise
        issued.certificate.refresh_from_db()
        assert abs((answer.revocation_time_utc - issued.certificate.revoked_at).total_seconds()) < 1

    def test_unknown_serial(self, client, issuing_ca, issued):
        request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate_by_hash(
                issuer_name_hash=ocsp.load_der_ocsp_request(
                    ocsp_request(issued.x509, issuer_cert(issuing_ca))
                ).issuer_name_hash,
                issuer_key_hash=ocsp.load_der_ocsp_request(
                    ocsp_request(issued.x509, issuer_cert(issuing_ca))
                ).issuer_key_hash,
                serial_number=12345,
                algorithm=hashes.SHA1(),  # noqa: S303 - as OCSP clients send
            )
            .build()
            .public_bytes(serialization.Encoding.DER)
        )
        assert (
            self.answer(post_ocsp(client, request)).certificate_status
            == ocsp.OCSPCertStatus.UNKNOWN
        )

    def test_an_unknown_serial_is_answered_live_every_time(self, client, issuing_ca, issued):
        """Nothing is kept for a serial we never issued, so a certificate issued with it
        later can never be met by an old "unknown" (issuance relies on it)."""
        request = self.request_for_serial(issued, issuing_ca, 12345)
        first = post_ocsp(client, request).content
        with time_machine.travel(timezone.now() + timedelta(minutes=1)):
            second = post_ocsp(client, request).content  # a kept answer would be `first`
        assert first != second  # signed afresh, a minute later
        assert authority.cache.get(authority.signed_answer_key(12345, "sha1")) is None

    def request_for_serial(self, issued, issuing_ca, serial):
        ours = ocsp.load_der_ocsp_request(ocsp_request(issued.x509, issuer_cert(issuing_ca)))
        return (
            ocsp.OCSPRequestBuilder()
            .add_certificate_by_hash(
                issuer_name_hash=ours.issuer_name_hash,
                issuer_key_hash=ours.issuer_key_hash,
                serial_number=serial,
                algorithm=hashes.SHA1(),  # noqa: S303 - as OCSP clients send
            )
            .build()
            .public_bytes(serialization.Encoding.DER)
        )

    def test_another_issuer_is_unknown(self, client, issuing_ca, issued, generated_cas):
        root_cert = generated_cas[0].certificate  # right serial, wrong issuer
        answer = self.answer(post_ocsp(client, ocsp_request(issued.x509, root_cert)))
        assert answer.certificate_status == ocsp.OCSPCertStatus.UNKNOWN

    def test_get_with_base64_in_the_path(self, client, issuing_ca, issued):
        encoded = base64.b64encode(ocsp_request(issued.x509, issuer_cert(issuing_ca))).decode()
        response = client.get(OCSP_URL + urllib.parse.quote(encoded, safe=""))
        assert self.answer(response).certificate_status == ocsp.OCSPCertStatus.GOOD

    def test_cached_status_answers_without_a_query(
        self, client, issuing_ca, issued, django_assert_num_queries
    ):
        request = ocsp_request(issued.x509, issuer_cert(issuing_ca))
        post_ocsp(client, request)
        with django_assert_num_queries(0):
            answer = self.answer(post_ocsp(client, request))
        assert answer.certificate_status == ocsp.OCSPCertStatus.GOOD

    def test_a_request_without_nonce_gets_the_pre_signed_answer(
        self, client, issuing_ca, issued, django_assert_num_queries
    ):
        request = ocsp_request(issued.x509, issuer_cert(issuing_ca))
        first = post_ocsp(client, request).content
        with django_assert_num_queries(0):
            again = post_ocsp(client, request).content
        assert again == first  # the same signed bytes, not signed again
        assert (
            self.answer(post_ocsp(client, request)).certificate_status == ocsp.OCSPCertStatus.GOOD
        )

    def test_a_pre_signed_answer_is_never_given_for_another_issuers_certid(
        self, client, issuing_ca, issued, generated_cas
    ):
        ours = ocsp_request(issued.x509, issuer_cert(issuing_ca))
        assert self.answer(post_ocsp(client, ours)).certificate_status == ocsp.OCSPCertStatus.GOOD
        theirs = ocsp_request(issued.x509, generated_cas[0].certificate)  # same serial
        answer = self.answer(post_ocsp(client, theirs))
        assert answer.certificate_status == ocsp.OCSPCertStatus.UNKNOWN

    def test_a_nonce_is_always_answered_live(self, client, issuing_ca, issued):
        first = post_ocsp(client, ocsp_request(issued.x509, issuer_cert(issuing_ca), b"n" * 16))
        second = post_ocsp(client, ocsp_request(issued.x509, issuer_cert(issuing_ca), b"m" * 16))
        nonce = self.answer(second).extensions.get_extension_for_class(x509.OCSPNonce).value
        assert nonce.nonce == b"m" * 16 and first.content != second.content

    def test_the_pre_signed_answer_is_dropped_on_revocation(self, client, issuing_ca, issued):
        request = ocsp_request(issued.x509, issuer_cert(issuing_ca))
        assert (
            self.answer(post_ocsp(client, request)).certificate_status == ocsp.OCSPCertStatus.GOOD
        )
        certificate_revoke(certificate=issued.certificate)
        answer = self.answer(post_ocsp(client, request))
        assert answer.certificate_status == ocsp.OCSPCertStatus.REVOKED

    @pytest.mark.parametrize("body", [b"", b"hello", b"\x30\x03\x02\x01\x01", b"\x30" * 70_000])
    def test_malformed_post_gets_an_unsuccessful_ocsp_response(self, client, issuing_ca, body):
        answer = self.answer(post_ocsp(client, body))
        assert answer.response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST

    @pytest.mark.parametrize("path", ["not-base64!", "%%%", "AAAA", "////"])
    def test_malformed_get_gets_an_unsuccessful_ocsp_response(self, client, issuing_ca, path):
        answer = self.answer(client.get(OCSP_URL + path))
        assert answer.response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST

    def test_without_a_ca_the_answer_is_internal_error_not_a_500(self, client, issuing_ca, issued):
        request = ocsp_request(issued.x509, issuer_cert(issuing_ca))
        issuing_ca.__class__.objects.all().update(private_key_encrypted=b"broken")
        authority.cache.clear()
        authority._loaded.clear()
        answer = self.answer(post_ocsp(client, request))
        assert answer.response_status == ocsp.OCSPResponseStatus.INTERNAL_ERROR

    def test_other_methods_are_refused(self, client, issuing_ca):
        assert client.put(OCSP_URL, b"x").status_code == 405


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=400))
def test_ocsp_post_fuzz_never_500(client, issuing_ca, body):
    response = post_ocsp(client, body)
    assert response.status_code == 200
    status = ocsp.load_der_ocsp_response(response.content).response_status
    assert status in (ocsp.OCSPResponseStatus.MALFORMED_REQUEST, ocsp.OCSPResponseStatus.SUCCESSFUL)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.text(min_size=1, max_size=200).filter(lambda s: "\x00" not in s))
def test_ocsp_get_fuzz_never_500(client, issuing_ca, path):
    response = client.get(OCSP_URL + urllib.parse.quote(path, safe=""))
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response["Content-Type"] == "application/ocsp-response"
        ocsp.load_der_ocsp_response(response.content)
