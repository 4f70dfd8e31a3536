"""Which customers' certificates this browser's virtual PC and phone hold.

The virtual devices are the learner's browser: they hold the copies of the
customer logged in here and of every customer who saved a certificate in this
browser (kept in its Django session). Every area that lists or uses a copy asks
here, and checks a posted copy against this list on the server.

The 금융인증서 is not on a device: this browser is *connected* to a customer's cloud,
for its visit (after the SMS check, kept in its session) or with 자동연결 (a random key
in a cookie, its hash a ``CloudDevice`` row, listed under 연결된 기기).

The virtual PC also remembers whether the bank's security programs are installed
(the 보안프로그램 설치 page, or the issuance flow's install step): a learner who
installs them ahead, as the real banks advise, passes that step at once.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from issuance.models import CloudDevice, Scenario

DEVICE_KEY = "device_customers"


def device_customer_ids(request) -> list[int]:
    ids = list(request.session.get(DEVICE_KEY, []))
    if request.user.is_authenticated and request.user.pk not in ids:
        ids.append(request.user.pk)
    return ids


def remember_device_customer(request, customer_id: int) -> None:
    """A certificate was saved in this browser: its devices now hold that customer's copies."""
    ids = list(request.session.get(DEVICE_KEY, []))
    if customer_id not in ids:
        request.session[DEVICE_KEY] = [*ids, customer_id]


def forget_device_customer(request, customer_id) -> None:
    """A persona retired (a trainer's reset): this browser's devices no longer hold its
    certificates, so the new persona's 인증서 선택창 lists only its own."""
    ids = list(request.session.get(DEVICE_KEY, []))
    if customer_id in ids:
        request.session[DEVICE_KEY] = [pk for pk in ids if pk != customer_id]


# --- the virtual PC's security programs (보안프로그램) --------------------------------------

SECURITY_INSTALL_KEY = "security_install_started"
SECURITY_INSTALLED_KEY = "security_programs_installed"


def security_programs_installed(request) -> bool:
    """Whether this browser's virtual PC has the bank's security programs."""
    return bool(request.session.get(SECURITY_INSTALLED_KEY))


def remember_security_programs(request) -> None:
    request.session[SECURITY_INSTALLED_KEY] = True
    request.session.pop(SECURITY_INSTALL_KEY, None)


def security_install_start(request) -> None:
    request.session[SECURITY_INSTALL_KEY] = time.time()


def security_install_percent(request) -> int | None:
    """How far the install on the 보안프로그램 설치 page is, or None when none runs."""
    started = request.session.get(SECURITY_INSTALL_KEY)
    if started is None:
        return None
    elapsed = time.time() - float(started)
    return max(0, min(100, int(100 * elapsed / max(settings.INSTALL_SECONDS, 0.001))))


# --- the 금융인증서 cloud's connection (연결된 기기) ----------------------------------------------

CLOUD_SESSION_KEY = "cloud_connected"
CLOUD_COOKIE = "cloud_device"
CLOUD_COOKIE_DAYS = 365


def cloud_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _session_connections(request) -> dict[int, float]:
    """{customer id: when this visit connected} (old sessions kept a bare list of ids)."""
    kept = request.session.get(CLOUD_SESSION_KEY) or {}
    if isinstance(kept, list):
        return dict.fromkeys(kept, 0.0)
    return {int(pk): float(at) for pk, at in kept.items()}


def cloud_connected_ids(request) -> list[int]:
    """The customers whose 금융인증서 cloud this browser is connected to: for this visit,
    or by 자동연결 (a device row that 연결 해제 has not removed). A trainer's "새 기기
    연결" (the scenario's ``cloud_reset_at``) ends the connections made before it."""
    connected = _session_connections(request)
    key = request.COOKIES.get(CLOUD_COOKIE)
    if key:
        rows = CloudDevice.objects.filter(key_hash=cloud_key_hash(key))
        for pk, at in rows.values_list("customer_id", "connected_at"):
            connected.setdefault(pk, at.timestamp())
    if not connected:
        return []
    resets = dict(
        Scenario.objects.filter(customers__in=list(connected), cloud_reset_at__isnull=False)
        .order_by("pk")
        .values_list("customers", "cloud_reset_at")
    )
    return [pk for pk, at in connected.items() if pk not in resets or at > resets[pk].timestamp()]


def cloud_connect_here(request, customer_id: int, *, auto: bool = False, response=None) -> None:
    """Connect this browser to the customer's cloud; ``auto`` (자동연결) keeps it across
    visits: a device row, and the cookie set on ``response``."""
    connected = _session_connections(request)
    connected[customer_id] = time.time()
    request.session[CLOUD_SESSION_KEY] = {str(pk): at for pk, at in connected.items()}
    if not auto:
        return
    key = request.COOKIES.get(CLOUD_COOKIE) or secrets.token_urlsafe(24)
    CloudDevice.objects.update_or_create(
        customer_id=customer_id,
        key_hash=cloud_key_hash(key),
        defaults={"label": device_label(request), "last_used_at": timezone.now()},
    )
    if response is not None:
        response.set_cookie(
            CLOUD_COOKIE,
            key,
            max_age=CLOUD_COOKIE_DAYS * 86400,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )


CLOUD_PENDING_KEY = "cloud_pending"  # {"request": id, "customer": id, "auto": bool}


def cloud_pending_ids(request) -> list[int]:
    """The customer whose cloud this browser is connecting to (its SMS is on the way)."""
    pending = request.session.get(CLOUD_PENDING_KEY) or {}
    return [pending["customer"]] if pending.get("customer") else []


def cloud_disconnect_here(request, customer_id: int) -> None:
    """This visit's connection ends (a 자동연결 row stays until 연결 해제)."""
    connected = _session_connections(request)
    connected.pop(customer_id, None)
    request.session[CLOUD_SESSION_KEY] = {str(pk): at for pk, at in connected.items()}


def device_label(request) -> str:
    """The browser in a few words, as 연결된 기기 lists it ("Chrome · Windows PC")."""
    agent = request.headers.get("User-Agent", "")
    browser = next(
        (name for token, name in _BROWSERS if token in agent),
        gettext("브라우저"),
    )
    system = next((name for token, name in _SYSTEMS if token in agent), "PC")
    return f"{browser} · {system}"


_BROWSERS = (
    ("Edg/", "Edge"),
    ("Whale/", "Whale"),
    ("Chrome/", "Chrome"),
    ("Firefox/", "Firefox"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("Windows", "Windows PC"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux PC"),
)
