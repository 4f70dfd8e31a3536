"""보안토큰 PIN in the 인증서 선택창: a 보안토큰 (HSM) has its own PIN, apart from the
certificate password, and the dialog asks for it before it shows what the token holds,
as the real dialog does. The first time, the learner sets it (8 digits, twice); after
that each opening asks for it (N/5 on the token, then locked until 오류 해제). Opened,
the token stays open in this browser for ``TOKEN_OPEN_SECONDS``.

Which token: the one holding the certificates the dialog would list (a 보안토큰 is
plugged into the PC with its holder's certificates on it).
"""

import time

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.services import secret_verify
from issuance.models import SecurityToken
from portal.refusals import Refused

OPEN_KEY = "security_token_open"  # {customer id: until (epoch seconds)}
TOKEN_OPEN_SECONDS = 600
TOKEN_PIN_DIGITS = 8


def token_is_open(request, customer_id: int) -> bool:
    until = request.session.get(OPEN_KEY, {}).get(str(customer_id), 0)
    return until > time.time()


def _open(request, customer_id: int) -> None:
    opened = request.session.get(OPEN_KEY, {})
    opened[str(customer_id)] = time.time() + TOKEN_OPEN_SECONDS
    request.session[OPEN_KEY] = opened


def token_pin_set(request, *, customer_id: int, pin: str, confirm: str) -> SecurityToken:
    """The token's first use: its PIN, typed twice. Then it is open."""
    if pin != confirm:
        raise Refused(
            _("보안토큰 PIN이 서로 다릅니다. 같은 번호를 두 번 입력하세요."), field="pin_confirm"
        )
    token = SecurityToken(customer_id=customer_id)
    token.set_pin(pin)
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError:  # set a moment ago in another tab: enter it instead
        raise Refused(_("보안토큰 PIN이 이미 정해져 있습니다. 그 PIN을 입력하세요.")) from None
    _open(request, customer_id)
    return token


def token_pin_enter(request, *, token: SecurityToken, pin: str) -> None:
    """The token's PIN, counted; right, the token is open in this browser."""
    check = secret_verify(medium=token, check=lambda t: t.pin_matches(pin))
    if check.locked:
        raise Refused(
            _(
                "보안토큰 PIN을 %(threshold)d회 잘못 입력하여 보안토큰이 잠겼습니다. "
                "영업점 또는 관리자(강사)에게 오류 해제를 요청하세요."
            )
            % {"threshold": check.threshold},
            field="pin",
        )
    if not check.ok:
        raise Refused(
            _("보안토큰 PIN이 올바르지 않습니다 (%(failures)d/%(threshold)d회).")
            % {"failures": check.failures, "threshold": check.threshold},
            field="pin",
        )
    _open(request, token.customer_id)
