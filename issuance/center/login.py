"""인증서 로그인: the server playing the security program's part.

``certificate_login`` does what NPKI client software and the bank do together:
decrypt ``signPri.key`` with the password (counted, N/5), sign a fresh one-time
challenge, verify the signature with the certificate, check the certificate's
status (the same data the OCSP responder answers from) and its dates, and check
its VID against the customer's 주민등록번호. The private key exists only in memory,
only for this call.
"""

import secrets
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.utils import timezone

from accounts.models import Customer
from issuance import pki
from issuance.ca import authority
from issuance.ca.exports import CopyRefused, copy_open
from issuance.models import CenterEvent, Certificate, CertificateCopy

CHALLENGE_BYTES = 32


class CertificateLoginError(Exception):
    """A refusal the learner reads (Korean), with a short code for tests and logs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class LoginResult:
    """Who logged in, and every check that was made, for the 인증서 테스트 page."""

    customer: Customer
    certificate: Certificate
    checks: list[str] = field(default_factory=list)


def new_challenge() -> bytes:
    return secrets.token_bytes(CHALLENGE_BYTES)


def certificate_login(
    *, copy: CertificateCopy, password: str, challenge: bytes, expected: Customer | None = None
) -> LoginResult:
    """Log in with ``copy`` and its password, or raise ``CertificateLoginError``.

    ``expected`` is the customer already known to this browser (logged in, or
    identified in a flow); a certificate of anyone else is refused. Either way the
    attempt goes on the learner's trail (``CenterEvent``).
    """
    learner = expected or copy.certificate.customer
    try:
        result = _certificate_login(
            copy=copy, password=password, challenge=challenge, expected=expected
        )
    except CertificateLoginError as exc:
        _record(learner, CenterEvent.Result.FAILED, exc.message)
        raise
    _record(learner, CenterEvent.Result.OK, "인증서 로그인 성공")
    return result


def _record(customer: Customer, result: str, message: str) -> None:
    CenterEvent.objects.create(
        customer=customer, action=CenterEvent.Action.LOGIN, result=result, message=str(message)
    )


def _certificate_login(
    *, copy: CertificateCopy, password: str, challenge: bytes, expected: Customer | None
) -> LoginResult:
    certificate = copy.certificate
    try:
        contents = copy_open(copy, password)
    except pki.DamagedKeyFileError as exc:
        raise CertificateLoginError("damaged", exc.args[0] if exc.args else str(exc)) from None
    except CopyRefused as refused:
        code = "locked" if refused.check.locked else "wrong_password"
        raise CertificateLoginError(code, refused.message) from None
    checks = ["인증서 암호로 개인키(signPri.key)를 열었습니다."]

    cert = x509.load_der_x509_certificate(bytes(certificate.der))
    signature = contents.private_key.sign(challenge, padding.PKCS1v15(), hashes.SHA256())
    try:
        cert.public_key().verify(signature, challenge, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise CertificateLoginError(
            "signature", "전자서명 검증에 실패했습니다. 인증서와 개인키가 맞지 않습니다."
        ) from None
    checks.append("일회용 확인값에 전자서명하고, 인증서의 공개키로 서명을 검증했습니다.")

    status = authority.certificate_status(cert.serial_number)
    if status.status == "revoked":
        raise CertificateLoginError(
            "revoked",
            "폐지된 인증서입니다. 재발급받은 새 인증서로 다시 시도하세요.",
        )
    if status.status != "good":
        raise CertificateLoginError("unknown", "이 은행에서 확인할 수 없는 인증서입니다.")
    now = timezone.now()
    if certificate.not_after < now:
        raise CertificateLoginError(
            "expired",
            f"만료된 인증서입니다 (만료일 {timezone.localtime(certificate.not_after):%Y-%m-%d}). "
            "인증서를 새로 발급받으세요.",
        )
    if certificate.not_before > now:
        raise CertificateLoginError("not_yet_valid", "아직 사용할 수 없는 인증서입니다.")
    checks.append("인증서 상태(OCSP)와 유효기간을 확인했습니다: 정상.")

    owner = expected or certificate.customer
    if contents.random_num:
        if not owner.rrn or not pki.vid_matches(cert, owner.rrn, contents.random_num):
            raise CertificateLoginError(
                "not_yours", "다른 사람의 인증서입니다. 본인 명의의 인증서를 선택하세요."
            )
        checks.append("인증서의 VID가 고객님의 주민등록번호와 일치합니다 (본인확인).")
    else:
        # A key file without R (one imported from a .p12): the VID cannot be checked;
        # the bank's own record of whose certificate this is decides.
        if certificate.customer_id != owner.pk:
            raise CertificateLoginError(
                "not_yours", "다른 사람의 인증서입니다. 본인 명의의 인증서를 선택하세요."
            )
        checks.append("은행에 등록된 인증서 정보로 본인을 확인했습니다 (파일에 VID 확인 값 없음).")
    return LoginResult(customer=owner, certificate=certificate, checks=checks)
