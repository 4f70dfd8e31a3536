"""The 보안 키패드 in a real browser, as a learner meets it at a bank: one whole issuance
typed on the shuffled keys (clicked by their labels), what the form really sends, the
buttons (←, 전체삭제, 재배열, 입력완료), the switch, the arrow keys, Caps Lock, and the
keypad's pages audited with axe and photographed at 1280 and 390 px."""

import re

import pytest

from issuance.flow.machine import Step
from issuance.models import Certificate
from tests.e2e.support import CERT_PASSWORD, PIN, Learner, Screens, expect, heading

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.keypad]


def test_a_whole_issuance_typed_on_the_keypad(learner: Learner, screens: Screens):
    page = learner.page
    learner.start()
    phone = learner.open_phone()
    learner.install("통합설치")
    expect(heading(page, "사용자 확인")).to_be_visible()

    # The secret's input waits for the keys; the keyboard does not type into it.
    back = page.get_by_label("주민등록번호 뒷자리")
    expect(back).to_have_attribute("readonly", "")
    expect(page.get_by_label("보안키패드 사용")).to_be_checked()
    back.click()
    pad = page.get_by_role("group", name="보안 키패드")
    expect(pad).to_be_visible()
    expect(pad).to_contain_text("키보드 입력을 가로채는 악성 프로그램으로부터 보호합니다")
    screens.capture(page, "keypad-digits", focus=back)
    learner.identify()
    expect(heading(page, "약관 동의")).to_be_visible()

    learner.terms()
    code = learner.call()
    learner.answer_call(code)
    expect(heading(page, "보안매체 확인")).to_be_visible()

    # What the form sends: the positions and the token, never the PIN.
    sent = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    learner.medium()
    expect(heading(page, "모바일 인증")).to_be_visible()
    medium_post = next(body for body in sent if "pin_keypad=" in body)
    assert re.search(r"(^|&)pin_keys=[0-9.%E]+(&|$)", medium_post), medium_post
    assert f"pin={PIN}" not in medium_post and not re.search(r"(^|&)pin=", medium_post)

    # The phone's PIN pad is shuffled too, with no switch: an app has no keyboard.
    expect(phone.get_by_role("group", name="보안 키패드")).to_be_visible()
    expect(phone.get_by_label("보안키패드 사용")).to_have_count(0)
    learner.approve()
    expect(heading(page, "저장 위치")).to_be_visible()

    # The letters: 소문자 / 대문자 / 특수문자 pages; the live rules follow the keys.
    password = page.get_by_label("인증서 암호", exact=True)
    password.click()
    letters = page.locator(f"#{password.get_attribute('id')}-keypad")
    letters.get_by_role("button", name="a", exact=True).click()
    expect(page.locator('[data-rule="too_short"]')).to_have_class(re.compile("is-broken"))
    letters.get_by_role("button", name="대문자 (Shift)").click()
    expect(letters.get_by_role("button", name="Q", exact=True)).to_be_visible()
    screens.capture(page, "keypad-letters", focus=password)
    letters.get_by_role("button", name="전체삭제").click()
    expect(password).to_have_value("")
    learner.storage("하드디스크", CERT_PASSWORD)
    expect(heading(page, "발급 완료")).to_be_visible()
    assert Certificate.objects.count() == 1
    screens.assert_accessible()


def test_the_buttons_the_switch_the_arrow_keys_and_caps_lock(learner: Learner):
    page = learner.page
    learner.fast_forward(Step.MEDIUM)
    pin = page.get_by_label("계좌비밀번호")
    pin.click()
    pad = page.locator(f"#{pin.get_attribute('id')}-keypad")
    keys = pad.locator(".keypad-page [data-pos]")
    before = keys.all_inner_texts()
    for digit in "135":
        pad.get_by_role("button", name=digit, exact=True).click()
    expect(pin).to_have_value("●●●")
    pad.get_by_role("button", name="한 자리 지우기").click()
    expect(pin).to_have_value("●●")

    # 재배열: new places from the server, what was typed goes.
    pad.get_by_role("button", name=re.compile("재배열")).click()
    expect(pin).to_have_value("")
    expect(keys.first).to_be_focused()
    after = keys.all_inner_texts()
    assert sorted(after) == sorted(before)  # the same ten digits,
    assert after != before  # in new places (the same order again: 1 draw in 239,500,800)

    # Arrow keys move between the keys; Enter presses one. A row whose two blank keys
    # both fell in it has one key: the arrow is tried in a row with two (or more).
    rows = pad.locator(".keypad-page:not([hidden]) .keypad-row")
    row = next(
        rows.nth(i) for i in range(rows.count()) if rows.nth(i).locator("[data-pos]").count() > 1
    )
    row.locator("[data-pos]").first.focus()
    page.keyboard.press("ArrowRight")
    expect(row.locator("[data-pos]").nth(1)).to_be_focused()
    label = row.locator("[data-pos]").nth(1).inner_text()
    page.keyboard.press("Enter")
    expect(pin).to_have_value("●")

    # 입력완료 closes it and moves on; the switch off gives the keyboard back.
    pad.get_by_role("button", name="입력완료").click()
    expect(pad).to_be_hidden()
    page.get_by_label("보안키패드 사용").first.uncheck()
    expect(pin).not_to_have_attribute("readonly", "")
    pin.fill(PIN)
    expect(pin).to_have_value(PIN)
    assert label.isdigit()


def test_caps_lock_is_pointed_out_under_a_password(learner: Learner):
    page = learner.page
    learner.fast_forward(Step.STORAGE)
    page.get_by_label("보안키패드 사용").first.uncheck()
    password = page.get_by_label("인증서 암호", exact=True)
    password.click()
    warning = page.get_by_text("<Caps Lock>이 켜져 있습니다.").first
    expect(warning).to_be_hidden()
    # Headless Chromium keeps no Caps Lock state of its own: the key event says it is on.
    password.dispatch_event("keydown", {"key": "A", "modifierCapsLock": True})
    expect(warning).to_be_visible()
    password.dispatch_event("keyup", {"key": "a", "modifierCapsLock": False})
    expect(warning).to_be_hidden()


def test_easy_view_draws_bigger_keys_and_the_keypad_says_how_many_digits(
    learner: Learner, context, base_url
):
    page = learner.page
    learner.fast_forward(Step.MEDIUM)
    pin = page.get_by_label("계좌비밀번호")
    pin.click()
    pad = page.locator(f"#{pin.get_attribute('id')}-keypad")
    expect(pad).to_contain_text("숫자 4자리를 누르세요")
    usual = pad.locator("[data-pos]").first.bounding_box()["height"]

    context.add_cookies([{"name": "easy_view", "value": "1", "url": base_url}])
    page.reload()
    page.get_by_label("계좌비밀번호").click()
    expect(pad).to_be_visible()
    easy = pad.locator("[data-pos]").first.bounding_box()["height"]
    assert easy >= 56 > usual  # 3.5rem: a senior's finger, as 쉬운 화면 promises
