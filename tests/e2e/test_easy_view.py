"""쉬운 화면 (easy view) in a real browser: switched on with the header's button, the
easy home with its big buttons, large text that the 큰 글씨 choice cannot turn off, the
flow with the phone beside it and a dialog, no sideways scrolling at 200 % zoom (a
640 px window) in Korean and in English, and axe-core on the easy home in both
languages.

Screenshots: test-artifacts/screenshots/easy-*.png; axe results: test-artifacts/axe/.
"""

import re

import pytest

from tests.e2e.support import DESKTOP, DESKTOP_ONLY, PHONE_ONLY, WIDTHS, Learner, Screens, expect

pytestmark = pytest.mark.django_db(transaction=True)

ZOOM_200 = {"width": 640, "height": 800}  # 1280 px at 200 % zoom
ZOOMED = (("zoom200", ZOOM_200),)
# The pages a learner meets first: home (full and easy), the certificate centre, the
# flow's first two steps, the glossary; and the certificate dialog.
PAGES = (("center", "/cert/"), ("prerequisites", "/cert/issue/"), ("glossary", "/glossary/"))
SCROLL = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
EASY_TASKS = 5  # 발급, 인증서 로그인, 계좌 조회, 이체, 용어 사전 (+ the way back)


def sideways(page) -> int:
    """How many CSS px the page is wider than its window (0: no sideways scrolling)."""
    width, window = page.evaluate(SCROLL)
    return width - window


def html_classes(page) -> list[str]:
    return page.evaluate("() => Array.from(document.documentElement.classList)")


def switch(page):
    return page.locator("header").get_by_role("button", name=re.compile("쉬운 화면"))


def start_flow(page) -> None:
    """발급 전 확인 → 보안프로그램 설치 (the flow's second page)."""
    page.goto("/cert/issue/")
    page.locator(".step-actions").get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/install/$"))


def check_no_sideways_scroll(page, screens: Screens, label: str, found: dict) -> None:
    """The pages of PAGES, the flow's install step and the certificate dialog at 640 px,
    photographed; what is too wide goes into ``found``."""
    page.set_viewport_size(ZOOM_200)
    for name, url in (("home", "/"), *PAGES, ("cert-dialog", "/cert/login/")):
        page.goto(url)
        screens.capture(page, f"easy-{label}-{name}", widths=ZOOMED, audit=False)
        found[f"{label} {url}"] = sideways(page)
    start_flow(page)
    screens.capture(page, f"easy-{label}-install", widths=ZOOMED, audit=False)
    found[f"{label} install"] = sideways(page)
    page.set_viewport_size(DESKTOP)


def test_easy_view_switched_on_and_off_in_the_browser(page, context, base_url, screens):
    page.goto("/")
    page.evaluate("() => localStorage.setItem('bankportal.largeText', '0')")
    expect(switch(page)).to_have_attribute("aria-pressed", "false")
    switch(page).click()

    # The easy home: a greeting and one big button per task.
    expect(page.get_by_role("heading", level=1)).to_contain_text("하고 싶은 일")
    expect(switch(page)).to_have_attribute("aria-pressed", "true")
    assert {"easy-view", "large-text"} <= set(html_classes(page))
    cookie = {c["name"]: c for c in context.cookies()}["easy_view"]
    assert cookie["value"] == "1" and cookie["httpOnly"]
    tasks = page.locator(".easy-tasks")
    buttons = tasks.locator(".easy-task")
    expect(buttons).to_have_count(EASY_TASKS + 1)
    for index in range(EASY_TASKS + 1):
        box = buttons.nth(index).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, box
    for name in ("공동인증서 발급", "인증서로 로그인", "계좌 조회", "이체", "용어 사전"):
        expect(tasks.get_by_role("link", name=re.compile(name))).to_be_visible()
    # fewer menus: no dropdowns, no hamburger, no 큰 글씨 switch (always on here)
    expect(page.locator("header .dropdown-toggle")).to_have_count(0)
    expect(page.locator("[data-large-text-toggle]")).to_have_count(0)
    for button in page.locator("header .btn:visible").all():  # the language menu: closed
        assert button.bounding_box()["height"] >= 48
    screens.capture(page, "easy-home", widths=WIDTHS)

    # A task opens its page, still in easy view; the flow's button is large.
    page.get_by_role("link", name=re.compile("공동인증서 발급")).click()
    expect(page).to_have_url(re.compile(r"/cert/issue/$"))
    assert "easy-view" in html_classes(page)
    start = page.locator(".step-actions").get_by_role("button").first
    assert start.bounding_box()["height"] >= 48

    # Off again with the same switch: the full home, large text as the learner chose.
    page.goto("/")
    page.locator("form").get_by_role("button", name=re.compile("원래 화면")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("공동인증서 발급/재발급")
    expect(switch(page)).to_have_attribute("aria-pressed", "false")
    assert not {"easy-view", "large-text"} & set(html_classes(page))
    assert "easy_view" not in {c["name"] for c in context.cookies()}
    screens.capture(page, "easy-off-home", widths=DESKTOP_ONLY)

    screens.assert_accessible()


def test_the_flow_the_phone_and_a_dialog_stay_large(learner: Learner, context, base_url, screens):
    context.add_cookies([{"name": "easy_view", "value": "1", "url": base_url}])
    page = learner.page
    learner.start()
    learner.install()
    learner.identify()
    expect(page.get_by_role("heading", name=re.compile("약관 동의"))).to_be_visible()

    # The phone beside the step: the same class on its own <html>, from the first paint.
    frame = page.frame_locator("iframe[title='가상 휴대전화']")
    expect(frame.locator("html.easy-view.large-text")).to_have_count(1)
    columns = page.locator(".flow-columns")
    screens.capture(page, "easy-terms", widths=DESKTOP_ONLY, focus=columns)
    screens.capture(page, "easy-terms", widths=ZOOMED, audit=False)
    assert sideways(page) <= 0

    # A term in its dialog.
    page.get_by_role("link", name=re.compile("내용 보기")).first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).not_to_contain_text("불러오는 중")
    close = dialog.get_by_role("button", name="닫기").last
    assert close.bounding_box()["height"] >= 48
    screens.capture(page, "easy-terms-dialog", widths=DESKTOP_ONLY)
    close.click()
    expect(dialog).to_be_hidden()

    # The phone in its own window: the ARS call, its keypad as large as the rest.
    learner.terms()
    expect(page.get_by_role("heading", name=re.compile("추가 본인인증"))).to_be_visible()
    phone = learner.open_phone()
    assert {"easy-view", "large-text"} <= set(html_classes(phone))
    screens.capture(phone, "easy-phone", widths=PHONE_ONLY)
    learner.call()
    screens.capture(page, "easy-ars", widths=DESKTOP_ONLY, focus=columns)
    phone = learner.handset()
    phone.get_by_role("button", name="받기").click()
    pad = phone.get_by_role("group", name="숫자 키패드")
    expect(pad).to_be_visible()
    for key in pad.get_by_role("button").all():
        assert key.bounding_box()["height"] >= 48
    screens.capture(phone, "easy-phone-keypad", widths=PHONE_ONLY)

    screens.assert_accessible()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_no_sideways_scroll_at_200_percent_and_axe_clean(
    page, context, base_url, screens, language
):
    context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    found: dict[str, int] = {}

    # Without easy view, with the 큰 글씨 choice on.
    page.goto("/")
    page.evaluate("() => localStorage.setItem('bankportal.largeText', '1')")
    check_no_sideways_scroll(page, screens, f"large-{language}", found)

    # In easy view (the button, in this language).
    page.goto("/")
    switch(page).click()
    expect(page.locator(".easy-tasks")).to_be_visible()
    assert page.evaluate("() => document.documentElement.lang") == language
    screens.capture(page, f"easy-home-{language}", widths=(*WIDTHS, *ZOOMED))
    check_no_sideways_scroll(page, screens, language, found)

    assert {where: px for where, px in found.items() if px > 0} == {}
    screens.assert_accessible()
