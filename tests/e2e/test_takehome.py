"""집에서 이어 하기 in real browsers: a learner makes the card in class (photographed
for the README), and at home, in another browser, its code and number bring them back
to the same persona."""

import re

import pytest

from classroom import services
from classroom.models import SeatPersona
from tests.e2e.support import DESKTOP_ONLY, Screens, expect, heading, type_secret
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_card_made_in_class_resumes_at_home(browser, browser_context_args, screens: Screens):
    trainer = CustomerFactory(user_id="trainer8", name="윤강사", is_trainer=True, rrn=None)
    classroom = services.classroom_create(trainer=trainer, name="토요반")
    in_class = browser.new_context(**browser_context_args)
    at_home = browser.new_context(**browser_context_args)
    try:
        page = in_class.new_page()
        page.goto(f"/join/?code={classroom.code}")
        page.get_by_label("이름 또는 자리 번호").fill("김민수")
        page.get_by_role("button", name="참여하기").click()
        expect(heading(page, "수업에 참여했습니다")).to_be_visible()
        page.goto("/join/takehome/")
        page.get_by_role("button", name="이어 하기 카드 만들기").click()
        code = page.locator('[data-takehome="code"]').inner_text()
        number = page.locator('[data-takehome="number"]').inner_text()
        assert re.fullmatch(r"[A-Z0-9]{8}", code) and re.fullmatch(r"\d{4}", number)
        screens.capture(page, "takehome-card", widths=DESKTOP_ONLY)

        home = at_home.new_page()
        home.goto(f"/join/resume/?code={code}")
        expect(home.get_by_label("카드 코드")).to_have_value(code)
        type_secret(home.get_by_label("카드 번호 (숫자 4자리)"), number)
        home.get_by_role("button", name="이어 하기", exact=True).click()
        expect(heading(home, "수업에 참여했습니다")).to_be_visible()
        persona = SeatPersona.objects.current().get(seat__display_name="김민수")
        expect(home.locator("body")).to_contain_text(persona.customer.name)
        screens.assert_accessible()
    finally:
        in_class.close()
        at_home.close()
