"""Machine endpoints of the simulated CA: CA certificates, the CRL, OCSP.

These answer software (openssl, NPKI clients), never a person: errors are
proper protocol answers (an unsuccessful OCSP response, a plain 404), never an
HTML page and never a 500.
"""

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from issuance import pki
from issuance.ca import authority
from issuance.ca.crl import crl_publish
from issuance.models import CertificateAuthority
from issuance.pki_messages import policies_shown

logger = logging.getLogger(__name__)

OCSP_REQUEST_MAX_BYTES = 64 * 1024
OCSP_CONTENT_TYPE = "application/ocsp-response"


@require_GET
def ca_certificate(request, slug: str):
    ca = get_object_or_404(CertificateAuthority.objects.only("certificate_der", "slug"), slug=slug)
    response = HttpResponse(bytes(ca.certificate_der), content_type="application/pkix-cert")
    response["Content-Disposition"] = f'attachment; filename="{ca.slug}.der"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def crl(request, slug: str):
    """The current CRL: from the cache (no query) until its next update."""
    published = authority.current_crl(slug)
    if published is None:
        issuer = CertificateAuthority.objects.filter(
            slug=slug, role__in=authority.ISSUING_ROLES
        ).first()
        if issuer is None:
            raise Http404
        fresh = crl_publish(issuer=issuer)  # expired or never published: publish now
        published = bytes(fresh.der), fresh.next_update
    der, next_update = published
    response = HttpResponse(der, content_type="application/pkix-crl")
    response["Content-Disposition"] = f'attachment; filename="{slug}.crl"'
    response["Expires"] = http_date(next_update.timestamp())
    max_age = max(int((next_update - timezone.now()).total_seconds()), 0)
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def ocsp(request, encoded: str | None = None):
    """RFC 6960 responder: POST (DER body) or GET (base64 in the path)."""
    try:
        if request.method == "POST":
            body = request.body
            if len(body) > OCSP_REQUEST_MAX_BYTES:
                raise pki.MalformedOcspRequest("request too large")
        else:
            body = pki.decode_get_request(encoded or "")
        query = pki.parse_request(body)
    except pki.MalformedOcspRequest:
        return _ocsp_response(pki.unsuccessful_response("malformedRequest"))
    try:
        return _ocsp_response(authority.ocsp_answer(query))
    except Exception:  # an answer we cannot sign must still be a protocol answer
        logger.exception("OCSP responder failed")
        return _ocsp_response(pki.unsuccessful_response("internalError"))


def _ocsp_response(der: bytes) -> HttpResponse:
    response = HttpResponse(der, content_type=OCSP_CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def cps(request):
    """The certification practice statement the certificates' policy points at, with
    every issuing CA (the 공동인증서's, the 금융인증서's): its certificate and its CRL."""
    issuing_cas = list(
        CertificateAuthority.objects.filter(role__in=authority.ISSUING_ROLES)
        .select_related("parent")
        .order_by("pk")
        .only("name", "slug", "role", "parent__name", "parent__slug")
    )
    return render(
        request,
        "issuance/ca/cps.html",
        {"issuing_cas": issuing_cas, "policies": policies_shown()},
    )
