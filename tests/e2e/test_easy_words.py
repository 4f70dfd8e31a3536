"""쉬운 화면 by the 고령자 지침 in a real browser (docs/EASY.md): the plain words with the
bank's beside them, the step's countdown with "시간 더 주기", and the 보안 키패드's big
keys at a phone's width (390 px), still shuffled.

Screenshots: test-artifacts/screenshots/easy-words-*.png, easy-timer-*.png,
easy-keypad-*.png.
"""

import re

import pytest

from tests.e2e.support import PHONE, PHONE_ONLY, WIDTHS, Learner, Screens, expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.keypad]

BIG_KEY = 64  # CSS px: the smallest key in 쉬운 화면


def easy(context, base_url) -> None:
    context.add_cookies([{"name": "easy_view", "value": "1", "url": base_url}])


def test_the_plain_words_with_the_banks_beside(page, context, base_url, screens: Screens):
    easy(context, base_url)
    page.goto("/")
    tasks = page.locator(".easy-tasks")
    expect(tasks.get_by_role("link", name=re.compile(r"보내기 \(이체\)"))).to_be_visible()
    expect(
        tasks.get_by_role("link", name=re.compile(r"내 통장 보기 \(계좌 조회\)"))
    ).to_be_visible()
    screens.capture(page, "easy-words-home", widths=WIDTHS)
    page.goto("/cert/")
    expect(page.locator(".center-cards")).to_contain_text("인증서 기간 늘리기 (인증서 갱신)")
    # one task per screen: the guides below the cards stay in the full view
    expect(page.locator("#security-install-title")).to_have_count(0)
    screens.capture(page, "easy-words-center", widths=PHONE_ONLY)

    context.clear_cookies()
    page.goto("/cert/")
    expect(page.locator(".center-cards")).not_to_contain_text("기간 늘리기")
    expect(page.locator("#security-install-title")).to_be_visible()
    screens.assert_accessible()


def test_the_countdown_and_more_time(learner: Learner, context, base_url, screens: Screens):
    easy(context, base_url)
    page = learner.page
    learner.start()
    timer = page.locator("[data-flow-timer]")
    left = timer.locator("[data-timer-left]")
    expect(left).to_have_text(re.compile(r"^\d+:\d\d$"))  # the script counts it down
    expect(timer.locator("[aria-live='polite']")).to_have_count(1)
    minutes = int(left.inner_text().split(":")[0])
    screens.capture(page, "easy-timer", widths=WIDTHS, focus=timer)

    page.get_by_role("button", name="시간 더 주기").click()
    expect(page.get_by_role("status")).to_contain_text("시간을 더 드렸습니다")
    expect(timer).to_contain_text("2번 더 늘릴 수 있습니다")
    expect(left).to_have_text(re.compile(r"^\d+:\d\d$"))
    assert int(left.inner_text().split(":")[0]) >= minutes + 9  # FLOW_EXTEND_MINUTES = 10
    expect(page.get_by_role("heading", name=re.compile("보안프로그램 설치"))).to_be_visible()
    screens.assert_accessible()


def key_sizes(pad) -> list[tuple[float, float]]:
    keys = pad.locator(".keypad-page:not([hidden]) button.key, .keypad-actions .key")
    return [(box["width"], box["height"]) for box in (k.bounding_box() for k in keys.all())]


def test_the_keypad_has_big_keys_at_a_phones_width(page, context, base_url, screens: Screens):
    easy(context, base_url)
    page.set_viewport_size(PHONE)
    page.goto("/banking/login/")
    field = page.locator("#id_password")
    field.click()
    pad = page.locator(f"#{field.get_attribute('id')}-keypad")
    expect(pad).to_be_visible()
    screens.capture(page, "easy-keypad-letters", widths=PHONE_ONLY, focus=pad)
    sizes = key_sizes(pad)
    assert sizes and min(h for _, h in sizes) >= BIG_KEY, sizes
    assert min(w for w, _ in sizes) >= BIG_KEY, sizes
    width, window = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= window  # no sideways scrolling
    first = pad.locator(".keypad-page:not([hidden]) button.key").all_inner_texts()

    page.goto("/banking/login/")  # a new layout each time: still shuffled
    page.locator("#id_password").click()
    again = page.locator(".secure-keypad:visible .keypad-page:not([hidden]) button.key")
    expect(again.first).to_be_visible()
    assert sorted(again.all_inner_texts()) == sorted(first)
    screens.assert_accessible()


def test_the_digit_keypad_is_big_too(learner: Learner, context, base_url, screens: Screens):
    easy(context, base_url)
    page = learner.page
    page.set_viewport_size(PHONE)
    learner.start()
    learner.install()
    field = page.get_by_label("주민등록번호 뒷자리")
    field.click()
    pad = page.locator(f"#{field.get_attribute('id')}-keypad")
    expect(pad).to_be_visible()
    sizes = key_sizes(pad)
    assert sizes and min(min(w, h) for w, h in sizes) >= BIG_KEY, sizes
    screens.capture(page, "easy-keypad-digits", widths=PHONE_ONLY, focus=pad)
