"""전자서명 and the client's side of OCSP, in the pure pki package."""

from datetime import UTC, datetime, timedelta

import pytest

from issuance import pki
from issuance.pki import OcspAnswerInvalid, build_response, parse_request, read_ocsp_response

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
NONCE = bytes(range(16))
TEXT = "[모의국민은행 계좌이체]\n이체금액: 50,000원".encode()


class TestSignature:
    def test_a_signature_verifies_with_the_certificate_only(self, issued, user_key, issuing_ca):
        signature = pki.sign(user_key, TEXT)
        assert pki.signature_valid(issued.cert, TEXT, signature)
        assert not pki.signature_valid(issued.cert, TEXT + b"0", signature)
        assert not pki.signature_valid(issuing_ca.certificate, TEXT, signature)
        assert not pki.signature_valid(issued.cert, TEXT, b"\x00" * 256)

    def test_the_digest_is_the_sha256_of_the_text(self):
        assert pki.digest_hex(b"abc") == (
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )


def respond(issued, issuing_ca, status="good", *, nonce=NONCE, signer=None, **kwargs) -> bytes:
    request = pki.ocsp_request(issued.cert, issuing_ca.certificate, NONCE)
    query = parse_request(request)
    if nonce != NONCE:
        query = type(query)(**{**{s: getattr(query, s) for s in query.__slots__}, "nonce": nonce})
    return build_response(
        query=query,
        issuer=issuing_ca,
        status=status,
        this_update=NOW,
        next_update=NOW + timedelta(hours=1),
        responder=signer,
        **kwargs,
    )


class TestOcspClient:
    def read(self, data, issued, issuing_ca):
        return read_ocsp_response(
            data, cert=issued.cert, issuer=issuing_ca.certificate, nonce=NONCE
        )

    def test_good_and_revoked_are_read(self, issued, issuing_ca):
        good = self.read(respond(issued, issuing_ca), issued, issuing_ca)
        assert good.status == "good" and good.this_update == NOW
        revoked = self.read(
            respond(issued, issuing_ca, "revoked", revoked_at=NOW - timedelta(minutes=5)),
            issued,
            issuing_ca,
        )
        assert revoked.status == "revoked" and revoked.revoked_at == NOW - timedelta(minutes=5)

    def test_an_answer_signed_by_anyone_else_is_refused(self, issued, issuing_ca, root_ca):
        forged = respond(issued, issuing_ca, signer=root_ca)
        with pytest.raises(OcspAnswerInvalid, match="not signed by the CA"):
            self.read(forged, issued, issuing_ca)

    def test_a_replayed_answer_without_our_nonce_is_refused(self, issued, issuing_ca):
        replayed = respond(issued, issuing_ca, nonce=b"another-nonce-16")
        with pytest.raises(OcspAnswerInvalid, match="nonce"):
            self.read(replayed, issued, issuing_ca)

    def test_errors_and_garbage_are_refused(self, issued, issuing_ca):
        with pytest.raises(OcspAnswerInvalid, match="responder said"):
            self.read(pki.unsuccessful_response("tryLater"), issued, issuing_ca)
        with pytest.raises(OcspAnswerInvalid, match="not an OCSP response"):
            self.read(b"\x30\x03garbage", issued, issuing_ca)
