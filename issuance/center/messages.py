"""What the certificate centre says to the learner (and on the trail)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DAMAGED_KEY_FILE = _("인증서 파일(signPri.key)이 손상되어 열 수 없습니다. 인증서를 재발급하세요.")
PASSWORDS_DIFFER = _("새 인증서 암호가 서로 다릅니다. 다시 확인하세요.")
SAME_PASSWORD = _("새 암호가 현재 암호와 같습니다. 다른 암호를 정하세요.")
PASSWORD_CHANGED = _("인증서 암호를 변경했습니다.")
ALREADY_REVOKED = _("이미 폐지된 인증서입니다.")

UPLOAD_DAMAGED = _(
    "파일을 읽을 수 없습니다. 손상되지 않은 NPKI 폴더(zip) 또는 .p12 파일을 선택하세요."
)
UPLOAD_TOO_LARGE = _(
    "압축을 풀면 너무 크거나 들어 있는 파일이 너무 많아 열지 않았습니다. 인증서 파일"
    "(signCert.der, signPri.key)만 담긴 NPKI 폴더 zip을 선택하세요."
)
UPLOAD_WRONG_PASSWORD = _("인증서 암호가 올바르지 않아 파일을 열 수 없습니다.")
UPLOAD_KEY_MISMATCH = _("인증서와 개인키가 맞지 않는 파일입니다.")
UPLOAD_NOT_OURS = _(
    "이 연습 포털의 모의 인증기관이 발급한 인증서가 아닙니다. 연습에서 발급받은 "
    "인증서 파일을 선택하세요."
)
UPLOAD_NOT_YOURS = _("다른 사람의 인증서입니다. 본인 명의의 인증서 파일을 선택하세요.")

SECURITY_INSTALLED = _(
    "보안프로그램 설치를 마쳤습니다. 이제 인증서 발급과 사용에서 설치 단계를 건너뜁니다."
)

RENEW_REVOKED = _("폐지된 인증서는 갱신할 수 없습니다. 새로 발급받으세요.")
RENEW_EXPIRED = _("만료된 인증서는 갱신할 수 없습니다. 공동인증서를 새로 발급받으세요.")


def local_day(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}"


def renew_too_early(window_opens) -> str:
    return gettext("갱신 기간이 아닙니다 (만료 30일 전부터). %(day)s부터 갱신할 수 있습니다.") % {
        "day": local_day(window_opens)
    }


def revoked(serial: str) -> str:
    return gettext("인증서를 폐지했습니다 (일련번호 %(serial)s)") % {"serial": serial}


def imported(serial: str) -> str:
    return gettext("인증서를 가져왔습니다 (일련번호 %(serial)s)") % {"serial": serial}


def renewed(serial: str, not_after) -> str:
    return gettext("인증서를 갱신했습니다 (일련번호 %(serial)s, 만료일 %(day)s)") % {
        "serial": serial,
        "day": local_day(not_after),
    }


def exported(kind: str) -> str:
    return gettext("인증서를 내보냈습니다 (%(kind)s)") % {"kind": kind}


# --- 스마트폰 인증서 복사 and the phone's requests -------------------------------------------

COPY_CODE_GONE = _("이 인증번호는 이미 처리되었거나 취소되었습니다. 인증번호를 다시 받으세요.")
COPY_NO_CODE = _(
    "인증번호를 받는 기기에서 먼저 '인증번호 받기'를 누르세요. 받은 인증번호 12자리를 이곳에 "
    "입력합니다."
)
COPY_CHOOSE_MEDIUM = _("인증서를 저장할 곳(하드디스크 또는 이동식디스크)을 선택하세요.")
COPY_NO_CERTIFICATE = _("복사할 인증서를 선택하세요.")
COPY_NOT_VALID = _("유효한 인증서만 복사할 수 있습니다 (폐지되었거나 만료된 인증서).")
NOTHING_TO_APPROVE = _("처리할 승인 요청이 없습니다.")
APPROVAL_EXPIRED = _("승인 요청 시간(3분)이 지났습니다. 은행 화면에서 '다시 요청'을 누르세요.")
NO_APP = _("이 휴대전화에 은행 앱이 등록되어 있지 않습니다.")
NO_CUSTOMER = _("이 기기에 연결된 고객이 없습니다. 먼저 로그인하세요.")


def copy_code_expired(minutes: int) -> str:
    return gettext(
        "인증번호 유효시간(%(minutes)d분)이 지났습니다. 인증번호를 다시 받아 입력하세요."
    ) % {"minutes": minutes}


def copy_code_wrong(failures: int, threshold: int) -> str:
    return gettext(
        "인증번호가 일치하지 않습니다 (%(n)d/%(max)d회). 받는 기기에 표시된 12자리를 확인하세요."
    ) % {"n": failures, "max": threshold}


def copy_code_locked(threshold: int) -> str:
    return gettext(
        "인증번호를 %(max)d회 잘못 입력하여 이 인증번호는 더 쓸 수 없습니다. "
        "인증번호를 다시 받으세요."
    ) % {"max": threshold}


def copied(direction: str) -> str:
    return gettext("인증서를 복사했습니다 (%(direction)s)") % {"direction": direction}


def app_pin_wrong(failures: int, threshold: int) -> str:
    return gettext("앱 PIN이 올바르지 않습니다 (%(n)d/%(max)d회).") % {
        "n": failures,
        "max": threshold,
    }


def app_pin_locked(threshold: int) -> str:
    return gettext(
        "앱 PIN을 %(max)d회 잘못 입력하여 앱 인증이 잠겼습니다. 영업점에서 오류 해제를 받으세요."
    ) % {"max": threshold}


# --- 타기관 인증서 등록 ---------------------------------------------------------------------

ARS_CALL_OVER = _("통화가 종료되었습니다. 은행 화면에서 '다시 전화 받기'를 누르세요.")
REGISTER_START_AGAIN = _("등록 절차가 끝났거나 시간이 지났습니다. 처음부터 다시 진행하세요.")
REGISTER_NOTHING_HERE = _(
    "이 PC에 등록할 다른 은행의 인증서가 없습니다. 인증서 파일이 있다면 '인증서 관리'의 "
    "가져오기로 이 PC에 먼저 옮기세요."
)
REGISTER_ISSUED_HERE = _("이 은행에서 발급한 인증서는 등록하지 않아도 바로 쓸 수 있습니다.")
REGISTER_ALREADY = _("이미 이 은행에 등록된 인증서입니다. 인증서 로그인에서 바로 쓸 수 있습니다.")
REGISTER_NOT_YOURS = _(
    "입력하신 사용자 ID의 고객 명의 인증서가 아닙니다. 본인 명의의 인증서를 선택하세요."
)
REGISTER_CALL_FAILED = _("ARS 인증이 완료되지 않았습니다. '다시 전화 받기'를 누르세요.")


def ars_wrong(failures: int, threshold: int) -> str:
    return gettext(
        "번호가 일치하지 않습니다 (%(n)d/%(max)d회). 은행 화면에 표시된 2자리를 누르세요."
    ) % {"n": failures, "max": threshold}


def ars_locked(threshold: int) -> str:
    return gettext(
        "ARS 인증을 %(max)d회 잘못 입력하여 잠겼습니다. 영업점 또는 강사에게 오류 해제를 "
        "요청하세요."
    ) % {"max": threshold}


def identify_refused(failures: int, threshold: int, locked: bool, *, by_client: bool) -> str:
    """사용자 ID + 주민등록번호 that do not match: N/5, or the lock."""
    if not locked:
        return gettext("입력하신 정보가 일치하지 않습니다 (%(n)d/%(max)d회)") % {
            "n": failures,
            "max": threshold,
        }
    if by_client:
        return gettext(
            "입력하신 정보가 %(max)d회 일치하지 않아 사용자 확인이 잠겼습니다. "
            "%(minutes)d분 뒤에 다시 시도하세요."
        ) % {"max": threshold, "minutes": settings.THROTTLE_MINUTES}
    return gettext(
        "입력하신 정보가 %(max)d회 일치하지 않아 사용자 확인이 잠겼습니다. "
        "영업점 또는 강사에게 오류 해제를 요청하세요."
    ) % {"max": threshold}


def identify_not_yourself(name: str) -> str:
    return gettext(
        "%(name)s님으로 로그인되어 있습니다. 본인의 사용자 ID와 주민등록번호를 입력하세요."
    ) % {"name": name}


def registered(serial: str, bank: str) -> str:
    return gettext("타기관 인증서를 등록했습니다 (%(bank)s, 일련번호 %(serial)s)") % {
        "bank": bank,
        "serial": serial,
    }


def deregistered(serial: str, bank: str) -> str:
    return gettext(
        "타기관 인증서 등록을 해제했습니다 (%(bank)s, 일련번호 %(serial)s). "
        "이 은행에서 다시 쓰려면 다시 등록하세요."
    ) % {"bank": bank, "serial": serial}


def copied_to(source: str, target: str) -> str:
    return gettext("인증서를 복사했습니다 (%(source)s → %(target)s).") % {
        "source": source,
        "target": target,
    }


def deleted_from(medium: str) -> str:
    return gettext(
        "%(medium)s의 인증서를 삭제했습니다. 다른 저장매체의 같은 인증서는 그대로 있습니다."
    ) % {"medium": medium}


COPY_FROM_TOKEN = _("보안토큰에 저장된 인증서는 다른 저장매체로 복사할 수 없습니다.")
COPY_SAME_MEDIUM = _("인증서가 있는 저장매체와 다른, 이 PC의 저장매체를 선택하세요.")
COPY_MEDIUM_ABSENT = _("선택한 저장매체가 없습니다. 저장매체를 연결하거나 다른 곳을 선택하세요.")
COPY_ALREADY_THERE = _("선택한 저장매체에 이미 같은 인증서가 있습니다.")

DEREGISTER_NOT_REGISTERED = _("이 은행에 등록된 타기관 인증서가 아닙니다.")

CHALLENGE_REFUSED = _(
    "화면이 오래되었거나 이미 사용한 확인 값입니다. 인증서를 다시 선택하고 암호를 입력하세요."
)


# --- 금융인증서: the cloud's connection and login -------------------------------------------
SMS_OVER = _("이미 처리되었거나 시간이 지난 문자입니다. 은행 화면에서 다시 요청하세요.")
CLOUD_NOT_FOUND = _(
    "입력한 이름·휴대폰번호·생년월일로 금융인증서 클라우드를 찾을 수 없습니다. "
    "금융인증서를 발급받았는지, 입력한 정보가 맞는지 확인하세요."
)
CLOUD_CONNECTED = _("클라우드에 연결되었습니다. 금융인증서를 선택하고 비밀번호를 입력하세요.")
NO_FINANCE_CERTIFICATE = _("연결된 클라우드에 금융인증서가 없습니다. 먼저 발급받으세요.")


def sms_wrong(failures: int, threshold: int) -> str:
    return gettext("보낸 숫자가 화면의 숫자와 다릅니다 (%(failures)d/%(threshold)d회)") % {
        "failures": failures,
        "threshold": threshold,
    }


def sms_locked(threshold: int) -> str:
    return gettext(
        "클라우드 연결 문자 인증을 %(threshold)d회 실패하여 잠겼습니다. "
        "강사에게 오류 해제를 요청하세요."
    ) % {"threshold": threshold}


def cloud_not_found(failures: int, threshold: int) -> str:
    return f"{CLOUD_NOT_FOUND} ({failures}/{threshold})"
