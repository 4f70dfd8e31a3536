"""What the classroom says to learners and trainers."""

from django.utils.translation import gettext_lazy as _

CODE_MALFORMED = _("참여 코드는 영문·숫자 6자리입니다. 화면의 코드를 다시 확인하세요.")
CODE_UNKNOWN = _("이 코드의 수업이 없습니다. 강사가 보여 준 코드를 다시 확인하세요.")
CLASS_CLOSED = _("참여가 마감된 수업입니다. 강사에게 문의하세요.")
CLASS_FULL = _("수업 정원이 찼습니다. 강사에게 문의하세요.")
NAME_REQUIRED = _("이름이나 자리 번호를 입력하세요.")
NOT_A_TRAINER = _("강사 계정으로 로그인하세요. 이 화면은 강사만 쓸 수 있습니다.")
