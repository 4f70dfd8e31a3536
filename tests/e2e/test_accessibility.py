"""Every screen of the flow, the dialogs and the phone, audited with axe-core and
photographed at desktop (1280×800) and phone (390×844) widths.

One walk through the flow, with the error states that cost no extra waiting (a
scenario makes the USB disk absent); the branch tests photograph and audit the
states only they reach (install failure, wrong ARS number, push denied).
Screenshots: test-artifacts/screenshots/ (git-ignored); each audit's full result:
test-artifacts/axe/. The test fails on any violation of impact serious or critical,
listing every one (rule id, help, target selectors).
"""

import re

import pytest

from issuance.models import Scenario
from tests.e2e.support import (
    CERT_PASSWORD,
    DESKTOP_ONLY,
    PHONE_ONLY,
    Learner,
    Screens,
    expect,
    heading,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_screen_is_accessible_and_photographed(learner: Learner, screens: Screens):
    Scenario.objects.create(name="USB 없음", is_default=True, removable_disk_absent=True)
    page = learner.page

    page.goto("/cert/")
    screens.capture(page, "01-center")
    page.goto("/cert/issue/")
    expect(heading(page, "발급 전 확인")).to_be_visible()
    screens.capture(page, "02-prerequisites")

    learner.start()
    screens.capture(page, "03-install")
    learner.install()
    expect(heading(page, "사용자 확인")).to_be_visible()

    # 사용자 확인, with a mismatch first.
    screens.capture(page, "04-identify")
    learner.identify(rrn="850315-1234568")
    expect(page.get_by_role("alert")).to_contain_text("입력하신 정보가 일치하지 않습니다 (1/5회)")
    screens.capture(page, "04-identify-error")
    learner.identify()
    expect(heading(page, "약관 동의")).to_be_visible()

    # 약관: a term opened in the dialog, a missing agreement, then 전체 동의.
    screens.capture(page, "05-terms")
    page.get_by_role("link", name=re.compile("내용 보기")).first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="약관 내용")).to_be_visible()
    expect(dialog).not_to_contain_text("불러오는 중")
    screens.capture(page, "05-terms-dialog")
    dialog.get_by_role("button", name="닫기").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="동의하고 다음").click()
    expect(page.get_by_text("필수 약관에 모두 동의해야")).to_be_visible()
    screens.capture(page, "05-terms-error")
    learner.terms()
    expect(heading(page, "추가 본인인증")).to_be_visible()

    # ARS. The phone in its own window rings; here the call is answered on the phone
    # shown beside the bank page (the frame), which the full-flow test does not use.
    phone = learner.open_phone()
    screens.capture(page, "06-ars")
    screens.capture(phone, "phone-idle", widths=PHONE_ONLY)
    code = learner.call()
    expect(phone.get_by_role("button", name="받기")).to_be_visible()
    screens.capture(page, "06-ars-call")
    screens.capture(phone, "phone-call-ringing", widths=PHONE_ONLY)
    phone.get_by_role("button", name="받기").click()
    screens.capture(phone, "phone-call-keypad", widths=PHONE_ONLY)

    beside = learner.bank().frame_locator("iframe[title='가상 휴대전화']")
    beside.get_by_role("button", name="받기").click()
    pad = beside.get_by_role("group", name="숫자 키패드")
    for digit in code:
        pad.get_by_role("button", name=digit, exact=True).click()
    columns = page.locator(".flow-columns")  # the step and the phone side by side
    screens.capture(page, "06-ars-beside-phone", widths=DESKTOP_ONLY, focus=columns)
    beside.get_by_role("button", name="확인", exact=True).click()
    # The bank page moves on by itself, and the frame goes with it: wait for where the
    # learner ends up, not for the phone's notice inside a page that is being replaced.
    expect(heading(page, "보안매체 확인")).to_be_visible()

    # 보안매체 확인, a wrong 계좌비밀번호 first.
    screens.capture(page, "07-medium")
    learner.medium(pin="0000")
    expect(page.get_by_text("계좌비밀번호가 올바르지 않습니다 (1/5회)")).to_be_visible()
    screens.capture(page, "07-medium-error")
    learner.medium()
    expect(heading(page, "모바일 인증")).to_be_visible()

    # 모바일 인증: the request on the phone, approved with the PIN pad.
    expect(heading(phone, "인증 요청")).to_be_visible()
    screens.capture(page, "08-push")
    screens.capture(page, "08-push-beside-phone", widths=DESKTOP_ONLY, audit=False, focus=columns)
    screens.capture(phone, "phone-push", widths=PHONE_ONLY)
    learner.approve()
    expect(phone.get_by_role("status")).to_contain_text("승인되었습니다")
    screens.capture(phone, "phone-push-approved", widths=PHONE_ONLY)
    expect(heading(page, "저장 위치")).to_be_visible()

    # 저장 위치·인증서 암호: the rules live, then the refusals, then the certificate.
    screens.capture(page, "09-storage")
    rules = page.get_by_role("list", name="인증서 암호 규칙")
    page.get_by_label("인증서 암호", exact=True).press_sequentially("abc111")
    expect(rules).to_contain_text("✗")
    screens.capture(page, "09-storage-rules", widths=DESKTOP_ONLY, focus=columns)
    screens.capture(
        page, "09-storage-rules", widths=PHONE_ONLY, focus=page.locator(".password-area")
    )
    learner.choose_medium("이동식디스크")
    page.get_by_label("인증서 암호 확인").fill("abc112")
    page.get_by_role("button", name="인증서 발급").click()
    expect(page.get_by_text(re.compile("선택한 저장매체가 없습니다"))).to_be_visible()
    screens.capture(page, "09-storage-error")
    learner.storage("하드디스크", CERT_PASSWORD)
    expect(heading(page, "발급 완료")).to_be_visible()
    screens.capture(page, "10-done")
    screens.capture(page, "10-done-details", audit=False, focus=page.locator(".done-banner"))

    # The certificate selection dialog: a wrong password, then 로그인.
    page.goto("/cert/login/")
    screens.capture(page, "11-cert-dialog")
    dialog = page.get_by_role("region", name="인증서 선택")
    screens.capture(page, "11-cert-dialog-whole", widths=DESKTOP_ONLY, audit=False, focus=dialog)
    page.get_by_label("인증서 암호").fill("Wrong#Pass2026")
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_text("인증서 암호가 올바르지 않습니다 (1/5회)")).to_be_visible()
    screens.capture(page, "11-cert-dialog-error")
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_role("heading", name="인증서 로그인에 성공했습니다")).to_be_visible()
    screens.capture(page, "12-login-done")

    page.goto("/cert/find-id/")
    screens.capture(page, "13-find-id")

    screens.assert_accessible()
