"""읽어 주기 in a real browser, with ``speechSynthesis`` replaced by a recorder (the test
hears nothing; it reads what would have been said, in which language, how fast): the
step's own text in ko-KR at the normal rate; en-US on an English page; in 쉬운 화면 each
new screen read by itself, slower, until the learner turns that off; a browser without
a voice for the language is told so on the button. The real API is there in Chromium.
The certificate dialog, a 인증센터 page (its title and body) and an error's alert read
their own visible words too.
"""

import re

import pytest

from tests.e2e.support import Learner, choose_language, expect

pytestmark = pytest.mark.django_db(transaction=True)

RECORDER = """
window.__spoken = [];
const voices = %s;
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  speak(u) { window.__spoken.push({text: u.text, lang: u.lang, rate: u.rate}); },
  cancel() {}, getVoices() { return voices; }, addEventListener() {},
}});
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
"""
KOREAN_AND_ENGLISH = '[{"lang": "ko-KR"}, {"lang": "en-US"}]'


def spoken(page) -> list[dict]:
    return page.evaluate("() => window.__spoken")


def card_text(page) -> str:
    """What the learner sees in the step's card, without the voice bar itself."""
    text = page.locator(".flow-card").evaluate(
        """card => { const copy = card.cloneNode(true);
        const unsaid = '[data-speak-skip], [hidden], [aria-hidden="true"]';
        copy.querySelectorAll(unsaid).forEach(n => n.remove());
        return copy.textContent; }"""
    )
    return re.sub(r"\s+", " ", text).strip()


def test_the_step_is_read_in_korean_in_its_own_words(page, context, learner: Learner):
    context.add_init_script(RECORDER % KOREAN_AND_ENGLISH)
    page.goto("/cert/issue/")
    page.locator(".flow-card").get_by_role("button", name="읽어 주기").click()
    (said,) = spoken(page)
    assert said["lang"] == "ko-KR" and said["rate"] == 1
    assert said["text"] == card_text(page) and "발급 전 확인" in said["text"]


def test_an_english_page_is_read_in_english(page, context, learner: Learner):
    context.add_init_script(RECORDER % KOREAN_AND_ENGLISH)
    page.goto("/cert/issue/")
    choose_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".flow-card").get_by_role("button", name=re.compile("Read aloud")).click()
    (said,) = spoken(page)
    assert said["lang"] == "en-US" and said["text"] == card_text(page)


def test_easy_view_reads_each_new_screen_slower_until_turned_off(page, context, learner):
    context.add_init_script(RECORDER % KOREAN_AND_ENGLISH)
    page.goto("/cert/issue/")
    page.locator("header").get_by_role("button", name=re.compile("쉬운 화면")).click()
    expect(page.locator("html")).to_have_class(re.compile("easy-view"))
    page.goto("/cert/issue/")
    expect(page.locator(".flow-card")).to_contain_text("발급 전 확인")
    page.wait_for_function("() => window.__spoken.length > 0")
    said = spoken(page)[-1]
    assert said["rate"] == 0.8 and "발급 전 확인" in said["text"]
    toggle = page.get_by_role("button", name="새 화면 자동으로 읽기")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(page.locator(".flow-card")).to_contain_text("발급 전 확인")
    expect(page.get_by_role("button", name="새 화면 자동으로 읽기")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert spoken(page) == []  # nothing read by itself once turned off


def test_without_a_voice_for_the_language_the_button_says_so(page, context, learner):
    context.add_init_script(RECORDER % '[{"lang": "en-US"}]')
    page.goto("/cert/issue/")
    button = page.locator(".flow-card .btn-voice")
    button.click()
    expect(button).to_contain_text("이 언어의 음성이 없습니다")
    assert spoken(page) == []


def test_the_real_speech_api_is_there(page, learner):
    page.goto("/cert/issue/")
    assert page.evaluate(
        "() => 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window"
    )


def region_text(page, selector: str) -> str:
    """What the learner sees in the regions ``selector`` names, in the page's order,
    without what is never read (the voice bars, hidden parts)."""
    text = page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector)).map(region => {
        const copy = region.cloneNode(true);
        const unsaid = '[data-speak-skip], script, style, template, [hidden], [aria-hidden="true"]';
        copy.querySelectorAll(unsaid).forEach(n => n.remove());
        return copy.textContent; }).join(" ")""",
        selector,
    )
    return re.sub(r"\s+", " ", text).strip()


def test_the_certificate_dialog_and_the_centre_page_read_their_own_words(page, context):
    context.add_init_script(RECORDER % KOREAN_AND_ENGLISH)
    page.goto("/cert/login/")
    dialog = page.locator(".cert-dialog")
    dialog.get_by_role("button", name="읽어 주기").click()
    (said,) = spoken(page)
    assert said["text"] == region_text(page, ".cert-dialog")
    assert "인증서 선택" in said["text"] and "인증서 암호" in said["text"]

    page.locator(".page-header").get_by_role("button", name="읽어 주기").click()
    said = spoken(page)[-1]
    assert said["text"] == region_text(page, ".page-header h1, .page-header + .container")
    assert said["text"].startswith("인증서 로그인")


def test_an_error_reads_its_own_words(page, context):
    context.add_init_script(RECORDER % KOREAN_AND_ENGLISH)
    page.goto("/banking/login/")
    page.locator("#id_user_id").fill("nobody")
    page.locator("#id_password").fill("wrong-pass-1!")
    page.locator("form").filter(has=page.locator("#id_password")).get_by_role(
        "button", name="로그인"
    ).click()
    alert = page.locator(".alert[data-speak-region]")
    expect(alert).to_be_visible()
    alert.get_by_role("button", name="읽어 주기").click()
    (said,) = spoken(page)
    assert said["text"] == region_text(page, ".alert[data-speak-region]")
    assert said["text"] and "읽어 주기" not in said["text"]
