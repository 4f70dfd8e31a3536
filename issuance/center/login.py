"""인증서 로그인: sign a fresh one-time challenge with the certificate (``signing``),
and log in as its holder when every check passes."""

import secrets
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.models import Customer
from issuance.center.signing import electronic_sign
from issuance.models import CenterEvent, Certificate, CertificateCopy
from portal.refusals import Refused

CHALLENGE_BYTES = 32
RESULT_KEY = "certificate_login_result"  # the result page's checks, in the session
LOGIN_BACKEND = "accounts.backends.LockingModelBackend"


@dataclass
class LoginResult:
    """Who logged in, and every check that was made, for the result page."""

    customer: Customer
    certificate: Certificate
    checks: list[str] = field(default_factory=list)


def new_challenge() -> bytes:
    return secrets.token_bytes(CHALLENGE_BYTES)


def certificate_login(
    *, copy: CertificateCopy, password: str, challenge: bytes, expected: Customer | None = None
) -> LoginResult:
    """Log in with ``copy`` and its password, or raise ``Refused``.

    ``expected`` is the customer already known to this browser (logged in, or
    identified in a flow); a certificate of anyone else is refused. Either way the
    attempt goes on the learner's trail (``CenterEvent``).
    """
    learner = expected or copy.certificate.customer
    try:
        signed = electronic_sign(
            copy=copy,
            password=password,
            data=challenge,
            signed_check=_("일회용 확인값에 전자서명하고, 인증서의 공개키로 서명을 검증했습니다."),
            expected=expected,
        )
    except Refused as exc:
        _record(learner, CenterEvent.Result.FAILED, exc.message, copy.certificate)
        raise
    _record(learner, CenterEvent.Result.OK, _("인증서 로그인 성공"), copy.certificate)
    return LoginResult(
        customer=signed.customer, certificate=signed.certificate, checks=signed.checks
    )


def _record(customer: Customer, result: str, message: str, certificate=None) -> None:
    CenterEvent.objects.create(
        customer=customer,
        action=CenterEvent.Action.LOGIN,
        result=result,
        message=str(message),
        certificate=certificate,
    )
