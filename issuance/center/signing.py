"""전자서명: the server playing the security program's part, and the bank checking it.

``electronic_sign`` does what NPKI client software and the bank do together
whenever a page asks for the certificate (인증서 로그인, a signed 이체): decrypt
``signPri.key`` with the password (counted, N/5), sign the data with the key,
verify the signature with the certificate, ask the OCSP responder for the
certificate's status (a real request and a signed answer, checked as a client
must), check its dates, and check its VID against the customer's 주민등록번호.
The private key exists only in memory, only for this call.
"""

import secrets
from dataclasses import dataclass, field

from cryptography import x509
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Customer
from issuance import pki
from issuance.ca import authority
from issuance.ca.keystores import copy_open, medium_rules
from issuance.choices import SecretKind
from issuance.models import (
    Certificate,
    CertificateCopy,
    CertificateRegistration,
    CertificateType,
)
from issuance.pki_messages import pki_error_message
from portal.refusals import Refused


def refused(code: str, message) -> Refused:
    """A check failed: above the form (the password's own refusals come from
    ``copy_open``, beside the password)."""
    return Refused(message, code=code)


@dataclass
class Signed:
    """A verified signature, and every check that was made (shown to the learner)."""

    customer: Customer
    certificate: Certificate
    signature: bytes
    ocsp: pki.OcspAnswer
    checks: list[str] = field(default_factory=list)


def ocsp_check(cert: x509.Certificate, *, issuer: x509.Certificate) -> pki.OcspAnswer:
    """Ask the CA's OCSP responder about ``cert`` (signed by ``issuer``, the issuing CA's
    certificate), with a fresh nonce, and check the answer (signed by that CA)."""
    nonce = secrets.token_bytes(16)
    request = pki.ocsp_request(cert, issuer, nonce)
    answer = authority.ocsp_answer(pki.parse_request(request))
    return pki.read_ocsp_response(answer, cert=cert, issuer=issuer, nonce=nonce)


def electronic_sign(
    *,
    copy: CertificateCopy,
    password: str,
    data: bytes,
    signed_check: str,
    expected: Customer | None = None,
    registration_required: bool = True,
) -> Signed:
    """Sign ``data`` with ``copy`` and check everything, or raise ``Refused`` (with the
    code of the check that failed: "wrong_password", "locked", "revoked", "expired",
    "not_yours", "unregistered", …).

    ``signed_check`` is the checks' line for what was signed ("이체 내용에 전자서명하고, …").

    ``expected`` is the customer this browser already knows (logged in, or
    identified in a flow); a certificate of anyone else is refused. Another bank's
    certificate is refused until its holder registered it here (타기관 인증서 등록,
    which signs with ``registration_required=False``).
    """
    certificate = copy.certificate
    try:
        contents = copy_open(copy, password)
    except pki.DamagedKeyFileError as exc:
        raise refused("damaged", pki_error_message(exc)) from None
    checks = [_opened(copy)]

    cert = x509.load_der_x509_certificate(bytes(certificate.der))
    signature = pki.sign(contents.private_key, data)
    if not pki.signature_valid(cert, data, signature):
        raise refused(
            "signature", _("전자서명 검증에 실패했습니다. 인증서와 개인키가 맞지 않습니다.")
        )
    checks.append(signed_check)

    answer = _status(certificate, cert)
    _dates(certificate)
    checks.append(_("인증서 상태(OCSP 응답: 정상)와 유효기간을 확인했습니다."))

    owner = expected or certificate.customer
    checks.append(_identity(copy, cert, contents, owner))
    if not certificate.issued_here and registration_required:
        checks.append(_registered(certificate, owner))
    return Signed(
        customer=owner, certificate=certificate, signature=signature, ocsp=answer, checks=checks
    )


def _status(certificate: Certificate, cert: x509.Certificate) -> pki.OcspAnswer:
    """The certificate's status, asked of its own issuing CA (the 공동인증서's or the
    금융인증서's)."""
    _stored, issuer = authority.ca_for(certificate)
    try:
        answer = ocsp_check(cert, issuer=issuer.certificate)
    except pki.OcspAnswerInvalid:
        raise refused(
            "ocsp", _("인증서 상태를 확인할 수 없습니다. 잠시 후 다시 시도하세요.")
        ) from None
    if answer.status == "revoked":
        raise refused("revoked", _("폐지된 인증서입니다. 재발급받은 새 인증서로 다시 시도하세요."))
    if answer.status != "good":
        raise refused("unknown", _("이 은행에서 확인할 수 없는 인증서입니다."))
    return answer


def _opened(copy: CertificateCopy) -> str:
    if medium_rules(copy).secret == SecretKind.PIN:
        return _(
            "금융결제원 클라우드에서 금융인증서 비밀번호(6자리)를 확인하고 클라우드에 보관된 "
            "개인키로 서명했습니다."
        )
    return _("인증서 암호로 개인키(signPri.key)를 열었습니다.")


def _dates(certificate: Certificate) -> None:
    now = timezone.now()
    if certificate.not_after < now:
        day = f"{timezone.localtime(certificate.not_after):%Y-%m-%d}"
        raise refused(
            "expired",
            _("만료된 인증서입니다 (만료일 %(day)s). 인증서를 새로 발급받으세요.") % {"day": day},
        )
    if certificate.not_before > now:
        raise refused("not_yet_valid", _("아직 사용할 수 없는 인증서입니다."))


def _registered(certificate: Certificate, owner: Customer) -> str:
    registered = CertificateRegistration.objects.filter(certificate=certificate, customer=owner)
    if not registered.exists() and certificate.cert_type == CertificateType.FINANCE:
        raise refused(
            "unregistered",
            _(
                "다른 은행에서 발급받은 금융인증서입니다. 금융인증서는 모든 은행에서 쓰는 하나의 "
                "인증서이니 다시 발급받지 말고 '타기관 인증서 등록'에서 등록만 하세요."
            ),
        )
    if not registered.exists():
        raise refused(
            "unregistered",
            _(
                "다른 은행에서 발급받은 인증서입니다. 인증센터의 '타기관 인증서 등록'에서 "
                "먼저 등록한 뒤 이용하세요."
            ),
        )
    return _("다른 은행에서 발급받아 이 은행에 등록한 인증서입니다 (타기관 인증서 등록).")


def _not_yours() -> Refused:
    return refused("not_yours", _("다른 사람의 인증서입니다. 본인 명의의 인증서를 선택하세요."))


def _identity(copy, cert, contents, owner: Customer) -> str:
    """본인확인: the VID against the 주민등록번호, or, for a key file without R (one
    imported from a .p12), the bank's own record of whose certificate it is."""
    if contents.random_num:
        if not owner.rrn or not pki.vid_matches(cert, owner.rrn, contents.random_num):
            raise _not_yours()
        return _("인증서의 VID가 고객님의 주민등록번호와 일치합니다 (본인확인).")
    if copy.certificate.customer_id != owner.pk:
        raise _not_yours()
    return _("은행에 등록된 인증서 정보로 본인을 확인했습니다 (파일에 VID 확인 값 없음).")
