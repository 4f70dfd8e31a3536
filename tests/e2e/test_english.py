"""The whole issuance in English, as a foreign resident walks it: the header's English
button, then every step with the Korean words of the real page beside the English, the
phone included; then 인증서 로그인 and the certificate centre. Every screen photographed
and audited with axe-core (test-artifacts/screenshots/en-*.png)."""

import re

import pytest

from issuance.models import Certificate
from tests.e2e.support import (
    CERT_PASSWORD,
    PHONE_ONLY,
    Learner,
    Screens,
    choose_language,
    english,
    expect,
    heading,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_whole_issuance_in_english_with_the_korean_beside(learner: Learner, screens: Screens):
    page = learner.page
    page.goto("/cert/issue/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^ko"))
    choose_language(page, "English")

    # The page is English now, remembered by the browser, with the Korean beside.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading(page, "Pre-issue check (발급 전 확인)")).to_be_visible()
    expect(page.locator("header details.language-switch > summary")).to_contain_text("English")
    screens.capture(page, "en-01-prerequisites")

    learner.say = english
    learner.start()
    phone = learner.open_phone()
    expect(phone.locator("html")).to_have_attribute("lang", "en")

    # 보안프로그램 설치 → 사용자 확인.
    screens.capture(page, "en-02-install")
    learner.install()
    expect(heading(page, "User verification (사용자 확인)")).to_be_visible()
    back = page.get_by_label("Resident registration number, last 7 digits (주민등록번호 뒷자리)")
    expect(back).to_have_attribute("type", "password")
    screens.capture(page, "en-03-identify")

    # A mistake first: the message beside the form is English.
    learner.identify(rrn="850315-1234568")
    expect(page.get_by_role("alert")).to_contain_text("(1/5")
    expect(page.get_by_role("alert")).not_to_contain_text("입력하신 정보가 일치하지 않습니다")
    learner.identify()

    # 약관 동의 and the certificate type.
    expect(heading(page, "Agree to the terms (약관 동의)")).to_be_visible()
    screens.capture(page, "en-04-terms")
    learner.terms()

    # ARS: the call on the phone, its screen in English.
    expect(heading(page, "Additional identity verification by ARS (추가 본인인증")).to_be_visible()
    code = learner.call()
    screens.capture(page, "en-05-ars")
    learner.answer_call(code)
    expect(phone.get_by_role("status")).to_contain_text("Verified. Go back to the bank screen.")

    # 보안매체: account, PIN and the 보안카드 slots, labelled in English with the Korean.
    expect(heading(page, "Security medium check (보안매체 확인)")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Security card \(보안카드\) no\. \[\d+\]")).first
    ).to_be_visible()
    screens.capture(page, "en-06-medium")
    learner.medium()

    # The banking app's push approval.
    expect(heading(page, "Mobile authentication (모바일 인증)")).to_be_visible()
    screens.capture(phone, "en-07-phone-push", widths=PHONE_ONLY)
    learner.approve()
    expect(phone.get_by_role("status")).to_contain_text("Approved")

    # 저장 위치 and the certificate password, its rules in English.
    expect(heading(page, "Choose storage location (저장 위치 선택)")).to_be_visible()
    page.get_by_label("Certificate password (인증서 암호)", exact=True).fill("short")
    expect(page.get_by_text(re.compile("at least 10 characters", re.I)).first).to_be_visible()
    screens.capture(page, "en-08-storage")
    learner.storage()

    expect(heading(page, "Issue complete (발급 완료)")).to_be_visible()
    expect(page.get_by_text("Your joint certificate (공동인증서) has been issued")).to_be_visible()
    certificate = Certificate.objects.get()
    expect(page.locator(".cert-serial")).to_have_text(certificate.serial)
    screens.capture(page, "en-09-done")

    # 인증서 로그인 with the new certificate, in the 인증서 선택창.
    page.goto("/cert/login/")
    expect(page.get_by_role("heading", name="Select certificate (인증서 선택)")).to_be_visible()
    page.get_by_role("radio", name=re.compile("김하나")).check()
    page.get_by_label("Certificate password (인증서 암호)").fill(CERT_PASSWORD)
    screens.capture(page, "en-10-cert-dialog")
    page.get_by_role("button", name="Confirm (확인)", exact=True).click()
    expect(
        page.get_by_role("heading", name=re.compile("Certificate login successful"))
    ).to_be_visible()

    # The certificate centre and the glossary.
    page.goto("/cert/manage/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screens.capture(page, "en-11-manage")
    page.goto("/glossary/")
    expect(page.get_by_role("heading", name="Glossary (용어 사전)", level=1)).to_be_visible()
    screens.capture(page, "en-12-glossary")

    screens.assert_accessible()
