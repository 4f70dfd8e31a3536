"""Is a 수료증 what the simulated CA signed? ``valid``, ``altered`` or ``unknown``, for the
public verification page its QR code opens (/lessons/verify/<id>/)."""

import hashlib
import hmac

from django.core.exceptions import ValidationError

from issuance.pki import cms
from lessons.completion.signer import trust_anchor
from lessons.models import Completion

VALID, ALTERED, UNKNOWN = "valid", "altered", "unknown"


def record(completion_id) -> Completion | None:
    """The stored 수료증, or None (no such id, or not an id at all)."""
    try:
        return Completion.objects.filter(pk=completion_id).first()
    except (ValidationError, ValueError, TypeError):
        return None


def verdict(completion_id, uploaded_pdf_bytes: bytes | None = None) -> str:
    """``unknown``: no such record, or its signature does not lead to the simulated root;
    ``altered``: the uploaded bytes (or the stored ones) are not those signed;
    ``valid`` otherwise."""
    completion = record(completion_id)
    if completion is None:
        return UNKNOWN
    return verdict_of(completion, uploaded_pdf_bytes)


def verdict_of(completion: Completion, uploaded_pdf_bytes: bytes | None = None) -> str:
    anchor = trust_anchor()
    if anchor is None:
        return UNKNOWN
    try:
        signed = cms.read_signed_data(bytes(completion.signature))
    except cms.CmsError:
        return UNKNOWN
    if not cms.chains_to(signed, anchor):
        return UNKNOWN
    stored = bytes(completion.pdf)
    if not hmac.compare_digest(hashlib.sha256(stored).hexdigest(), completion.pdf_sha256):
        return ALTERED  # the row itself was changed after the signature
    data = stored if uploaded_pdf_bytes is None else bytes(uploaded_pdf_bytes)
    return VALID if cms.signature_matches(signed, data) else ALTERED
