"""What one issuance, one OCSP answer and a large CRL cost (run with `make bench`).

Numbers are printed, not asserted: they vary with the machine and its load.
RSA key generation is the floor of an issuance (docs/NPKI.md); everything
else the PKI layer adds should be small beside it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from issuance.pki import (
    KST,
    build_crl,
    build_response,
    build_user_certificate,
    create_issuing_ca,
    create_root_ca,
    new_random_num,
    new_rsa_key,
    parse_request,
    read_key_file,
    write_key_file,
)

pytestmark = pytest.mark.bench

ROUNDS = 30
PASSWORD = "kb!Secure7q"


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


@pytest.fixture(scope="module")
def issuing_ca():
    return create_issuing_ca(create_root_ca())


def issue(issuing_ca) -> tuple[x509.Certificate, bytes]:
    """The crypto of one issuance: key pair, certificate, signPri.key."""
    key = new_rsa_key()
    r = new_random_num()
    cert = build_user_certificate(
        issuer=issuing_ca,
        public_key=key.public_key(),
        real_name="홍길동",
        rrn="800101-1234567",
        vid_random=r,
        issued_at=datetime.now(KST),
        sequence=1,
        base_url="http://bench",
    )
    return cert, write_key_file(key, PASSWORD, r)


def test_issuance_cost_against_bare_key_generation(issuing_ca):
    # Key generation time varies a lot from key to key (15-100 ms): alternate
    # the two measurements so that drift in machine load hits both alike.
    bare_timings, full_timings = [], []
    for _ in range(ROUNDS):
        for timings, action in (
            (bare_timings, new_rsa_key),
            (full_timings, lambda: issue(issuing_ca)),
        ):
            start = time.perf_counter()
            action()
            timings.append(time.perf_counter() - start)
    bare = statistics.median(bare_timings) * 1000
    full = statistics.median(full_timings) * 1000
    key = new_rsa_key()
    r = new_random_num()
    cert_only = median_ms(
        lambda: build_user_certificate(
            issuer=issuing_ca,
            public_key=key.public_key(),
            real_name="홍길동",
            rrn="800101-1234567",
            vid_random=r,
            issued_at=datetime.now(KST),
            sequence=1,
            base_url="http://bench",
        ),
        rounds=200,
    )
    key_file = write_key_file(key, PASSWORD, r)
    write_only = median_ms(lambda: write_key_file(key, PASSWORD, r), rounds=200)
    read_trusted = median_ms(lambda: read_key_file(key_file, PASSWORD, validate_key=False), 200)
    read_validated = median_ms(lambda: read_key_file(key_file, PASSWORD))
    rows = [
        (f"RSA-2048 key generation, median of {ROUNDS}", f"{bare:7.1f} ms"),
        (f"key + certificate + signPri.key, median of {ROUNDS}", f"{full:7.1f} ms"),
        ("  ratio issuance / bare key generation", f"{full / bare:7.2f}"),
        ("certificate build + sign alone, median of 200", f"{cert_only:7.2f} ms"),
        ("signPri.key write alone, median of 200", f"{write_only:7.2f} ms"),
        ("signPri.key read, validation skipped, of 200", f"{read_trusted:7.2f} ms"),
        (f"signPri.key read, key validated, of {ROUNDS}", f"{read_validated:7.2f} ms"),
    ]
    print("", *(f"{label:<48} {value}" for label, value in rows), sep="\n")


def test_crl_with_10000_entries(issuing_ca):
    now = datetime.now(UTC)
    revoked = [(2**64 + n, now, "keyCompromise") for n in range(10_000)]
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        data = build_crl(
            issuer=issuing_ca,
            revoked=revoked,
            number=1,
            this_update=now,
            next_update=now + timedelta(days=1),
        )
        timings.append(time.perf_counter() - start)
    print(
        f"\nCRL with 10,000 entries: median {statistics.median(timings) * 1000:.0f} ms "
        f"of 5 (max {max(timings) * 1000:.0f} ms), {len(data):,} bytes"
    )


def test_ocsp_answer(issuing_ca):
    cert, _ = issue(issuing_ca)
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(cert, issuing_ca.certificate, hashes.SHA1())  # noqa: S303
        .add_extension(x509.OCSPNonce(b"n" * 16), critical=False)
        .build()
        .public_bytes(serialization.Encoding.DER)
    )

    def answer() -> bytes:
        now = datetime.now(UTC)
        return build_response(
            query=parse_request(request),
            issuer=issuing_ca,
            status="good",
            this_update=now,
            next_update=now + timedelta(hours=1),
        )

    print(f"\nOCSP parse + signed answer, median of 200: {median_ms(answer, 200):.2f} ms")
