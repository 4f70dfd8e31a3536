"""The printed class pack (수업 자료 인쇄): what a trainer prints before a class, read
from the same data the site runs on.

- a persona card and a 보안카드 for every seat's current persona (its handout,
  decrypted for this page only: a reset seat prints its new persona);
- a large-print card for every step of the issuance, with the site's own screenshot
  (static/img/pack/) and the seed's 주의사항 and 회피 팁 (the ``Hint`` rows);
- the 45- and 90-minute lesson plans (lesson_plans.json): what to show when, and which
  scenario switch (classroom/scenarios.py) to turn on or off.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from classroom.handouts import handout_of
from classroom.models import Classroom, Hint, Seat, SeatPersona
from classroom.scenarios import SWITCHES_BY_KEY, Switch
from issuance.flow.machine import INDICATOR, Step

PLANS_FILE = Path(__file__).with_name("lesson_plans.json")
CARD_ROWS = 7  # the 보안카드: 35 codes in 5 columns of 7, numbered down (as the bank's card)

# --- Persona cards ------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonaCard:
    """One learner's cut-out: the seat and its current persona's handout."""

    seat: Seat
    handout: dict

    @property
    def code_rows(self) -> list[list[tuple[int, str]]]:
        """The 보안카드's (number, code) pairs as the card prints them: seven rows, the
        numbers running down each column (01–07, then 08–14, …), as the bank's card
        and the site's 보안매체 확인 show it."""
        card = self.handout.get("security_card")
        if not card:
            return []
        codes = card["codes"]
        return [
            [(number + 1, codes[number]) for number in range(row, len(codes), CARD_ROWS)]
            for row in range(CARD_ROWS)
        ]


def persona_cards(classroom: Classroom) -> list[PersonaCard]:
    """Every seat's current persona, in seat order (decrypted: for the pack page only)."""
    personas = (
        SeatPersona.objects.current()
        .filter(seat__classroom=classroom)
        .select_related("seat")
        .order_by("seat__number")
    )
    return [PersonaCard(seat=persona.seat, handout=handout_of(persona)) for persona in personas]


# --- Step cards ---------------------------------------------------------------------------

# What the learner does on each screen, in a sentence (the card's large print).
STEP_DOING: dict[str, Promise] = {
    Step.PREREQUISITES: _("계좌, 인터넷뱅킹 가입, 보안매체, 휴대전화가 있는지 확인합니다."),
    Step.INSTALL: _("'통합설치'를 골라 보안프로그램을 설치합니다."),
    Step.IDENTIFY: _("카드의 사용자 ID와 주민등록번호를 입력합니다."),
    Step.TERMS: _("필수 약관에 모두 동의하고 인증서 종류를 고릅니다."),
    Step.ARS: _("걸려 온 전화를 받아 은행 화면의 2자리 번호를 누릅니다."),
    Step.MEDIUM: _("출금계좌, 계좌비밀번호, 보안카드에서 묻는 칸의 숫자를 입력합니다."),
    Step.PUSH: _("휴대전화의 은행 앱에서 인증 요청을 확인하고 앱 PIN으로 승인합니다."),
    Step.STORAGE: _("저장 위치를 고르고 인증서 암호를 두 번 입력합니다."),
    Step.COMPLETED: _("발급 완료: 인증서 로그인으로 바로 시험해 봅니다."),
}


@dataclass(frozen=True)
class StepCard:
    number: int
    step: Step
    doing: Promise
    image: str  # a static path: the site's own screenshot of the step
    cautions: list[str]
    tips: list[str]

    @property
    def label(self) -> str:
        return self.step.label


def step_image(step: str) -> str:
    return f"img/pack/step-{step}.png"


def step_cards() -> list[StepCard]:
    """The issuance's steps as the indicator numbers them, each with the seed's hints."""
    hints: dict[str, dict[str, list[str]]] = {}
    for hint in Hint.objects.filter(step__in=INDICATOR):
        hints.setdefault(hint.step, {}).setdefault(hint.kind, []).append(hint.text)
    return [
        StepCard(
            number=number,
            step=step,
            doing=STEP_DOING[step],
            image=step_image(step),
            cautions=hints.get(step, {}).get(Hint.Kind.CAUTION, []),
            tips=hints.get(step, {}).get(Hint.Kind.TIP, []),
        )
        for number, step in enumerate(INDICATOR, start=1)
    ]


# --- Lesson plans -------------------------------------------------------------------------

# Class-wide buttons of the trainer's page a plan may name besides the switches.
PLAN_ACTIONS: dict[str, Promise] = {
    "forget-password": _("'인증서 암호 분실 (재발급 연습)' 적용 (수업 전체)"),
    "new-device": _("'새 기기에서 금융인증서' 적용 (수업 전체)"),
    "renewal-window": _("학습자 화면에서 '갱신 기간으로 옮기기' (학습자별)"),
    "drill": _("금융사기 예방 연습 보내기"),
}


@dataclass(frozen=True)
class PlanRow:
    start: int
    end: int
    doing: str
    show: str
    switch_on: list[Switch]
    switch_off: list[Switch]
    actions: list[Promise]


@dataclass(frozen=True)
class LessonPlan:
    key: str
    minutes: int
    lesson: str  # a lessons.json lesson key
    title: str
    goal: str
    rows: list[PlanRow]


def _switches(keys: list[str], plan: str) -> list[Switch]:
    unknown = [key for key in keys if key not in SWITCHES_BY_KEY]
    if unknown:
        raise ImproperlyConfigured(f"{PLANS_FILE.name} {plan}: no such switch {unknown}")
    return [SWITCHES_BY_KEY[key] for key in keys]


def _actions(keys: list[str], plan: str) -> list[Promise]:
    unknown = [key for key in keys if key not in PLAN_ACTIONS]
    if unknown:
        raise ImproperlyConfigured(f"{PLANS_FILE.name} {plan}: no such action {unknown}")
    return [PLAN_ACTIONS[key] for key in keys]


def plans_from(data: dict) -> list[LessonPlan]:
    """The plans of a lesson_plans.json document; an unknown switch or action, or minutes
    that leave a gap or run past the lesson, is a configuration error."""
    plans = []
    for plan in data["plans"]:
        rows = [
            PlanRow(
                start=row["from"],
                end=row["to"],
                doing=row["do"],
                show=row.get("show", ""),
                switch_on=_switches(row.get("switch_on", []), plan["key"]),
                switch_off=_switches(row.get("switch_off", []), plan["key"]),
                actions=_actions(row.get("actions", []), plan["key"]),
            )
            for row in plan["rows"]
        ]
        # Each row starts where the one before ends, from 0 to the lesson's last minute.
        edges = [0, *(edge for row in rows for edge in (row.start, row.end)), plan["minutes"]]
        if not rows or edges[0::2] != edges[1::2] or any(r.start >= r.end for r in rows):
            raise ImproperlyConfigured(
                f"{PLANS_FILE.name} {plan['key']}: minutes must run 0–{plan['minutes']}"
            )
        plans.append(
            LessonPlan(
                key=plan["key"],
                minutes=plan["minutes"],
                lesson=plan["lesson"],
                title=plan["title"],
                goal=plan["goal"],
                rows=rows,
            )
        )
    return plans


@functools.cache
def lesson_plans() -> list[LessonPlan]:
    """The 45- and 90-minute plans (read once per process)."""
    return plans_from(json.loads(PLANS_FILE.read_text(encoding="utf-8")))
