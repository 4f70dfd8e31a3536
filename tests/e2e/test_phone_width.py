"""The site on a phone (390 × 844), in Korean and in English: the header's language, 큰 글씨
and 쉬운 화면 in sight without opening ☰; 계좌 조회 as wide as the screen, its balances
and buttons in view; the glossary without a word cut mid-syllable, each term a short
entry. axe-core on the home page at that width.

Screenshots: test-artifacts/screenshots/phone-width-*.png; axe results: test-artifacts/axe/.
"""

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts.services import account_withdraw
from tests.e2e.support import DESKTOP, DESKTOP_ONLY, PHONE, PHONE_ONLY, Screens, expect
from tests.factories import BankAccountFactory, CustomerFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ("ko", "en", "vi", "zh-hans")
SWITCHES = {  # what the header shows, by the page's language: the language switch (the
    # page's language, named in itself), 큰 글씨 and 쉬운 화면
    "ko": ("한국어", "큰 글씨", "쉬운 화면"),
    "en": ("English", "Large text (큰 글씨)", "Easy view (쉬운 화면)"),
    "vi": ("Tiếng Việt", "Chữ lớn (큰 글씨)", "Màn hình dễ dùng (쉬운 화면)"),
    "zh-hans": ("中文", "大字（큰 글씨）", "简易画面（쉬운 화면）"),
}
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def in_language(context, live_server):
    def choose(language: str) -> None:
        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
        context.add_cookies([{**cookie, "url": live_server.url}])

    return choose


def in_view(page, locator, width: int) -> None:
    """Visible, and wholly inside the window's width and above its bottom edge."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], box


def header_switches(page, language: str):
    header = page.locator("header")
    name, large, easy = SWITCHES[language]
    return [
        header.locator("details.language-switch > summary", has_text=name),
        header.get_by_role("button", name=large, exact=True),
        header.get_by_role("button", name=easy, exact=True),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_switches_are_in_sight_on_a_phone_without_the_menu(
    page, in_language, screens: Screens, language
):
    in_language(language)
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#main-menu")).to_be_hidden()  # ☰ stays closed throughout
    for switch in header_switches(page, language):
        in_view(page, switch, PHONE["width"])
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    screens.capture(page, f"phone-width-header-{language}", widths=PHONE_ONLY, audit=False)
    screens.audit(page, f"phone-width-home-{language}-phone")

    # They work from there: 큰 글씨 on, the menu still closed.
    large = header_switches(page, language)[1]
    large.click()
    expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))
    expect(large).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#main-menu")).to_be_hidden()
    for switch in header_switches(page, language):
        expect(switch).to_be_visible()
        box = switch.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    large.click()

    # On a desktop the same three sit above the menu bar, the menus in sight beside them.
    page.set_viewport_size(DESKTOP)
    expect(toggler).to_be_hidden()
    expect(page.locator("#main-menu")).to_be_visible()
    for switch in header_switches(page, language):
        in_view(page, switch, DESKTOP["width"])
    screens.capture(page, f"phone-width-header-{language}", widths=DESKTOP_ONLY)
    screens.assert_accessible()


@pytest.fixture
def account_holder(db, live_server, context):
    """김하나, logged in, with two accounts (one long balance) and two transactions."""
    customer = CustomerFactory(name="김하나")
    spending = BankAccountFactory(
        customer=customer, number="110201-01-100001", balance=1_250_000,
        product_name="모의 입출금통장",
    )  # fmt: skip
    BankAccountFactory(
        customer=customer, number="110201-01-100002", balance=123_456_789,
        product_name="모의 정기적금",
    )  # fmt: skip
    account_withdraw(account=spending, amount=4_400, description="공동인증서 발급 수수료(범용)")
    account_withdraw(account=spending, amount=300_000, description="이체 박세찬 110201-01-100003")
    client = Client()
    client.force_login(customer)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
    context.add_cookies([cookie])
    return customer


@pytest.mark.parametrize("language", LANGUAGES)
def test_account_inquiry_fits_a_phone(page, account_holder, in_language, screens, language):
    in_language(language)
    page.set_viewport_size(PHONE)
    page.goto("/banking/accounts/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    accounts = page.locator(".accounts-table tbody tr")
    expect(accounts).to_have_count(2)
    balances = ("945,600", "123,456,789")  # after the two withdrawals
    if language == "vi":  # grouped with dots in Vietnamese (portal/formats)
        balances = tuple(won.replace(",", ".") for won in balances)
    for index, won in enumerate(balances):
        row = accounts.nth(index)
        row.scroll_into_view_if_needed()
        balance = row.locator(".balance")
        expect(balance).to_contain_text(won)
        in_view(page, balance, PHONE["width"])
        buttons = row.get_by_role("link")
        expect(buttons).to_have_count(2)  # 거래내역, 이체
        for button in buttons.all():
            in_view(page, button, PHONE["width"])
            assert button.bounding_box()["height"] >= 40
    for amount in page.locator(".history-table .amount").all():
        if amount.inner_text().strip():
            amount.scroll_into_view_if_needed()
            in_view(page, amount, PHONE["width"])
    screens.capture(page, f"phone-width-accounts-{language}", widths=PHONE_ONLY)

    # A desktop keeps the table, its column headings in sight.
    page.set_viewport_size(DESKTOP)
    expect(page.locator(".accounts-table thead")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= DESKTOP["width"]
    screens.capture(page, f"phone-width-accounts-{language}", widths=DESKTOP_ONLY)
    screens.assert_accessible()


# Every Hangul word of the glossary's entries on one line: the number of line boxes its text
# makes (a word cut mid-syllable, 공동인 | 증서, makes two).
CUT_WORDS = """() => {
  const cut = [];
  const walker = document.createTreeWalker(
    document.querySelector(".glossary"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[\\uAC00-\\uD7A3]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) cut.push(match[0]);
    }
  }
  return cut;
}"""
ENTRY_LINES = """() => {
  const line = parseFloat(getComputedStyle(document.body).lineHeight);
  const rows = [...document.querySelectorAll(".glossary-table tbody tr")];
  const heights = rows.map((row) => row.getBoundingClientRect().height);
  return {rows: rows.length, average: heights.reduce((a, b) => a + b, 0) / rows.length / line};
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_keeps_korean_words_whole_and_short_on_a_phone(
    page, in_language, screens, language
):
    in_language(language)
    page.set_viewport_size(PHONE)
    page.goto("/glossary/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert page.evaluate(CUT_WORDS) == []
    entries = page.evaluate(ENTRY_LINES)
    assert entries["rows"] >= 40
    assert entries["average"] <= 3.5, entries  # a table squeezed to 390 px: 4 to 5 lines
    screens.capture(page, f"phone-width-glossary-{language}", widths=PHONE_ONLY)

    page.set_viewport_size(DESKTOP)
    expect(page.locator(".glossary-table thead").first).to_be_visible()
    assert page.evaluate(CUT_WORDS) == []
    screens.capture(page, f"phone-width-glossary-{language}", widths=DESKTOP_ONLY)
    screens.assert_accessible()


def test_the_wallet_and_the_trainers_view_of_it_fit_a_phone(page, context, live_server):
    """The 35 codes of the 보안카드 no longer push the page wider than the phone, and the
    trainer's view of the learner's trail keeps its result and time columns whole."""
    from classroom.models import Seat, SeatPersona
    from classroom.services import classroom_create
    from issuance.flow.machine import record
    from issuance.flow.services import session_start

    trainer = CustomerFactory(user_id="trainer7", is_trainer=True, rrn=None, password="pw-2026!x")
    classroom = classroom_create(trainer=trainer, name="반")
    page.set_viewport_size(PHONE)
    page.goto(f"/join/?code={classroom.code}")
    page.get_by_label("이름 또는 자리 번호").fill("가")
    page.get_by_role("button", name="참여하기").click()
    page.goto("/join/wallet/")
    expect(page.locator("[data-wallet=security_card]")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]

    trainer_page = context.browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="ko-KR"
    ).new_page()
    trainer_page.goto("/trainer/login/")
    trainer_page.get_by_label("사용자 ID").fill("trainer7")
    trainer_page.get_by_label("비밀번호").fill("pw-2026!x")
    trainer_page.get_by_role("button", name="로그인").click()
    trainer_page.goto(f"/trainer/{classroom.code}/seat/1/")
    expect(trainer_page.locator("[data-wallet=security_card]")).to_be_visible()
    assert trainer_page.evaluate(PAGE_WIDTH) <= PHONE["width"]

    # The trail: 성공/실패 and the times stay on one line (they wrapped per syllable).
    seat = Seat.objects.get(classroom=classroom)
    session = session_start(customer=SeatPersona.objects.get(seat=seat).customer)
    record(session, "install", "failed", "설치 중 오류가 발생했습니다. " * 4)  # a long line
    trainer_page.reload()
    for cell in (".trail-result", ".trail-time"):
        first = trainer_page.locator(f".trail-table {cell}").first
        expect(first).to_be_visible()
        lines = first.evaluate(  # the line boxes of the cell's text (the row may be taller)
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " return new Set(Array.from(r.getClientRects(), b => Math.round(b.top))).size; }"
        )
        assert lines == 1, (cell, lines)
    trainer_page.context.close()
