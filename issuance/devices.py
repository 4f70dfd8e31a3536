"""Which customers' certificates this browser's virtual PC and phone hold.

The virtual devices are the learner's browser: they hold the copies of the
customer logged in here and of every customer who saved a certificate in this
browser (kept in its Django session). Every area that lists or uses a copy asks
here, and checks a posted copy against this list on the server.

The virtual PC also remembers whether the bank's security programs are installed
(the 보안프로그램 설치 page, or the issuance flow's install step): a learner who
installs them ahead, as the real banks advise, passes that step at once.
"""

import time

from django.conf import settings

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
