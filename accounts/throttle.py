"""Counting failed attempts that belong to no customer row: an unknown user ID at login
or at 사용자 확인, 아이디 조회, 인터넷뱅킹 가입 with data that matches nobody.

They are counted per client in the cache (Redis in a classroom, shared by every app
server) with the same N/5 as everything else: per browser (its address and its
session), and per address with ``ADDRESS_FACTOR`` times the threshold, so a client
that throws its cookies away is still held. At the limit the client waits out
``THROTTLE_MINUTES``: there is no customer to unlock it.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

ADDRESS_FACTOR = 4


@dataclass(frozen=True)
class Client:
    address: str
    browser: str

    def keys(self, purpose: str, detail: str) -> tuple[str, str]:
        """Cache keys of fixed form: what the client typed is hashed, never in a key."""
        browser = hashlib.sha256(f"{self.address}|{self.browser}|{detail}".encode()).hexdigest()
        address = hashlib.sha256(f"{self.address}|{detail}".encode()).hexdigest()
        return f"throttle:{purpose}:b:{browser}", f"throttle:{purpose}:a:{address}"


@dataclass(frozen=True)
class Attempts:
    failures: int  # this browser's
    threshold: int
    locked: bool


def client_address(request) -> str:
    """The client's address; behind a load balancer listed in ``TRUSTED_PROXIES``
    (scripts/cluster), the one it appended to X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.TRUSTED_PROXIES:
        return forwarded.split(",")[-1].strip()
    return remote


def client_of(request) -> Client:
    session = getattr(request, "session", None)
    browser = (session.session_key or "") if session is not None else ""
    return Client(client_address(request), browser)


def _read(client: Client, purpose: str, threshold: int, detail: str) -> Attempts:
    browser_key, address_key = client.keys(purpose, detail)
    counts = cache.get_many([browser_key, address_key])
    failures = counts.get(browser_key, 0)
    locked = failures >= threshold or counts.get(address_key, 0) >= threshold * ADDRESS_FACTOR
    return Attempts(failures, threshold, locked)


def attempts(client: Client, purpose: str, threshold: int, detail: str = "") -> Attempts:
    return _read(client, purpose, threshold, detail)


def attempt_failed(client: Client, purpose: str, threshold: int, detail: str = "") -> Attempts:
    """Count one failure; the window restarts with every failure."""
    timeout = settings.THROTTLE_MINUTES * 60
    for key in client.keys(purpose, detail):
        if not cache.add(key, 1, timeout):
            try:
                cache.incr(key)
            except ValueError:  # it expired between add and incr
                cache.add(key, 1, timeout)
            cache.touch(key, timeout)
    return _read(client, purpose, threshold, detail)


def attempts_clear(client: Client, purpose: str, detail: str = "") -> None:
    cache.delete(client.keys(purpose, detail)[0])
