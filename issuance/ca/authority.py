"""The loaded CA, the published CRL and certificate statuses, kept warm.

Decrypting a CA key costs milliseconds and a database round trip; an OCSP
answer or a CRL download should cost neither. So:

- each issuing CA (the 공동인증서's and the 금융인증서's: certificate + decrypted key)
  is loaded once per process and kept keyed by its certificate's digest, so a new
  CA (tests, re-initialisation) is never confused with an old one; the cache names
  each by its role;
- the current CRL's DER and a certificate's status live in Django's cache
  (Redis in a classroom, shared by every app server) and are refreshed by the
  services that change them (``certificate_issue``, ``certificate_revoke``,
  ``crl_publish``).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from issuance import pki
from issuance.models import Certificate, CertificateAuthority, CertificateType, RevocationList

Role = CertificateAuthority.Role
# The issuing CAs by role, and where the cache keeps each (the 공동인증서's key is the
# one it always had, so a running site's cache stays good across an upgrade).
CA_CACHE_KEYS = {Role.ISSUING: "pki:issuing-ca", Role.FINANCE: "pki:finance-ca"}
ISSUING_ROLES = tuple(CA_CACHE_KEYS)
ISSUING_CA_CACHE_KEY = CA_CACHE_KEYS[Role.ISSUING]
STATUS_CACHE_SECONDS = 3600


class CaNotInitialized(Exception):
    """No CA yet: run ``manage.py init_ca`` (``make demo`` does)."""

    def __init__(self) -> None:
        super().__init__(
            _("인증기관(CA)이 아직 만들어지지 않았습니다. 'manage.py init_ca'를 먼저 실행하세요.")
        )


@dataclass(frozen=True)
class StoredCa:
    """What the cache keeps of a CA row: enough to load it without a query."""

    pk: int
    slug: str
    certificate_der: bytes
    private_key_encrypted: bytes

    @classmethod
    def of(cls, row: CertificateAuthority) -> "StoredCa":
        return cls(row.pk, row.slug, bytes(row.certificate_der), bytes(row.private_key_encrypted))


_loaded: dict[bytes, pki.CertificateAuthority] = {}


def load(stored: StoredCa | CertificateAuthority) -> pki.CertificateAuthority:
    """The CA with its decrypted key, decrypted at most once per process."""
    der = bytes(stored.certificate_der)
    digest = hashlib.sha256(der).digest()
    if digest not in _loaded:
        _loaded[digest] = pki.load_ca(
            der, bytes(stored.private_key_encrypted), settings.CA_KEY_PASSPHRASE.encode()
        )
    return _loaded[digest]


def issuing_role(cert_type: str) -> str:
    """The role of the CA that signs certificates of ``cert_type``: the 금융인증서 has its
    own issuing CA, the 공동인증서's types share the other."""
    return Role.FINANCE if cert_type == CertificateType.FINANCE else Role.ISSUING


def issuing_ca(
    stored: StoredCa | None = None, *, role: str = Role.ISSUING
) -> tuple[StoredCa, pki.CertificateAuthority]:
    """The issuing CA of ``role`` (the 공동인증서's by default), from the cache when warm
    (no query); ``stored`` is what a caller read from the cache already, with other
    keys in the same round trip.

    A cached CA that does not open (left in Redis by another database, or made with
    another passphrase) is dropped and the database's is read instead."""
    key = CA_CACHE_KEYS[role]
    if stored is None:
        stored = cache.get(key)
    if stored is not None:
        try:
            return stored, load(stored)
        except (ValueError, TypeError):
            forget_issuing_ca(role)
    row = CertificateAuthority.objects.filter(role=role).first()
    if row is None:
        raise CaNotInitialized()
    stored = StoredCa.of(row)
    loaded = load(stored)
    cache.set(key, stored, None)
    return stored, loaded


def ca_for(certificate: Certificate) -> tuple[StoredCa, pki.CertificateAuthority]:
    """The issuing CA that signed ``certificate`` (its ``issuer``), from the cache when
    warm: one round trip for both issuing CAs, a query only when cold."""
    warm = cache.get_many(list(CA_CACHE_KEYS.values()))
    for role, key in CA_CACHE_KEYS.items():
        stored = warm.get(key)
        if stored is not None and stored.pk == certificate.issuer_id:
            return issuing_ca(stored, role=role)
    role = (
        CertificateAuthority.objects.filter(pk=certificate.issuer_id)
        .values_list("role", flat=True)
        .first()
    )
    if role not in CA_CACHE_KEYS:
        raise CaNotInitialized()
    return issuing_ca(role=role)


def forget_issuing_ca(role: str | None = None) -> None:
    """Drop the cached issuing CA of ``role``, or of every role."""
    cache.delete_many([CA_CACHE_KEYS[role]] if role else list(CA_CACHE_KEYS.values()))


def check_cached_issuing_ca(row: CertificateAuthority) -> None:
    """At a start (``init_ca``): the cache must hold this database's CA of the row's role,
    or nothing."""
    cached = cache.get(CA_CACHE_KEYS[row.role])
    if cached is not None and (
        cached.pk != row.pk or cached.certificate_der != bytes(row.certificate_der)
    ):
        forget_issuing_ca(row.role)


# --- CRL ------------------------------------------------------------------------------


def crl_cache_key(slug: str) -> str:
    return f"pki:crl:{slug}"


def remember_crl(slug: str, crl: RevocationList) -> None:
    seconds = max(int((crl.next_update - timezone.now()).total_seconds()), 1)
    cache.set(crl_cache_key(slug), (bytes(crl.der), crl.next_update), seconds)


def forget_crl(issuer_pk: int) -> None:
    """A revocation is on its way: the cached CRL must not be served as current."""
    slug = CertificateAuthority.objects.filter(pk=issuer_pk).values_list("slug", flat=True).first()
    if slug:
        cache.delete(crl_cache_key(slug))


def current_crl(slug: str) -> tuple[bytes, datetime] | None:
    """The published CRL's DER and next update, from the cache when warm."""
    cached = cache.get(crl_cache_key(slug))
    if cached is not None:
        return cached
    crl = RevocationList.objects.filter(issuer__slug=slug).order_by("-number").first()
    if crl is None or crl.next_update <= timezone.now():
        return None
    if Certificate.objects.filter(issuer__slug=slug, revoked_at__gt=crl.this_update).exists():
        return None  # a revocation it does not list (its publication never came): a new one
    remember_crl(slug, crl)
    return bytes(crl.der), crl.next_update


# --- Certificate status (what OCSP answers) --------------------------------------------


@dataclass(frozen=True)
class StatusAnswer:
    status: str  # "good" | "revoked" | "unknown"
    revoked_at: datetime | None = None
    reason: str | None = None
    issuer_pk: int | None = None  # the CA that issued it (None: unknown, or cached before)


def status_cache_key(serial: int) -> str:
    return f"pki:status:{serial:X}"


def remember_status(certificate: Certificate, *, new: bool = False) -> StatusAnswer:
    """Cache the certificate's status and drop the answers signed about it before; a
    ``new`` one (just issued) has none, as an answer saying "unknown" is never kept."""
    if not new:
        forget_signed_answers(int(certificate.serial, 16))
    if certificate.revoked_at is not None:
        answer = StatusAnswer(
            "revoked",
            certificate.revoked_at,
            certificate.revocation_reason,
            issuer_pk=certificate.issuer_id,
        )
    else:
        answer = StatusAnswer("good", issuer_pk=certificate.issuer_id)
    cache.set(status_cache_key(int(certificate.serial, 16)), answer, STATUS_CACHE_SECONDS)
    return answer


def forget_status(certificate: Certificate) -> None:
    """The certificate is gone: OCSP answers 'unknown' for it from now on."""
    cache.delete(status_cache_key(int(certificate.serial, 16)))
    forget_signed_answers(int(certificate.serial, 16))


# --- Pre-signed OCSP answers (RFC 5019) ---------------------------------------------------
#
# A request without a nonce may get an answer signed a little earlier: it is kept for
# half its validity and dropped the moment the certificate's status changes. A request
# with a nonce (the bank's own checks) is always answered live. Each issuing CA's
# answers are kept under its own role, so one CA's answer is never given for the other.

SIGNED_ANSWER_HASHES = ("sha1", "sha224", "sha256", "sha384", "sha512")


def signed_answer_key(serial: int, hash_name: str, role: str = Role.ISSUING) -> str:
    prefix = "pki:ocsp-signed" if role == Role.ISSUING else f"pki:ocsp-signed-{role}"
    return f"{prefix}:{serial:X}:{hash_name}"


def forget_signed_answers(serial: int) -> None:
    cache.delete_many(
        [
            signed_answer_key(serial, name, role)
            for role in ISSUING_ROLES
            for name in SIGNED_ANSWER_HASHES
        ]
    )


def certificate_status(serial: int, cached: StatusAnswer | None = None) -> StatusAnswer:
    """good / revoked / unknown for a serial of our issuing CAs, cached (``cached``: read
    from the cache already by the caller); ``issuer_pk`` says which CA issued it."""
    answer = cached if cached is not None else cache.get(status_cache_key(serial))
    if answer is not None:
        return answer
    certificate = Certificate.objects.filter(serial=f"{serial:X}").first()
    if certificate is None:
        # Not cached: a serial someone guesses must not pin memory in the cache.
        return StatusAnswer("unknown")
    return remember_status(certificate)


def _issuer_asked(
    query: pki.OcspQuery, warm: dict
) -> tuple[str | None, StoredCa, pki.CertificateAuthority]:
    """The issuing CA whose name and key hashes ``query`` carries, with its role; for
    any other issuer no role, and the 공동인증서's CA, which answers "unknown"."""
    fallback = None
    for role, key in CA_CACHE_KEYS.items():
        try:
            stored, ca = issuing_ca(warm.get(key), role=role)
        except CaNotInitialized:
            if role == Role.ISSUING:
                raise
            continue  # the 금융인증서's CA not made yet (``init_ca`` makes it)
        if pki.issued_by(query, ca):
            return role, stored, ca
        fallback = fallback or (stored, ca)
    return None, *fallback


def ocsp_answer(query: pki.OcspQuery) -> bytes:
    """The responder's signed answer to ``query`` (the /pki/ocsp/ endpoint's, and the
    bank's own when it checks a certificate it is asked to trust), signed by the issuing
    CA the query names (the 공동인증서's or the 금융인증서's). Without a nonce, an answer
    about one of our certificates comes pre-signed from the cache."""
    certid = (query.issuer_name_hash, query.issuer_key_hash)
    presigned = query.nonce is None and query.hash_algorithm.name in SIGNED_ANSWER_HASHES
    if presigned:
        keys = [
            signed_answer_key(query.serial, query.hash_algorithm.name, r) for r in ISSUING_ROLES
        ]
        for signed in cache.get_many(keys).values():  # (the issuer's hashes, the answer)
            if signed[0] == certid:
                return signed[1]
    # Signed live: the CAs and the status in one cache round trip.
    status_key = status_cache_key(query.serial)
    warm = cache.get_many([*CA_CACHE_KEYS.values(), status_key])
    role, stored, issuer = _issuer_asked(query, warm)
    status = StatusAnswer("unknown")
    if role is not None:
        status = certificate_status(query.serial, warm.get(status_key))
        if status.issuer_pk not in (None, stored.pk):  # a serial of the other CA
            status = StatusAnswer("unknown")
    now = timezone.now()
    validity = timedelta(minutes=settings.PKI_OCSP_VALIDITY_MINUTES)
    answer = pki.build_response(
        query=query,
        issuer=issuer,
        status=status.status,
        this_update=now,
        next_update=now + validity,
        revoked_at=status.revoked_at,
        reason=status.reason,
    )
    if presigned and role is not None and status.status != "unknown":
        key = signed_answer_key(query.serial, query.hash_algorithm.name, role)
        cache.set(key, (certid, answer), max(int(validity.total_seconds()) // 2, 1))
    return answer
