"""What the flow says to the learner, in the bank's words (and on the event trail).

Fixed messages are lazy translations; messages with numbers are functions.
"""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# --- 1. 발급 전 확인 ---------------------------------------------------------------------
NO_ACCOUNT = _("계좌가 없으면 발급할 수 없습니다. 영업점에서 계좌를 먼저 개설하세요.")
NOT_A_MEMBER = _("인터넷뱅킹 가입 고객만 발급할 수 있습니다. 인터넷뱅킹에 먼저 가입하세요.")
NO_SECURITY_MEDIUM = _(
    "보안매체(보안카드 또는 모바일 인증 앱)가 없어 발급할 수 없습니다. "
    "영업점에서 보안카드를 받거나, 휴대전화에 은행 앱을 설치해 모바일 인증을 등록한 뒤 "
    "다시 발급하세요."
)
PREREQUISITES_OK = _("발급 전 확인 완료")

# --- 2. 보안프로그램 설치 -------------------------------------------------------------------
INSTALL_FAILED = _(
    "보안프로그램 설치 중 오류가 발생했습니다. '다시 설치'를 누르면 설치 파일을 '저장'한 뒤 "
    "'실행'하는 방식으로 다시 설치합니다."
)
INSTALL_OK = _("보안프로그램 설치 완료")
INSTALL_CONFIRMED = _("미리 설치한 보안프로그램 확인 완료")

# --- 3. 사용자 확인 -----------------------------------------------------------------------


def identify_refused(result, *, by_client: bool = False) -> str:
    """N/5, or the lock: a customer's is undone by 오류 해제, a client's by waiting."""
    if not result.locked:
        return gettext("입력하신 정보가 일치하지 않습니다 (%(failures)d/%(threshold)d회)") % {
            "failures": result.failures,
            "threshold": result.threshold,
        }
    if by_client:
        return gettext(
            "입력하신 정보가 %(threshold)d회 일치하지 않아 사용자 확인이 잠겼습니다. "
            "%(minutes)d분 뒤에 다시 시도하세요."
        ) % {"threshold": result.threshold, "minutes": settings.THROTTLE_MINUTES}
    return gettext(
        "입력하신 정보가 %(threshold)d회 일치하지 않아 사용자 확인이 잠겼습니다. "
        "영업점 또는 강사에게 오류 해제를 요청하세요."
    ) % {"threshold": result.threshold}


def identify_not_yourself(name: str, result) -> str:
    if result.locked:
        return identify_refused(result)
    return gettext(
        "로그인한 %(name)s 고객 본인의 사용자 ID와 주민등록번호를 입력하세요 "
        "(%(failures)d/%(threshold)d회)"
    ) % {"name": name, "failures": result.failures, "threshold": result.threshold}


def identified(name: str) -> str:
    return gettext("%(name)s 고객 확인") % {"name": name}


# --- 4. 약관 / 인증서 종류 ------------------------------------------------------------------
CHOOSE_CERT_TYPE = _("인증서 종류를 선택하세요.")


def terms_accepted(cert_type: str) -> str:
    return gettext("약관 동의, %(cert_type)s 선택") % {"cert_type": cert_type}


# --- 5. ARS ------------------------------------------------------------------------------
CHOOSE_REGISTERED_PHONE = _("등록된 전화번호를 선택하세요.")
ALREADY_CALLING = _("이미 전화를 걸었습니다. 휴대전화에서 전화를 받으세요.")
ARS_OK = _("ARS 인증 완료")


def ars_called(masked_number: str) -> str:
    return gettext("%(number)s로 ARS 전화 발신") % {"number": masked_number}


def ars_wrong_digits(failures: int, threshold: int) -> str:
    return gettext("입력하신 번호가 일치하지 않습니다 (%(failures)d/%(threshold)d회)") % {
        "failures": failures,
        "threshold": threshold,
    }


def ars_missed(failures: int, threshold: int) -> str:
    return gettext("전화를 받지 않아 시간이 초과되었습니다 (%(failures)d/%(threshold)d회)") % {
        "failures": failures,
        "threshold": threshold,
    }


def ars_locked(threshold: int) -> str:
    return gettext(
        "ARS 인증을 %(threshold)d회 실패하여 잠겼습니다. "
        "영업점 또는 강사에게 오류 해제를 요청하세요."
    ) % {"threshold": threshold}


def ars_stopped(threshold: int) -> str:
    return gettext("ARS 인증을 %(threshold)d회 실패하여 발급이 중단되었습니다.") % {
        "threshold": threshold
    }


# --- 6. 보안매체 확인 ----------------------------------------------------------------------
NOT_YOUR_ACCOUNT = _("본인 명의의 계좌를 선택하세요.")
NOT_A_WITHDRAWAL_ACCOUNT = _(
    "인터넷뱅킹 출금계좌로 등록되지 않은 계좌입니다. 출금계좌로 등록된 계좌를 선택하세요."
)
MEDIUM_OK = _("보안매체 확인 완료")


def balance_too_low_for_fee(fee: int) -> str:
    return gettext(
        "잔액이 부족합니다. 범용 인증서 수수료 %(fee)s원을 출금할 수 있는 계좌를 선택하세요."
    ) % {"fee": f"{fee:,}"}


def _refused(result, *, wrong: str, locked: str) -> str:
    """ "계좌비밀번호가 올바르지 않습니다 (2/5회)", or the lock once at the limit.

    Whole sentences per secret (no fragments glued together), so a translation can
    follow its own word order.
    """
    if result.locked:
        return locked % {"threshold": result.threshold}
    return wrong % {"failures": result.failures, "threshold": result.threshold}


def account_pin_refused(result) -> str:
    return _refused(
        result,
        wrong=gettext("계좌비밀번호가 올바르지 않습니다 (%(failures)d/%(threshold)d회)"),
        locked=gettext(
            "계좌비밀번호를 %(threshold)d회 잘못 입력하여 잠겼습니다. "
            "영업점 또는 강사에게 오류 해제를 요청하세요."
        ),
    )


def security_card_refused(result) -> str:
    return _refused(
        result,
        wrong=gettext("보안카드 번호가 올바르지 않습니다 (%(failures)d/%(threshold)d회)"),
        locked=gettext(
            "보안카드 번호를 %(threshold)d회 잘못 입력하여 잠겼습니다. "
            "영업점 또는 강사에게 오류 해제를 요청하세요."
        ),
    )


def app_pin_refused(result) -> str:
    return _refused(
        result,
        wrong=gettext("PIN이 올바르지 않습니다 (%(failures)d/%(threshold)d회)"),
        locked=gettext(
            "PIN을 %(threshold)d회 잘못 입력하여 잠겼습니다. "
            "영업점 또는 강사에게 오류 해제를 요청하세요."
        ),
    )


# --- 7. 모바일 인증 ------------------------------------------------------------------------
PUSH_SENT = _("모바일 앱으로 인증 요청 발송")
PUSH_RESENT = _("모바일 앱으로 인증 요청 재발송")
APP_UPDATED = _("모바일 앱을 최신 버전으로 업데이트")
PUSH_APPROVED = _("모바일 인증 승인")
PUSH_DENIED = _("모바일 앱에서 인증을 거부하여 인증서 발급이 중단되었습니다.")

# --- 8-9. 저장 위치, 인증서 암호, 발급 ------------------------------------------------------
CHOOSE_MEDIUM = _("저장 위치를 선택하세요.")
MEDIUM_ABSENT = _("선택한 저장매체가 없습니다. 저장매체를 연결하거나 다른 저장 위치를 선택하세요.")
PASSWORDS_DIFFER = _("인증서 암호가 서로 다릅니다. 다시 확인하세요.")
FEE_DESCRIPTION = _("공동인증서 발급 수수료(범용)")
FEE_NOT_WITHDRAWN = _("잔액이 부족하여 수수료를 출금할 수 없습니다.")


def issued(serial: str, *, reissued: bool) -> str:
    if reissued:
        return gettext("인증서 재발급 완료 (일련번호 %(serial)s)") % {"serial": serial}
    return gettext("인증서 발급 완료 (일련번호 %(serial)s)") % {"serial": serial}


# --- 아이디 조회 --------------------------------------------------------------------------


def user_id_not_found(attempts) -> str:
    return gettext(
        "입력하신 정보와 일치하는 사용자 ID가 없습니다 (%(failures)d/%(threshold)d회)"
    ) % {"failures": attempts.failures, "threshold": attempts.threshold}


def find_id_locked(threshold: int) -> str:
    return gettext(
        "아이디 조회를 %(threshold)d회 실패하여 잠시 이용할 수 없습니다. "
        "%(minutes)d분 뒤에 다시 시도하거나 영업점에 문의하세요."
    ) % {"threshold": threshold, "minutes": settings.THROTTLE_MINUTES}


# --- 금융인증서 ------------------------------------------------------------------------------
FINANCE_STARTED = _("금융인증서 발급 시작")
FINANCE_TERMS_ACCEPTED = _("금융인증서비스 이용약관·개인정보 제3자 제공 동의")
FINANCE_TERMS_REQUIRED = _("필수 약관에 모두 동의해야 금융인증서를 발급할 수 있습니다.")
SMS_OK = _("클라우드 연결 완료 (문자 확인)")
PINS_DIFFER = _("비밀번호가 서로 다릅니다. 같은 6자리를 두 번 입력하세요.")


def sms_sent(masked_number: str) -> str:
    return gettext("%(number)s로 클라우드 연결 문자 발송") % {"number": masked_number}


def sms_wrong_digits(failures: int, threshold: int) -> str:
    return gettext(
        "문자로 보낸 숫자가 화면의 숫자와 다릅니다 (%(failures)d/%(threshold)d회). "
        "'문자 다시 받기'를 누르세요."
    ) % {"failures": failures, "threshold": threshold}


def sms_expired(failures: int, threshold: int) -> str:
    return gettext(
        "제한 시간 안에 문자 답장이 없었습니다 (%(failures)d/%(threshold)d회). "
        "휴대폰번호를 확인하고 '문자 다시 받기'를 누르세요."
    ) % {"failures": failures, "threshold": threshold}


def sms_locked(threshold: int) -> str:
    return gettext(
        "클라우드 연결 문자 인증을 %(threshold)d회 실패하여 발급이 중단되었습니다. "
        "강사에게 오류 해제를 요청하세요."
    ) % {"threshold": threshold}


def finance_issued(serial: str, *, reissued: bool) -> str:
    if reissued:
        return gettext("금융인증서 재발급 완료 (일련번호 %(serial)s)") % {"serial": serial}
    return gettext("금융인증서 발급 완료 (일련번호 %(serial)s)") % {"serial": serial}
