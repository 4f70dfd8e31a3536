"""The Django side of the CA, measured (run with `make bench`; numbers printed).

- one issuance through ``certificate_issue`` (key, certificate, key file,
  database rows) against bare RSA-2048 key generation, interleaved, medians;
- an OCSP answer for a cached status, through the real view;
- a CRL with 10,000 revoked certificates: publish time, then served from cache.
"""

import statistics
import time
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from issuance import pki
from issuance.ca.services import certificate_issue, crl_publish
from issuance.models import Certificate
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
# RSA key generation times spread from ~12 to ~170 ms (the prime search is a
# lottery): two medians of 30 identical runs differed by 50% here. 200 rounds
# each make the comparison about the application, not the lottery.
ROUNDS = 200


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def test_issuance_against_bare_key_generation(issuing_ca, holder):
    bare, whole = [], []
    for _ in range(ROUNDS):  # interleaved, so load changes hit both alike
        bare.append(timed(pki.new_rsa_key))
        whole.append(
            timed(
                lambda: certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
            )
        )
    bare_median, whole_median = statistics.median(bare), statistics.median(whole)
    print(
        f"\nRSA-2048 key generation: median {bare_median:.1f} ms; "
        f"certificate_issue: median {whole_median:.1f} ms; ratio {whole_median / bare_median:.2f} "
        f"(over the whole run: {statistics.mean(whole) / statistics.mean(bare):.2f} by means)"
    )


def test_ocsp_answer_for_a_cached_status(client, issuing_ca, issued):
    issuer = x509.load_der_x509_certificate(bytes(issuing_ca.certificate_der))
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(issued.x509, issuer, hashes.SHA1())  # noqa: S303 - clients' default
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    url = reverse("pki:ocsp")
    client.post(url, request, content_type="application/ocsp-request")  # warm
    with CaptureQueriesContext(connection) as queries:
        samples = [
            timed(lambda: client.post(url, request, content_type="application/ocsp-request"))
            for _ in range(200)
        ]
    print(
        f"\nOCSP (cached status, through the view): median {statistics.median(samples):.2f} ms, "
        f"p95 {sorted(samples)[189]:.2f} ms, {len(queries)} queries in 200 answers"
    )


def test_crl_with_ten_thousand_revoked(client, issuing_ca, holder):
    now = timezone.now()
    template = Certificate.objects.get(
        pk=certificate_issue(
            customer=holder, cert_type="bank", password=CERT_PASSWORD
        ).certificate.pk
    )
    Certificate.objects.bulk_create(
        Certificate(
            serial=f"{0x10_0000_0000 + i:X}",
            issuer=issuing_ca,
            customer=holder,
            cert_type="bank",
            subject_dn=template.subject_dn,
            der=template.der,
            not_before=template.not_before,
            not_after=template.not_after,
            revoked_at=now - timedelta(minutes=i % 600),
            revocation_reason="key_compromise" if i % 3 else "superseded",
        )
        for i in range(10_000)
    )
    published_ms = timed(lambda: crl_publish(issuer=issuing_ca))
    url = reverse("pki:crl", args=[issuing_ca.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        samples = [timed(lambda: client.get(url)) for _ in range(50)]
    size = len(client.get(url).content)
    print(
        f"\nCRL of 10,000 revoked: published (query, build, sign, store) in {published_ms:.0f} ms, "
        f"{size:,} bytes; served from cache: median {statistics.median(samples):.2f} ms, "
        f"{len(queries)} queries in 50 downloads"
    )
