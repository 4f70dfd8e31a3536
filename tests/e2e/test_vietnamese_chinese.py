"""The whole issuance in Vietnamese and in Chinese on a 390 px phone, as a foreign
resident walks it (issue #26): the header's language switch, every step with the Korean
words of the real page beside the learner's language, the virtual phone included; then
인증서 로그인 and the certificate centre. No screen wider than the phone (Vietnamese runs
long), every screen photographed and audited with axe-core
(test-artifacts/screenshots/vi-*.png, zh-hans-*.png)."""

import re

import pytest

from issuance.models import Certificate
from tests.e2e.support import (
    CERT_PASSWORD,
    PHONE,
    PHONE_ONLY,
    Learner,
    Screens,
    choose_language,
    expect,
    heading,
    speaking,
)

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.mark.parametrize(("language", "name"), [("vi", "Tiếng Việt"), ("zh-hans", "中文")])
def test_the_whole_issuance_in_the_learners_language_with_the_korean_beside(
    learner: Learner, screens: Screens, language, name
):
    page = learner.page
    page.set_viewport_size(PHONE)
    say = speaking(language)

    def photographed(step: str, window=page) -> None:
        window.set_viewport_size(PHONE)
        assert window.evaluate(PAGE_WIDTH) <= PHONE["width"], f"{step} is wider than a phone"
        screens.capture(window, f"{language}-{step}", widths=PHONE_ONLY)

    page.goto("/cert/issue/")
    choose_language(page, name)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(heading(page, say("발급 전 확인"))).to_be_visible()
    expect(page.locator("header details.language-switch > summary")).to_contain_text(name)
    photographed("01-prerequisites")

    learner.say = say
    learner.start()
    phone = learner.open_phone()
    expect(phone.locator("html")).to_have_attribute("lang", language)

    photographed("02-install")
    learner.install()
    expect(heading(page, say("사용자 확인"))).to_be_visible()
    photographed("03-identify")

    # A mistake first: the message beside the form is in the learner's language.
    learner.identify(rrn="850315-1234568")
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"[(（]1/5"))
    expect(page.get_by_role("alert")).not_to_contain_text("입력하신 정보가 일치하지 않습니다")
    learner.identify()

    expect(heading(page, say("약관 동의"))).to_be_visible()
    photographed("04-terms")
    learner.terms()

    code = learner.call()
    photographed("05-ars")
    learner.answer_call(code)

    expect(heading(page, say("보안매체 확인"))).to_be_visible()
    photographed("06-medium")
    learner.medium()

    expect(heading(page, say("모바일 인증"))).to_be_visible()
    photographed("07-phone-push", window=phone)
    learner.approve()

    expect(heading(page, say("저장 위치 선택 · 인증서 암호 설정"))).to_be_visible()
    photographed("08-storage")
    learner.storage()

    expect(heading(page, say("발급 완료"))).to_be_visible()
    certificate = Certificate.objects.get()
    expect(page.locator(".cert-serial")).to_have_text(certificate.serial)
    photographed("09-done")

    # 인증서 로그인 with the new certificate, in the 인증서 선택창.
    page.goto("/cert/login/")
    expect(page.get_by_role("heading", name=say("인증서 선택"))).to_be_visible()
    page.get_by_role("radio", name=re.compile("김하나")).check()
    learner.type_secret(page.get_by_label(say("인증서 암호"), exact=True), CERT_PASSWORD)
    photographed("10-cert-dialog")
    page.get_by_role("button", name=say("확인"), exact=True).click()
    expect(
        page.get_by_role("heading", name=re.compile(re.escape(say("인증서 로그인 성공"))))
    ).to_be_visible()

    page.goto("/cert/manage/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    photographed("11-manage")
    page.goto("/glossary/")
    expect(page.get_by_role("heading", name=say("용어 사전"), level=1)).to_be_visible()
    photographed("12-glossary")

    screens.assert_accessible()
