"""What the classroom says to learners and trainers."""

from django.utils.translation import gettext_lazy as _

CODE_MALFORMED = _("참여 코드는 영문·숫자 6자리입니다. 화면의 코드를 다시 확인하세요.")
CODE_UNKNOWN = _("이 코드의 수업이 없습니다. 강사가 보여 준 코드를 다시 확인하세요.")
CLASS_CLOSED = _("강사가 참여를 마감한 수업입니다. 들어가야 한다면 강사에게 말씀하세요.")
CLASS_ENDED = _("이미 끝난 수업입니다. 새 수업의 참여 코드를 강사에게 받으세요.")
CLASS_FULL = _("수업 정원이 찼습니다. 강사에게 문의하세요.")
NAME_REQUIRED = _("이름이나 자리 번호를 입력하세요.")
NOT_A_TRAINER = _("강사 계정으로 로그인하세요. 이 화면은 강사만 쓸 수 있습니다.")

# Why a learner's open issuance ended (the flow's "처음부터 다시" page says it, translated there).
FLOWS_ENDED_CLASS_OVER = _(
    "강사가 수업을 마쳐 진행 중이던 발급 절차가 끝났습니다. 수업이 끝났습니다."
)
FLOWS_ENDED_NEW_PERSONA = _(
    "강사가 새 페르소나를 배정해 진행 중이던 발급 절차가 끝났습니다. 새 고객으로 다시 시작하세요."
)

# Join codes: misses are counted per client (``accounts.throttle``), like 아이디 조회.
CODE_UNKNOWN_COUNTED = _(
    "이 코드의 수업이 없습니다. 강사가 보여 준 코드를 다시 확인하세요. "
    "(%(failures)d/%(threshold)d회)"
)
CODE_TRIES_EXHAUSTED = _(
    "참여 코드를 %(threshold)d회 잘못 입력해 %(minutes)d분 동안 참여할 수 없습니다. "
    "강사에게 참여 주소나 QR 코드를 받으세요."
)
