"""The CA and the pages at real size (run with `make bench`; figures printed, each with
the floor measured in the same run; nothing here asserts a time).

- issuance ÷ bare RSA-2048 key generation with 100,000 certificates in the table;
- OCSP: the bare signing floor (``cryptography`` building and signing one answer),
  the live answer through the view (a nonce), the pre-signed one (no nonce);
- a CRL of 10,000 revoked: ``crl_publish`` against ``cryptography`` alone building
  and signing the same list;
- the admin's certificate change list, the 인증서 선택창 and an OCSP answer at 1,000
  and at 100,000 certificates: queries and time for the same page of rows.
"""

import statistics
import time
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from issuance import pki
from issuance.ca import authority
from issuance.ca.services import certificate_issue, crl_publish
from issuance.models import Certificate
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median_of(action, runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def grow(template: Certificate, rows: int, *, revoked: int = 0) -> None:
    """The table holds ``rows`` certificates of other customers (``revoked`` of them
    revoked): copies of one row under new serials, inserted in batches."""
    others = CustomerFactory.create_batch(10, rrn=None)
    now = timezone.now()
    start = Certificate.objects.count()
    batch = []
    for i in range(start, rows):
        batch.append(
            Certificate(
                serial=f"{0x20_0000_0000 + i:X}",
                issuer_id=template.issuer_id,
                customer=others[i % 10],
                cert_type=template.cert_type,
                bank_code=template.bank_code,
                subject_dn=f"{template.subject_dn}-{i}",
                der=template.der,
                not_before=template.not_before,
                not_after=template.not_after,
                issued_at=now - timedelta(seconds=i),
                revoked_at=now - timedelta(minutes=i % 600) if i - start < revoked else None,
                revocation_reason="key_compromise" if i - start < revoked else "",
            )
        )
        if len(batch) == 5_000:
            Certificate.objects.bulk_create(batch)
            batch = []
    Certificate.objects.bulk_create(batch)


def ocsp_request(cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def test_issuance_with_100000_certificates(issuing_ca, holder, monkeypatch):
    first = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    grow(first.certificate, 100_000)
    # RSA key generation is a lottery (its time varies by half its mean from key to
    # key), so two means of 60 differ by ±10 % on their own. Each issuance's own
    # keygen is timed too (the real function, wrapped), which leaves its other work
    # measured exactly: issuance ÷ keygen = 1 + (that work ÷ the mean keygen).
    real_keygen = pki.new_rsa_key
    inside = []

    def timed_keygen():
        start = time.perf_counter()
        key = real_keygen()
        inside.append((time.perf_counter() - start) * 1000)
        return key

    monkeypatch.setattr(pki, "new_rsa_key", timed_keygen)
    bare, whole = [], []
    for _ in range(60):  # interleaved: load changes hit both alike
        bare.append(timed(real_keygen))
        whole.append(
            timed(
                lambda: certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
            )
        )
    keygen = statistics.mean(bare + inside)
    rest = [w - k for w, k in zip(whole, inside, strict=True)]
    print(
        f"\n100,000 certificates: keygen mean {keygen:.1f} ms (of {len(bare + inside)}), "
        f"issuance mean {statistics.mean(whole):.1f} ms; the issuance's work besides its "
        f"keygen {statistics.mean(rest):.2f} ms (median {statistics.median(rest):.2f}); "
        f"issuance ÷ keygen {1 + statistics.mean(rest) / keygen:.3f} (target ≤ 1.15); "
        f"the two raw means' ratio {statistics.mean(whole) / statistics.mean(bare):.2f}"
    )


def test_ocsp_live_and_pre_signed_against_the_signing_floor(client, issuing_ca, issued):
    _stored, ca = authority.issuing_ca()
    issuer = ca.certificate
    url = reverse("pki:ocsp")
    query = pki.parse_request(ocsp_request(issued.x509, issuer, b"n" * 16))
    now = timezone.now()
    floor = median_of(
        lambda: pki.build_response(
            query=query, issuer=ca, status="good", this_update=now, next_update=now
        ),
        300,
    )
    live_samples = []
    for i in range(300):
        body = ocsp_request(issued.x509, issuer, i.to_bytes(16, "big"))
        live_samples.append(
            timed(lambda b=body: client.post(url, b, content_type="application/ocsp-request"))
        )
    plain = ocsp_request(issued.x509, issuer, None)
    client.post(url, plain, content_type="application/ocsp-request")
    with CaptureQueriesContext(connection) as queries:
        pre_signed = median_of(lambda: authority.ocsp_answer(pki.parse_request(plain)), 300)
        count = len(queries)
    through_view = median_of(
        lambda: client.post(url, plain, content_type="application/ocsp-request"), 300
    )
    live = statistics.median(live_samples)
    bodies = [ocsp_request(issued.x509, issuer, i.to_bytes(16, "big")) for i in range(300)]
    service = statistics.median(
        timed(lambda b=b: authority.ocsp_answer(pki.parse_request(b))) for b in bodies
    )
    print(
        f"\nOCSP: signing floor {floor:.2f} ms; live answer (parse, status, sign) {service:.2f} ms "
        f"({service / floor:.2f}× the floor, target ≤ 2), through the view {live:.2f} ms; "
        f"pre-signed answer {pre_signed:.3f} ms "
        f"with {count} queries (target ≤ 0.5 ms, 0 queries), "
        f"through the view {through_view:.2f} ms"
    )


def test_crl_of_10000_revoked_against_cryptography_alone(issuing_ca, holder):
    first = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    grow(first.certificate, 10_001, revoked=10_000)
    _stored, ca = authority.issuing_ca()
    revoked = list(
        Certificate.objects.filter(revoked_at__isnull=False).values_list(
            "serial", "revoked_at", "revocation_reason"
        )
    )
    now = timezone.now().replace(microsecond=0)

    def bare():
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(ca.certificate.subject)
            .last_update(now)
            .next_update(now + timedelta(days=1))
        )
        for serial, at, _reason in revoked:
            entry = (
                x509.RevokedCertificateBuilder()
                .serial_number(int(serial, 16))
                .revocation_date(at)
                .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
                .build()
            )
            builder = builder.add_revoked_certificate(entry)
        builder.sign(ca.private_key, hashes.SHA256())

    floor = median_of(bare, 5)
    ours = median_of(lambda: crl_publish(issuer=issuing_ca), 5)
    print(
        f"\nCRL of 10,000 revoked: cryptography alone {floor:.0f} ms; crl_publish (query, "
        f"build, sign, store) {ours:.0f} ms; {ours / floor:.2f}× (target ≤ 2)"
    )


def test_pages_at_1000_and_100000_certificates(client, superuser, issuing_ca, holder):
    first = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    issuer = x509.load_der_x509_certificate(bytes(issuing_ca.certificate_der))
    plain = ocsp_request(first.x509, issuer, b"x" * 16)
    admin = client
    admin.force_login(superuser)
    holder = Client()
    holder.force_login(holder)
    pages = {
        "admin change list": lambda: admin.get(reverse("admin:issuance_certificate_changelist")),
        "OCSP (live)": lambda: Client().post(  # an OCSP client has no session
            reverse("pki:ocsp"), plain, content_type="application/ocsp-request"
        ),
    }
    pages["인증서 선택창"] = lambda: holder.get(reverse("center:login"))
    results = {}
    for size in (1_000, 100_000):
        grow(first.certificate, size)
        for name, page in pages.items():
            assert page().status_code == 200, name
            with CaptureQueriesContext(connection) as queries:
                page()
            count = len(queries)  # before the next requests reset the log
            results[(name, size)] = (median_of(page, 30), count)
    print("\n               page   1,000 rows      100,000 rows    ratio")
    for name in pages:
        (small, q_small), (large, q_large) = results[(name, 1_000)], results[(name, 100_000)]
        print(
            f"{name:>20}: {small:7.2f} ms ({q_small} q)  {large:7.2f} ms ({q_large} q)  "
            f"{large / small:.2f}× (target ≤ 1.3, same queries)"
        )
