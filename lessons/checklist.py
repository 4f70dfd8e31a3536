"""The seed document's ten-item checklist and its three strategies, each with the one
line of "why" the learner reads beside it (the seed's own advice, classroom hints).

A checklist item ticks from a rule (``lessons/rules.py``) like a task does; a strategy
is a way of working a task practises (``Task.practises`` names an item or a strategy).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    key: str
    title: Promise
    why: Promise
    rule: str = ""  # a strategy has none: it is practised, not ticked


CHECKLIST = (
    Item(
        "account",
        _("계좌 정보 확인"),
        _("본인 명의의 입출금 계좌와 인터넷뱅킹 가입이 있어야 발급할 수 있습니다."),
        "step_prerequisites",
    ),
    Item(
        "mobile",
        _("모바일 인증서 점검"),
        _("은행 앱의 인증 요청을 PIN으로 승인해야 발급이 끝납니다."),
        "step_push",
    ),
    Item(
        "terms",
        _("약관 동의"),
        _("필수 약관 네 가지에 동의해야 다음 단계로 넘어갑니다."),
        "step_terms",
    ),
    Item(
        "install",
        _("설치 프로그램 확인"),
        _("보안프로그램을 미리 설치해 두면 오류와 시간을 줄입니다."),
        "step_install",
    ),
    Item(
        "identity",
        _("정확한 정보 입력"),
        _("사용자 ID와 주민등록번호를 5회 틀리면 잠깁니다."),
        "step_identify",
    ),
    Item(
        "password",
        _("인증서 저장 후 비밀번호 관리"),
        _("인증서 암호는 은행도 모릅니다. 잊으면 재발급해야 합니다."),
        "step_storage",
    ),
    Item(
        "manage",
        _("발급 후 인증서 관리"),
        _("암호 변경, 갱신, 복사는 인증서 관리에서 합니다."),
        "managed",
    ),
    Item(
        "reissue",
        _("재발급 절차 숙지"),
        _("암호를 잊거나 인증서를 잃으면 재발급이 답이고, 이전 인증서는 폐지됩니다."),
        "reissued",
    ),
    Item(
        "update",
        _("앱 업데이트"),
        _("앱이 구버전이면 승인 요청이 오지 않습니다. 먼저 업데이트하세요."),
        "recovered_app",
    ),
    Item(
        "safe_path",
        _("안전한 경로"),
        _("인증서는 은행의 '인증서 로그인'처럼 정해진 길에서만 씁니다."),
        "joint_login",
    ),
)

STRATEGIES = (
    Item(
        "quick",
        _("빠른 결론"),
        _("계좌, 휴대전화, 보안카드를 미리 준비해 한 번에 끝냅니다."),
    ),
    Item(
        "steady",
        _("장기적 안정성"),
        _("한 단계씩 확인하며 진행하고, 인증서와 암호를 안전하게 지킵니다."),
    ),
    Item(
        "careful",
        _("정밀 검증"),
        _("입력마다 확인하고, 발급한 인증서를 실제로 쓰는 곳에서 시험합니다."),
    ),
)

PRACTISES = {item.key: item for item in (*CHECKLIST, *STRATEGIES)}
