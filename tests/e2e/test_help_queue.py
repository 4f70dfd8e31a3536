"""도와주세요 in real browsers: the trainer creates a class and adds a 보조강사 (reading the
one-time password off the page); two learners press 도와주세요; the 보조강사 logs in in a
browser of their own, takes one from the queue, the learner's page says "김도움
보조강사가 갑니다" (its panel's poll), and the 보조강사 marks it done.

Screenshots for docs/HELPERS.md: the dashboard's queue (desktop), the learner's panel
(phone).
"""

import re

import pytest

from classroom.models import Classroom, HelpRequest
from tests.e2e.support import (
    DESKTOP_ONLY,
    PHONE_ONLY,
    WAIT_MS,
    Screens,
    expect,
    heading,
    type_secret,
)
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db(transaction=True)

TRAINER_PASSWORD = "trainer-pw-2026!"


def log_in(page, user_id: str, password: str) -> None:
    page.goto("/trainer/")
    page.get_by_label("사용자 ID").fill(user_id)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    expect(heading(page, "내 수업")).to_be_visible()


def join(page, code: str, name: str) -> None:
    page.goto(f"/join/?code={code}")
    page.get_by_label("이름 또는 자리 번호").fill(name)
    page.get_by_role("button", name="참여하기").click()
    expect(heading(page, "수업에 참여했습니다")).to_be_visible()


def test_a_helper_takes_a_learner_from_the_queue(
    browser, browser_context_args, issuing_ca, screens: Screens
):
    CustomerFactory(user_id="trainer8", name="박강사", is_trainer=True, rrn=None,
                    password=TRAINER_PASSWORD)  # fmt: skip
    contexts = []

    def new_page():
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    try:
        # The trainer creates the class and adds a 보조강사: the password shows once.
        trainer = new_page()
        log_in(trainer, "trainer8", TRAINER_PASSWORD)
        trainer.get_by_label("수업 이름").fill("디지털배움터 수요반")
        trainer.get_by_role("button", name="수업 만들기").click()
        code = Classroom.objects.get().code
        trainer.get_by_label("보조강사 이름").fill("김도움")
        trainer.get_by_role("button", name="보조강사 추가").click()
        expect(heading(trainer, "보조강사 김도움 님을 추가했습니다")).to_be_visible()
        helper_id = trainer.locator("[data-helper=user_id]").inner_text()
        password = trainer.locator("[data-helper=password]").inner_text()
        assert re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}", password)

        # Two learners are stuck and ask for help.
        first, second = new_page(), new_page()
        join(first, code, "김민수")
        join(second, code, "이영희")
        first.get_by_role("button", name="도와주세요").click()
        expect(first.get_by_text("도움을 요청했습니다")).to_be_visible()
        # 이영희 gets as far as 사용자 확인 and types someone else's number.
        second.get_by_role("link", name="공동인증서 발급 시작").click()
        second.get_by_role("button", name="확인했습니다, 발급 시작").click()
        second.get_by_role("button", name=re.compile("설치$")).click()
        expect(heading(second, "사용자 확인")).to_be_visible()
        second.get_by_label("사용자 ID").fill("someoneelse")
        second.get_by_label("주민등록번호 앞자리").fill("900101")
        type_secret(second.get_by_label("주민등록번호 뒷자리"), "1234567")
        second.get_by_role("button", name="확인", exact=True).click()
        expect(second.get_by_text("1/5")).to_be_visible()
        second.get_by_role("button", name="도와주세요").click()
        expect(second.get_by_text("도움을 요청했습니다")).to_be_visible()

        # The 보조강사 logs in in a browser of their own and takes the first one.
        helper = new_page()
        log_in(helper, helper_id, password)
        expect(helper.get_by_role("button", name="수업 만들기")).to_have_count(0)
        helper.get_by_role("link", name="디지털배움터 수요반").click()
        queue = helper.locator("#help-queue")
        expect(queue.locator(".help-item")).to_have_count(2)
        expect(queue.locator(".help-item").first).to_contain_text("김민수")
        waiting = queue.locator(".help-item", has_text="이영희")
        expect(waiting.locator(".help-step")).to_contain_text("사용자 확인")
        expect(waiting.locator(".help-error")).to_contain_text("1/5")
        expect(helper.get_by_role("button", name="수업 삭제")).to_have_count(0)
        first_item = queue.locator(".help-item", has_text="김민수")
        first_item.get_by_role("button", name="맡기").click()
        expect(queue.locator(".help-item").first).to_contain_text("김도움 가는 중")

        # The learner's page says who is coming (the panel's poll), the other still waits.
        expect(first.get_by_text("김도움 보조강사가 갑니다")).to_be_visible()
        first.set_viewport_size({"width": 390, "height": 844})
        screens.capture(
            first, "help-queue-learner", widths=PHONE_ONLY, focus=first.locator("#help-box")
        )
        expect(trainer.get_by_text("김도움 보조강사가 갑니다")).to_have_count(0)
        trainer.goto(f"/trainer/{code}/")
        expect(trainer.locator("#help-queue .help-item")).to_have_count(2)
        screens.capture(
            trainer,
            "help-queue-dashboard",
            widths=DESKTOP_ONLY,
            focus=trainer.locator("#help-title"),
        )

        # Done: the queue holds the other learner, the first one's button is back.
        first_item.get_by_role("button", name="완료").click()
        expect(queue.locator(".help-item")).to_have_count(1)
        expect(first.get_by_role("button", name="도와주세요")).to_be_visible()
        assert HelpRequest.objects.filter(done_at__isnull=False).count() == 1
        screens.assert_accessible()
    finally:
        for context in contexts:
            context.close()
