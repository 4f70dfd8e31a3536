"""A class in real browsers: a trainer creates it, three learners join in browsers of
their own with their phones and walk the flow while the trainer's dashboard follows;
a scenario for one learner reaches that learner alone; a reset learner is someone new.

Screenshots for the README: the projected join code, the dashboard with several
learners, a learner's detail, the learner's wallet.
"""

import re

import pytest

from classroom.handouts import handout_of
from classroom.models import Classroom, SeatPersona
from issuance.flow.machine import Step
from issuance.models import IssuanceSession
from tests.e2e.support import (
    DESKTOP,
    DESKTOP_ONLY,
    PHONE,
    PHONE_ONLY,
    WAIT_MS,
    Screens,
    expect,
    heading,
    type_secret,
)
from tests.factories import CustomerFactory
from tests.fixtures.flow import walk

pytestmark = pytest.mark.django_db(transaction=True)

TRAINER_PASSWORD = "trainer-pw-2026!"


class ClassLearner:
    """A learner's own browser: the bank page and, in a second window, the phone."""

    def __init__(self, context, name: str) -> None:
        self.context = context
        self.name = name
        self.page = context.new_page()
        self.phone = None

    def join(self, code: str) -> None:
        page = self.page
        page.goto(f"/join/?code={code}")
        expect(page.get_by_label("참여 코드")).to_have_value(code)
        page.get_by_label("이름 또는 자리 번호").fill(self.name)
        page.get_by_role("button", name="참여하기").click()
        expect(heading(page, "수업에 참여했습니다")).to_be_visible()

    @property
    def persona(self) -> SeatPersona:
        return SeatPersona.objects.get(seat__display_name=self.name, retired_at__isnull=True)

    def start(self) -> None:
        page = self.page
        page.get_by_role("link", name="공동인증서 발급 시작").click()
        expect(heading(page, "발급 전 확인")).to_be_visible()
        page.get_by_role("button", name="확인했습니다, 발급 시작").click()
        expect(heading(page, "보안프로그램 설치")).to_be_visible()

    def install(self) -> None:
        self.page.get_by_role("button", name=re.compile("설치$")).click()
        expect(heading(self.page, "사용자 확인")).to_be_visible()

    def identify(self) -> None:
        """With what the wallet says (read from the drawer, as the learner would)."""
        page = self.page
        page.get_by_role("link", name="내 지갑").first.click()
        drawer = page.get_by_role("dialog", name="내 지갑")
        rrn = drawer.locator("[data-wallet=rrn]")
        expect(rrn).to_have_text(re.compile(r"\d{6}-\d{7}"))
        user_id = drawer.locator("[data-wallet=user_id]").inner_text()
        front, back = rrn.inner_text().split("-")
        drawer.get_by_role("button", name="지갑 닫기").click()
        expect(drawer).to_be_hidden()
        page.get_by_label("사용자 ID").fill(user_id)
        page.get_by_label("주민등록번호 앞자리").fill(front)
        # The class's default: the 보안 키패드 on, as at a bank.
        expect(page.get_by_label("보안키패드 사용")).to_be_checked()
        type_secret(page.get_by_label("주민등록번호 뒷자리"), back)
        page.get_by_role("button", name="확인", exact=True).click()
        expect(heading(page, "약관 동의")).to_be_visible()

    def fast_forward(self, step: str) -> None:
        """The steps before ``step`` through the services (test_issuance walks them all)."""
        session = IssuanceSession.objects.get(customer=self.persona.customer)
        walk(session, step, handout=handout_of(self.persona))
        self.page.goto(f"/cert/issue/{session.pk}/")

    def open_phone(self):
        self.phone = self.context.new_page()
        self.phone.goto("/phone/")
        return self.phone


def dashboard_row(page, name: str):
    return page.locator("tr.seat-row", has_text=name)


def test_a_class_of_three_with_the_trainer_watching(
    browser, browser_context_args, issuing_ca, screens: Screens
):
    CustomerFactory(user_id="trainer9", name="박강사", is_trainer=True, rrn=None,
                    password=TRAINER_PASSWORD)  # fmt: skip
    contexts = []

    def new_context():
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context

    try:
        # The trainer logs in and creates the class on the page.
        trainer = new_context().new_page()
        trainer.goto("/trainer/")
        trainer.get_by_label("사용자 ID").fill("trainer9")
        trainer.get_by_label("비밀번호").fill(TRAINER_PASSWORD)
        trainer.get_by_role("button", name="로그인").click()
        expect(heading(trainer, "내 수업")).to_be_visible()
        trainer.get_by_label("수업 이름").fill("디지털배움터 화요반")
        trainer.get_by_role("button", name="수업 만들기").click()
        code = Classroom.objects.get().code
        expect(trainer.locator("[data-join-code]")).to_have_text(code)
        trainer.get_by_role("link", name=re.compile("코드 크게 보기")).click()
        expect(trainer.get_by_label("참여 코드")).to_have_text(code)
        screens.capture(trainer, "class-project", widths=DESKTOP_ONLY)
        trainer.go_back()

        # Three learners join, each in a browser of their own.
        learners = [ClassLearner(new_context(), name) for name in ("김민수", "이영희", "박철수")]
        for learner in learners:
            learner.join(code)
            expect(dashboard_row(trainer, learner.name)).to_contain_text("시작 전")
        first, second, third = learners
        assert len({learner.persona.customer_id for learner in learners}) == 3

        # The wallet: the persona's handout, one click away.
        first.page.get_by_role("button", name="내 지갑 보기").click()
        drawer = first.page.get_by_role("dialog", name="내 지갑")
        expect(drawer.get_by_role("heading", name="보안카드")).to_be_visible()
        expect(drawer.locator("[data-wallet=user_id]")).to_have_text(first.persona.customer.user_id)
        screens.capture(first.page, "class-wallet", widths=DESKTOP_ONLY)
        drawer.get_by_role("button", name="지갑 닫기").click()

        # They walk; the dashboard follows each of them by itself (it polls).
        for learner in learners:
            learner.start()
        expect(dashboard_row(trainer, "김민수")).to_contain_text("보안프로그램 설치")
        first.install()
        expect(dashboard_row(trainer, "김민수")).to_contain_text("사용자 확인")
        first.identify()
        expect(dashboard_row(trainer, "김민수")).to_contain_text("약관 동의")
        for learner in (second, third):
            learner.install()
            learner.fast_forward(Step.PUSH)
        expect(dashboard_row(trainer, "이영희")).to_contain_text("모바일 인증")
        expect(dashboard_row(trainer, "박철수")).to_contain_text("모바일 인증")
        screens.capture(trainer, "class-dashboard", widths=DESKTOP_ONLY)

        # "App outdated" for 이영희 alone, from her detail page.
        dashboard_row(trainer, "이영희").get_by_role("link", name="이영희").click()
        expect(heading(trainer, "이영희")).to_be_visible()
        trainer.get_by_role("button", name=re.compile("켜기.*모바일 앱 구버전")).click()
        expect(
            trainer.get_by_role("button", name=re.compile("끄기.*모바일 앱 구버전"))
        ).to_be_visible()
        screens.capture(trainer, "class-learner-detail", widths=DESKTOP_ONLY)
        expect(heading(second.open_phone(), "업데이트")).to_be_visible()
        expect(heading(third.open_phone(), "인증 요청")).to_be_visible()

        # A reset learner is someone new: the page they are on follows by itself (its
        # polls), without the learner loading anything. Wait for where they end up.
        before = third.persona.customer_id
        trainer.goto(f"/trainer/{code}/seat/3/")
        trainer.get_by_role("button", name="새 페르소나로 다시 시작").click()
        expect(trainer.get_by_text("새 페르소나를 배정했습니다")).to_be_visible()
        after = third.persona.customer
        assert after.pk != before
        expect(third.page.locator(".user-greeting")).to_contain_text(after.name, timeout=40_000)
        expect(third.page.get_by_text(re.compile("강사가 새 페르소나를 배정"))).to_be_visible()
        # A page the reset did not end (the welcome page of the first persona) is sent
        # to the new persona within one poll of the trainer's-message panel (10 s).
        trainer.goto(f"/trainer/{code}/seat/1/")
        trainer.get_by_role("button", name="새 페르소나로 다시 시작").click()
        expect(trainer.get_by_text("새 페르소나를 배정했습니다")).to_be_visible()
        renewed = first.persona.customer
        expect(heading(first.page, "강사가 새 페르소나를 배정했습니다")).to_be_visible(
            timeout=40_000
        )
        expect(first.page.locator(".welcome-lead")).to_contain_text(renewed.name)

        # The dashboard at phone width: a card per learner, nothing cut off.
        trainer.goto(f"/trainer/{code}/")
        expect(dashboard_row(trainer, "박철수")).to_contain_text(after.user_id)
        trainer.set_viewport_size(PHONE)
        assert trainer.evaluate("document.documentElement.scrollWidth") <= 390
        card = dashboard_row(trainer, "박철수")
        assert card.bounding_box()["width"] > 300  # a card, not a column of syllables
        expect(card.locator(".seat-step")).to_be_visible()
        screens.capture(
            trainer, "class-dashboard", widths=PHONE_ONLY, focus=trainer.locator("#seats-title")
        )
        trainer.set_viewport_size(DESKTOP)

        # A class-wide reset is asked twice, with how many learners it reaches.
        trainer.get_by_role("button", name=re.compile("모두 새 페르소나로")).click()
        expect(trainer.get_by_text("학습자 3명 모두가 새 페르소나로")).to_be_visible()
        trainer.get_by_role("link", name="취소").click()
        expect(trainer.locator("[data-join-code]")).to_have_text(code)
        screens.assert_accessible()
    finally:
        for context in contexts:
            context.close()
