"""The trainer's one-click scenarios, as switches over a seat's own ``Scenario`` row.

Every seat has a scenario of its own (created when the learner joins, attached
to the seat's persona), so a switch reaches that learner alone; the flow reads
the scenario at every step, so a switch counts from the learner's next step.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from issuance.models import Scenario


@dataclass(frozen=True)
class Switch:
    key: str
    label: Promise
    description: Promise
    fields: tuple[tuple[str, object], ...]  # (Scenario field, value when on)

    def is_on(self, scenario: Scenario | None) -> bool:
        return scenario is not None and all(
            getattr(scenario, name) == value for name, value in self.fields
        )

    def changes(self, on: bool) -> dict:
        """The scenario's fields when the switch is on, or off (False / None)."""
        return {
            name: value if on else (False if isinstance(value, bool) else None)
            for name, value in self.fields
        }

    def set(self, scenario: Scenario, on: bool) -> None:
        for name, value in self.changes(on).items():
            setattr(scenario, name, value)


SWITCHES: tuple[Switch, ...] = (
    Switch(
        "install-fails",
        _("보안프로그램 설치 1회 실패"),
        _("설치가 한 번 실패하고 '저장 후 실행'으로 다시 설치해야 합니다."),
        (("install_fails_once", True),),
    ),
    Switch(
        "app-outdated",
        _("모바일 앱 구버전"),
        _("푸시 승인 전에 '앱을 최신 버전으로 업데이트하세요'가 나옵니다."),
        (("app_outdated", True),),
    ),
    Switch(
        "ars-unanswered",
        _("ARS 전화 받지 않음"),
        _("휴대전화가 울리지 않아 시간이 초과되고 다시 시도해야 합니다."),
        (("ars_not_answered", True),),
    ),
    Switch(
        "medium-absent",
        _("저장매체 없음"),
        _("이동식디스크·보안토큰을 고르면 '선택한 저장매체가 없습니다'가 나옵니다."),
        (("removable_disk_absent", True), ("security_token_absent", True)),
    ),
    Switch(
        "sms-not-delivered",
        _("금융인증서 문자 미수신"),
        _("클라우드 연결 문자가 처음에는 오지 않아 '문자 다시 받기'를 눌러야 합니다."),
        (("sms_not_delivered", True),),
    ),
    Switch(
        "low-threshold",
        _("오류 허용 3회"),
        _("비밀번호·보안카드·PIN을 3회 틀리면 잠깁니다."),
        (("lock_threshold", 3),),
    ),
    Switch(
        "short-limits",
        _("짧은 제한 시간"),
        _("ARS와 푸시 승인 60초, 발급 화면 5분."),
        (("ars_timeout_seconds", 60), ("push_timeout_seconds", 60), ("session_minutes", 5)),
    ),
)
SWITCHES_BY_KEY = {switch.key: switch for switch in SWITCHES}
