"""OCSP: requests in, good / revoked / unknown answers out, errors as OCSP errors."""

import base64
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509 import ocsp
from hypothesis import given, settings
from hypothesis import strategies as st

from issuance.pki import (
    MalformedOcspRequest,
    build_response,
    decode_get_request,
    der,
    issued_by,
    parse_request,
    unsuccessful_response,
)

NOW = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
NONCE = bytes(range(16))


def make_request(cert, issuer_cert, *, algorithm=None, nonce=NONCE) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(
        cert,
        issuer_cert,
        algorithm or hashes.SHA1(),  # noqa: S303 (what clients send)
    )
    if nonce is not None:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def answer(query, issuing_ca, status, **kwargs) -> ocsp.OCSPResponse:
    data = build_response(
        query=query,
        issuer=issuing_ca,
        status=status,
        this_update=NOW,
        next_update=NOW + timedelta(hours=1),
        **kwargs,
    )
    return ocsp.load_der_ocsp_response(data)


@pytest.mark.parametrize("algorithm", [hashes.SHA1(), hashes.SHA256()])  # noqa: S303
def test_parse_request(issued, issuing_ca, algorithm):
    query = parse_request(make_request(issued.cert, issuing_ca.certificate, algorithm=algorithm))
    assert query.serial == issued.cert.serial_number
    assert query.nonce == NONCE
    assert query.hash_algorithm.name == algorithm.name
    assert len(query.issuer_name_hash) == algorithm.digest_size
    assert issued_by(query, issuing_ca)


def test_request_about_another_ca(issuing_ca, root_ca):
    # The issuing CA's own certificate: a question for the root, not for us.
    query = parse_request(make_request(issuing_ca.certificate, root_ca.certificate))
    assert not issued_by(query, issuing_ca)
    assert issued_by(query, root_ca)


def test_good_answer_echoes_cert_id_and_nonce(issued, issuing_ca):
    query = parse_request(make_request(issued.cert, issuing_ca.certificate))
    response = answer(query, issuing_ca, "good")
    assert response.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    assert response.certificate_status == ocsp.OCSPCertStatus.GOOD
    assert response.serial_number == issued.cert.serial_number
    assert response.issuer_name_hash == query.issuer_name_hash
    assert response.issuer_key_hash == query.issuer_key_hash
    assert isinstance(response.hash_algorithm, hashes.SHA1)
    assert response.this_update_utc == NOW
    assert response.next_update_utc == NOW + timedelta(hours=1)
    nonce = response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    assert nonce == NONCE
    assert response.certificates == [issuing_ca.certificate]
    assert response.responder_key_hash == issuing_ca.key_identifier
    issuing_ca.certificate.public_key().verify(
        response.signature,
        response.tbs_response_bytes,
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


def test_revoked_answer(issued, issuing_ca):
    query = parse_request(make_request(issued.cert, issuing_ca.certificate))
    revoked_at = NOW - timedelta(days=1)
    response = answer(query, issuing_ca, "revoked", revoked_at=revoked_at, reason="keyCompromise")
    assert response.certificate_status == ocsp.OCSPCertStatus.REVOKED
    assert response.revocation_time_utc == revoked_at
    assert response.revocation_reason == x509.ReasonFlags.key_compromise


def test_revoked_needs_a_time(issued, issuing_ca):
    query = parse_request(make_request(issued.cert, issuing_ca.certificate))
    with pytest.raises(ValueError, match="revoked_at"):
        answer(query, issuing_ca, "revoked")


def test_unknown_answer_for_another_ca(issuing_ca, root_ca):
    request = make_request(issuing_ca.certificate, root_ca.certificate, algorithm=hashes.SHA256())
    query = parse_request(request)
    response = answer(query, issuing_ca, "unknown")
    assert response.certificate_status == ocsp.OCSPCertStatus.UNKNOWN
    assert response.issuer_key_hash == query.issuer_key_hash
    assert isinstance(response.hash_algorithm, hashes.SHA256)


def test_no_nonce_in_request_none_in_answer(issued, issuing_ca):
    query = parse_request(make_request(issued.cert, issuing_ca.certificate, nonce=None))
    assert query.nonce is None
    response = answer(query, issuing_ca, "good")
    with pytest.raises(x509.ExtensionNotFound):
        response.extensions.get_extension_for_class(x509.OCSPNonce)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("malformedRequest", ocsp.OCSPResponseStatus.MALFORMED_REQUEST),
        ("internalError", ocsp.OCSPResponseStatus.INTERNAL_ERROR),
        ("tryLater", ocsp.OCSPResponseStatus.TRY_LATER),
        ("unauthorized", ocsp.OCSPResponseStatus.UNAUTHORIZED),
    ],
)
def test_unsuccessful_responses(status, expected):
    data = unsuccessful_response(status)
    assert ocsp.load_der_ocsp_response(data).response_status == expected
    assert len(data) == 5  # SEQUENCE { ENUMERATED }, nothing else


def test_get_request_round_trip(issued, issuing_ca):
    request = make_request(issued.cert, issuing_ca.certificate)
    assert decode_get_request(base64.b64encode(request).decode()) == request


@pytest.mark.parametrize("encoded", ["not base64!", "한글", "abc"])
def test_get_request_not_base64(encoded):
    with pytest.raises(MalformedOcspRequest):
        decode_get_request(encoded)


def _cert_id(name_hash: bytes, key_hash: bytes, serial: int) -> bytes:
    algorithm = der.sequence(der.oid("1.3.14.3.2.26"), der.null())
    return der.sequence(
        algorithm, der.octet_string(name_hash), der.octet_string(key_hash), der.integer(serial)
    )


def _request(*cert_ids: bytes) -> bytes:
    request_list = der.sequence(*(der.sequence(cert_id) for cert_id in cert_ids))
    return der.sequence(der.sequence(request_list))


def test_hand_built_request_parses():
    query = parse_request(_request(_cert_id(b"n" * 20, b"k" * 20, 5)))
    assert (query.serial, query.issuer_name_hash, query.nonce) == (5, b"n" * 20, None)


@pytest.mark.parametrize(
    "data",
    [
        _request(_cert_id(b"n" * 20, b"k" * 20, 5), _cert_id(b"n" * 20, b"k" * 20, 6)),
        _request(_cert_id(b"n" * 19, b"k" * 20, 5)),
        _request(_cert_id(b"n" * 20, b"k" * 32, 5)),
        _request(),
        b"",
        b"\x30\x00",
    ],
    ids=["two-certs", "short-name-hash", "long-key-hash", "no-certs", "empty", "empty-sequence"],
)
def test_malformed_requests(data):
    with pytest.raises(MalformedOcspRequest):
        parse_request(data)


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_random_bytes_are_malformed(data):
    with pytest.raises(MalformedOcspRequest):
        parse_request(data)


@settings(max_examples=200)
@given(st.data())
def test_mutated_requests_parse_or_are_malformed(issued, issuing_ca, data):
    request = bytearray(make_request(issued.cert, issuing_ca.certificate))
    for _ in range(data.draw(st.integers(1, 4))):
        request[data.draw(st.integers(0, len(request) - 1))] = data.draw(st.integers(0, 255))
    try:
        query = parse_request(bytes(request))
    except MalformedOcspRequest:
        return
    # Whatever parsed must be answerable.
    answer(query, issuing_ca, "unknown")
