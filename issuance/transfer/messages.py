"""What 계좌 이체 says to the learner (and on the trail)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NOT_REGISTERED = _(
    "인터넷뱅킹 출금계좌로 등록된 계좌가 아닙니다. 영업점에서 출금계좌로 등록한 뒤 이용하세요."
)
NO_SUCH_ACCOUNT = _("없는 계좌번호입니다. 받는 분의 은행과 계좌번호를 확인하세요.")
SAME_ACCOUNT = _("출금계좌와 같은 계좌로는 이체할 수 없습니다.")
OTHER_NUMBER_FORMAT = _("계좌번호는 숫자 10~14자리입니다 ('-' 없이 입력해도 됩니다).")
NO_SECURITY_CARD = _(
    "보안매체(보안카드)가 등록되어 있지 않아 이체할 수 없습니다. 영업점에서 보안카드를 받은 뒤 "
    "이용하세요."
)
NO_APP = _(
    "300만원 이상 이체는 휴대전화 앱의 추가 본인인증이 필요한데, 등록된 은행 앱이 없습니다. "
    "영업점에서 모바일 인증 앱을 등록한 뒤 이용하세요."
)
WRONG_STEP = _("이미 처리되었거나 취소된 이체입니다. 계좌 이체를 처음부터 다시 하세요.")
APPROVAL_DENIED = _("휴대전화 앱에서 추가 본인인증을 거부했습니다. 이체를 진행하지 않았습니다.")
APPROVAL_EXPIRED = _(
    "추가 본인인증 시간(3분)이 지났습니다. '다시 요청'을 누르면 휴대전화로 새 요청을 보냅니다."
)
APPROVAL_NOT_YET = _("휴대전화 앱에서 아직 승인하지 않았습니다.")
CANCELLED = _("이체를 취소했습니다.")
MEMO_CONTROL = _("통장 표시에는 줄바꿈이나 제어 문자를 쓸 수 없습니다.")


def won(amount: int) -> str:
    return gettext("%(amount)s원") % {"amount": f"{amount:,}"}


def over_balance(balance: int) -> str:
    return gettext("출금 가능 금액(잔액 %(balance)s)을 넘습니다.") % {"balance": won(balance)}


def over_once(limit: int) -> str:
    return gettext("1회 이체한도(%(limit)s)를 넘습니다.") % {"limit": won(limit)}


def over_daily(limit: int, left: int) -> str:
    return gettext("1일 이체한도(%(limit)s)를 넘습니다. 오늘 남은 한도는 %(left)s입니다.") % {
        "limit": won(limit),
        "left": won(left),
    }


def pin_wrong(failures: int, threshold: int) -> str:
    return gettext("계좌비밀번호가 올바르지 않습니다 (%(n)d/%(max)d회).") % {
        "n": failures,
        "max": threshold,
    }


def pin_locked(threshold: int) -> str:
    return gettext(
        "계좌비밀번호를 %(max)d회 잘못 입력하여 이 계좌의 비밀번호가 잠겼습니다. 영업점에서 "
        "오류 해제를 받으세요."
    ) % {"max": threshold}


def card_wrong(failures: int, threshold: int) -> str:
    return gettext(
        "보안카드 번호가 올바르지 않습니다 (%(n)d/%(max)d회). 새로 묻는 칸의 번호를 입력하세요."
    ) % {"n": failures, "max": threshold}


def card_locked(threshold: int) -> str:
    return gettext(
        "보안카드 번호를 %(max)d회 잘못 입력하여 보안카드가 잠겼습니다. 영업점에서 오류 해제를 "
        "받으세요."
    ) % {"max": threshold}


def entered(amount: int, name: str) -> str:
    return gettext("이체 신청: %(amount)s → %(name)s") % {"amount": won(amount), "name": name}


def done(amount: int, name: str) -> str:
    return gettext("이체 완료 (전자서명 검증): %(amount)s → %(name)s") % {
        "amount": won(amount),
        "name": name,
    }


def approval_summary(amount: int, bank: str, number: str, name: str) -> str:
    return gettext("계좌 이체 %(amount)s → %(bank)s %(number)s %(name)s") % {
        "amount": won(amount),
        "bank": bank,
        "number": number,
        "name": name,
    }
