"""The numbers a learner calls from a drill to report or check (신고·확인), and what the
simulated answer says. Nothing is dialled: the "call" is a screen of the virtual phone.

The numbers are the public ones a real learner must know (경찰 112, 금융감독원 1332,
대검찰청 1301, 한국인터넷진흥원 118: docs/DRILLS.md cites them); the bank's is the site's
own fictitious 고객센터 (1588-0000, as in the footer), where a 지급정지 is asked for.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ReportNumber:
    key: str
    number: str
    name: Promise
    lines: tuple[Promise, ...]  # the answer, as the learner hears it


NUMBERS = {
    number.key: number
    for number in (
        ReportNumber(
            "112",
            "112",
            _("경찰청 112 신고센터"),
            (
                _("112입니다. 어떤 일로 전화하셨나요?"),
                _("기관을 사칭해 인증서나 돈을 요구하는 전화는 보이스피싱입니다."),
                _("신고가 접수되었습니다. 돈을 보냈다면 은행에도 지급정지를 요청하세요."),
            ),
        ),
        ReportNumber(
            "1332",
            "1332",
            _("금융감독원 금융민원센터"),
            (
                _("금융감독원 1332입니다. 금융사기 상담을 도와드리겠습니다."),
                _("금융감독원은 전화로 돈을 옮기라거나 인증서를 달라고 하지 않습니다."),
                _("상담 내용이 접수되었습니다. 피해가 있으면 은행에 지급정지를 요청하세요."),
            ),
        ),
        ReportNumber(
            "1301",
            "1301",
            _("대검찰청 민원상담"),
            (
                _("대검찰청 1301입니다. 확인해 드리겠습니다."),
                _("검찰은 전화로 인증서 재발급이나 이체를 요구하지 않습니다."),
                _("그런 전화는 사칭입니다. 끊고 112에 신고하세요."),
            ),
        ),
        ReportNumber(
            "118",
            "118",
            _("한국인터넷진흥원 불법스팸·스미싱 신고"),
            (
                _("118 상담센터입니다. 받은 문자를 신고해 주세요."),
                _("문자 속 링크는 누르지 말고 지우세요. 이미 눌렀다면 휴대전화를 점검하세요."),
                _("신고가 접수되었습니다."),
            ),
        ),
        ReportNumber(
            "bank",
            "1588-0000",
            _("모의국민은행 고객센터 (지급정지)"),
            (
                _("모의국민은행 고객센터입니다. 본인 확인 후 도와드리겠습니다."),
                _("고객님 계좌에 지급정지를 접수했습니다. 사기 계좌로 간 돈도 신고하겠습니다."),
                _("알려 준 인증서는 폐지하고 새로 발급받으세요."),
            ),
        ),
    )
}

# What the phone offers after a drill, in this order.
AFTER_DRILL = ("112", "1332", "bank")
