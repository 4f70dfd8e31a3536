"""What the browser tests share: the learner's data, a learner driving the bank page and
the virtual phone by what they show (labels, roles, visible text), and the
screenshots + axe-core audits.

Nothing here imports Playwright unless it is installed: without it the conftest
skips (or, under REQUIRE_BROWSER=1, fails) every browser test.
"""

import json
import re
from pathlib import Path

import pytest

from issuance.models import IssuanceSession
from tests.fixtures.flow import CARD_CODES, RRN, walk

try:
    from playwright.sync_api import BrowserContext, Page, expect
except ImportError:  # pragma: no cover - the conftest reports why the tests do not run
    BrowserContext = Page = expect = None

ROOT = Path(__file__).resolve().parents[2]

# The learner: the flow tests' ``ready`` customer (tests/issuance/flow/conftest.py, built with
# the factories): what the learner would read on the persona handout.
USER_ID = "hana"
PIN = "1357"  # 계좌비밀번호
APP_PIN = "135790"  # the banking app's 6-digit PIN
ACCOUNT_LABEL = "110201-01-100001 모의 입출금통장"
PHONE_LABEL = re.compile(r"010-\*{4}-0001")  # 010-2100-0001, masked
CERT_PASSWORD = "Practice#2026"  # passes every KISA rule

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WIDTHS = (("desktop", DESKTOP), ("phone", PHONE))
PHONE_ONLY = (("phone", PHONE),)  # the virtual phone's own window
DESKTOP_ONLY = (("desktop", DESKTOP),)
# How long a click, a screenshot or an expectation waits for the page. Generous: on a
# busy 2-core CI machine a renderer has stalled for more than 15 s between two frames
# (a click waiting for "stable", a screenshot for a frame); a passing test never waits it.
WAIT_MS = 30_000


def speaking(language: str):
    """What a page in ``language`` says for ``korean``: the catalogue's text, which keeps
    the Korean beside it. A message without its translation fails here, not in a
    selector."""

    def say(korean: str) -> str:
        from django.utils import translation

        with translation.override(language):
            text = translation.gettext(korean)
        assert text != korean, f"no {language} for {korean!r}"
        return text

    return say


english = speaking("en")


def choose_language(page: "Page", name: str) -> None:
    """The header's language switch: open it (the page's language, named in itself),
    then pick the language ``name`` (한국어, English, Tiếng Việt, 中文)."""
    header = page.locator("header")
    header.locator("details.language-switch > summary").click()
    header.get_by_role("button", name=name, exact=True).click()


def korean(text: str) -> str:
    return text


def heading(page: "Page", text: str):
    return page.get_by_role("heading", name=re.compile(re.escape(text)))


def slot_label(label: str) -> re.Pattern:
    """A 보안카드 slot's label, whichever slot: "보안카드 [07]번 앞 2자리"."""
    return re.compile(re.escape(label % {"n": 0}).replace("00", r"\d+"))


def type_secret(field, text: str, say=korean) -> None:
    """Type ``text`` into the secret input ``field`` (a locator) as the learner would:
    on the 보안 키패드, clicking the keys by their labels (turning to 대문자 or 특수문자
    for a key that is there), then 입력완료; with the keypad off, on the keyboard."""
    if not field.evaluate("input => input.readOnly"):
        field.fill(text)
        return
    field.click()
    pad = field.page.locator(f"#{field.get_attribute('id')}-keypad")
    expect(pad).to_be_visible()
    for char in text:
        if pad.locator("[data-keypad-page]").count():
            page = "upper" if char.isupper() else "lower" if char.isalnum() else "special"
            turn = pad.locator(f'[data-keypad-page="{page}"]')
            if turn.get_attribute("aria-pressed") != "true":
                turn.click()
        pad.locator(".keypad-page:not([hidden])").get_by_role(
            "button", name=char, exact=True
        ).click()
    expect(field).to_have_value("\u25cf" * len(text))
    pad.get_by_role("button", name=say("입력완료")).click()


class Learner:
    """One browser context: the bank pages (``page``) and the virtual phone opened in a
    second page of the same context (``phone``), which shares the browser session."""

    def __init__(self, page: "Page", context: "BrowserContext", say=korean) -> None:
        self.page = page
        self.context = context
        self.phone: Page | None = None
        self.say = say  # the page's words: korean, or english (tests/e2e/test_english.py)

    def bank(self) -> "Page":
        """The bank window, brought to the front as the learner turns to it (a window
        behind the other one gets its animation frames late, which slows every click)."""
        self.page.bring_to_front()
        return self.page

    def handset(self) -> "Page":
        """The phone's window, brought to the front."""
        self.phone.bring_to_front()
        return self.phone

    def type_secret(self, field, text: str) -> None:
        type_secret(field, text, self.say)

    # --- the bank page --------------------------------------------------------------------

    def start(self) -> None:
        page = self.bank()
        page.goto("/cert/issue/")
        say = self.say
        expect(heading(page, say("발급 전 확인"))).to_be_visible()
        page.get_by_role("button", name=say("확인했습니다, 발급 시작")).click()
        expect(heading(page, say("보안프로그램 설치"))).to_be_visible()

    def open_phone(self) -> "Page":
        """The virtual phone in a second window of the same browser."""
        self.phone = self.context.new_page()
        self.phone.set_default_timeout(WAIT_MS)
        self.phone.goto("/phone/")
        expect(self.phone.get_by_role("region", name=self.say("가상 휴대전화"))).to_be_visible()
        return self.phone

    def install(self, method: str = "통합설치") -> None:
        page = self.bank()
        page.get_by_label(method).check()  # "통합설치 (권장)"; in English, beside it
        page.get_by_role("button", name=re.compile(re.escape(self.say("설치")) + "$")).click()

    def identify(self, user_id: str = USER_ID, rrn: str = RRN) -> None:
        page = self.bank()
        front, back = rrn.split("-")
        say = self.say
        page.get_by_label(say("사용자 ID")).fill(user_id)
        page.get_by_label(say("주민등록번호 앞자리")).fill(front)
        self.type_secret(page.get_by_label(say("주민등록번호 뒷자리")), back)
        page.get_by_role("button", name=say("확인"), exact=True).click()

    def terms(self, cert_type: str = "은행·신용카드·보험용") -> None:
        page = self.bank()
        say = self.say
        page.get_by_label(say("전체 동의")).check()
        page.get_by_role("radio", name=re.compile(re.escape(say(cert_type)))).check()
        page.get_by_role("button", name=say("동의하고 다음")).click()

    def call(self) -> str:
        """Ask for the ARS call; return the 2-digit number the bank page shows."""
        page = self.bank()
        page.get_by_role("radio", name=PHONE_LABEL).check()
        page.get_by_role("button", name=re.compile(re.escape(self.say("전화 요청")) + "$")).click()
        shown = page.locator(".ars-code")
        expect(shown).to_have_text(re.compile(r"\d{2}"))
        return re.search(r"\d{2}", shown.inner_text()).group()

    def medium(self, pin: str = PIN) -> tuple[int, int]:
        """Account, 계좌비밀번호, and the two 보안카드 slots the labels ask for."""
        page = self.bank()
        say = self.say
        page.get_by_label(say("출금계좌"), exact=True).select_option(label=ACCOUNT_LABEL)
        self.type_secret(page.get_by_label(say("계좌비밀번호")), pin)
        first = page.locator("label", has_text=slot_label(say("보안카드 [%(n)02d]번 앞 2자리")))
        last = page.locator("label", has_text=slot_label(say("보안카드 [%(n)02d]번 뒤 2자리")))
        slot_a = int(re.search(r"\[(\d+)\]", first.inner_text()).group(1))
        slot_b = int(re.search(r"\[(\d+)\]", last.inner_text()).group(1))
        self.type_secret(page.get_by_label(first.inner_text()), CARD_CODES[slot_a - 1][:2])
        self.type_secret(page.get_by_label(last.inner_text()), CARD_CODES[slot_b - 1][2:])
        page.get_by_role("button", name=say("확인"), exact=True).click()
        return slot_a, slot_b

    def choose_medium(self, medium: str) -> None:
        medium = self.say(medium)
        self.page.get_by_text(medium, exact=True).click()
        expect(self.page.get_by_role("radio", name=medium)).to_be_checked()

    def storage(self, medium: str = "하드디스크", password: str = CERT_PASSWORD) -> None:
        page = self.bank()
        self.choose_medium(medium)
        say = self.say
        self.type_secret(page.get_by_label(say("인증서 암호"), exact=True), password)
        self.type_secret(page.get_by_label(say("인증서 암호 확인")), password)
        page.get_by_role("button", name=say("인증서 발급")).click()

    @property
    def session_id(self) -> str:
        return re.search(r"/cert/issue/([0-9a-f-]{36})/", self.page.url).group(1)

    def fast_forward(self, step: str) -> IssuanceSession:
        """Start in the browser, then pass the steps before ``step`` through the flow's
        services (as tests/issuance/flow does), and show ``step``: for tests about one step only.
        The whole flow through the pages is test_issuance's."""
        if "/cert/issue/" not in self.page.url:
            self.start()
        session = walk(IssuanceSession.objects.get(pk=self.session_id), step)
        self.page.goto(f"/cert/issue/{session.pk}/")
        return session

    # --- the phone ------------------------------------------------------------------------

    def keypad(self, digits: str) -> None:
        pad = self.handset().get_by_role("group", name=self.say("숫자 키패드"))
        for digit in digits:
            pad.get_by_role("button", name=digit, exact=True).click()

    def answer_call(self, digits: str) -> None:
        """The phone rings: 받기, press the digits on its keypad, 확인."""
        phone = self.handset()
        phone.get_by_role("button", name=self.say("받기")).click()
        self.keypad(digits)
        phone.get_by_role("button", name=self.say("확인"), exact=True).click()

    def approve(self, pin: str = APP_PIN) -> None:
        phone = self.handset()
        expect(heading(phone, self.say("인증 요청"))).to_be_visible()
        self.type_secret(phone.get_by_label(self.say("인증 PIN 6자리")), pin)
        phone.get_by_role("button", name=self.say("승인")).click()


# --- axe-core and screenshots -------------------------------------------------------------


def axe_source() -> str:
    """The vendored axe-core (static/vendor/axe-core-<version>/axe.min.js)."""
    (path,) = sorted((ROOT / "static" / "vendor").glob("axe-core-*/axe.min.js"))
    return path.read_text(encoding="utf-8")


AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target, impact: n.impact, html: n.html, summary: n.failureSummary,
    })),
  }));
}"""
FAILING_IMPACTS = ("serious", "critical")


def axe_violations(page: "Page") -> list[dict]:
    """axe.run() on the page and its frames (the phone beside the bank page).

    The page's CSP (script-src 'self' 'nonce-…') blocks an injected <script>, so axe
    is evaluated in each frame through the DevTools protocol, which the CSP does not
    govern; axe then audits the frames from the top document.
    """
    source = axe_source()
    for frame in page.frames:
        if frame.is_detached():
            continue
        if not frame.evaluate("() => typeof window.axe === 'object'"):
            frame.evaluate(source)
    return page.evaluate(AXE_RUN)


def target_text(target) -> str:
    """axe's target: one selector per frame level (an inner list inside shadow DOM)."""
    return " >> ".join(", ".join(part) if isinstance(part, list) else str(part) for part in target)


SCROLL_TO_TOP = (  # instant: the site's CSS asks for smooth scrolling
    "el => window.scrollTo({top: el.getBoundingClientRect().top + window.scrollY - 48,"
    " behavior: 'instant'})"
)


class Screens:
    """Screenshots of what the learner sees at two widths, each audited with axe-core.

    Screenshots go to test-artifacts/screenshots/<name>-<width>.png (git-ignored),
    every axe result to test-artifacts/axe/<name>-<width>.json; violations of
    impact serious/critical are collected and reported together by ``assert_accessible``.
    """

    def __init__(self, artifacts: Path) -> None:
        self.shots = artifacts / "screenshots"
        self.reports = artifacts / "axe"
        self.shots.mkdir(parents=True, exist_ok=True)
        self.reports.mkdir(parents=True, exist_ok=True)
        self.findings: list[str] = []
        self.audited: list[str] = []

    def capture(
        self,
        page: "Page",
        name: str,
        *,
        widths=WIDTHS,
        audit: bool = True,
        focus=None,
    ) -> None:
        """Screenshot ``page`` at each width and audit it; ``focus``: a locator scrolled
        to the top of the window (below the sticky training strip) first."""
        page.bring_to_front()  # a window behind the other one paints late
        original = page.viewport_size
        for label, size in widths:
            if page.viewport_size != size:
                page.set_viewport_size(size)
            if focus is not None and focus.count():  # framing only: never fails a test
                focus.first.evaluate(SCROLL_TO_TOP)
            page.screenshot(
                path=self.shots / f"{name}-{label}.png", animations="disabled", caret="hide"
            )
            if audit:
                self.audit(page, f"{name}-{label}")
        if original and page.viewport_size != original:
            page.set_viewport_size(original)

    def audit(self, page: "Page", name: str) -> list[dict]:
        violations = axe_violations(page)
        (self.reports / f"{name}.json").write_text(
            json.dumps({"url": page.url, "violations": violations}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        self.audited.append(name)
        for violation in violations:
            if violation["impact"] in FAILING_IMPACTS:
                targets = "; ".join(target_text(n["target"]) for n in violation["nodes"][:8])
                more = len(violation["nodes"]) - 8
                self.findings.append(
                    f"[{name}] {page.url}\n    {violation['id']} ({violation['impact']}): "
                    f"{violation['help']}\n    targets: {targets}"
                    + (f" (+{more} more)" if more > 0 else "")
                )
        return violations

    def assert_accessible(self) -> None:
        if self.findings:
            pytest.fail(
                f"axe-core: serious/critical violations on {len(self.findings)} audits "
                f"(of {len(self.audited)}):\n" + "\n".join(self.findings),
                pytrace=False,
            )
