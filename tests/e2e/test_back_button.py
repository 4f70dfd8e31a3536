"""The browser's back button after a corrected error never lands on Chromium's "Confirm
Form Resubmission" page (in the flow, the certificate centre and the bank), and the
whole 주민등록번호 pasted into the first box fills both boxes."""

import re

import pytest

from tests.e2e.support import RRN, USER_ID, Learner, expect, heading

pytestmark = pytest.mark.django_db(transaction=True)

RESUBMISSION = re.compile("Confirm Form Resubmission|ERR_CACHE_MISS|양식 다시 제출")


def assert_not_resubmission(page) -> None:
    expect(page.locator("body")).not_to_have_text(RESUBMISSION)
    expect(page.locator(".training-strip")).to_be_visible()  # our page, not the browser's


def test_back_after_a_corrected_identity_check_shows_the_flow(learner: Learner):
    page = learner.page
    learner.start()
    learner.install()
    expect(heading(page, "사용자 확인")).to_be_visible()
    learner.identify(rrn=RRN[:7] + "0000000")  # wrong: the page answers the POST
    expect(page.get_by_text(re.compile("입력하신 정보가 일치하지 않습니다"))).to_be_visible()
    learner.identify()  # right
    expect(heading(page, "약관 동의")).to_be_visible()

    page.go_back()

    # The entry of the error page is a plain GET now: the server shows where the
    # session really is (the terms), never the browser's resubmission page.
    expect(heading(page, "약관 동의")).to_be_visible()
    assert_not_resubmission(page)


def test_back_after_a_corrected_login_password_in_the_bank(learner: Learner, ready):
    page = learner.page
    page.goto("/banking/login/")
    page.get_by_label("사용자 ID").fill(USER_ID)
    page.get_by_label("비밀번호").fill("wrong-password-1")
    page.get_by_role("button", name="로그인").last.click()
    expect(page.get_by_role("alert")).to_be_visible()  # a POST answered with the form

    ready.set_password("right-password-1!")
    ready.save()
    page.get_by_label("비밀번호").fill("right-password-1!")
    page.get_by_role("button", name="로그인").last.click()
    expect(page.locator(".user-greeting")).to_be_visible()

    page.go_back()
    assert_not_resubmission(page)


def test_the_whole_number_pasted_into_the_first_box_fills_both(learner: Learner):
    page = learner.page
    learner.start()
    learner.install()
    expect(heading(page, "사용자 확인")).to_be_visible()
    front = page.get_by_label("주민등록번호 앞자리")
    front.focus()
    page.evaluate(
        """([selector, text]) => {
          const input = document.querySelector(selector);
          const data = new DataTransfer();
          data.setData("text/plain", text);
          input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                           cancelable: true}));
        }""",
        ["[data-rrn-pair] input", RRN],
    )
    expect(front).to_have_value(RRN[:6])
    expect(page.get_by_label("주민등록번호 뒷자리")).to_have_value(RRN[7:])
    page.get_by_label("사용자 ID").fill(USER_ID)
    page.get_by_role("button", name="확인", exact=True).click()
    expect(heading(page, "약관 동의")).to_be_visible()


def test_the_whole_number_typed_into_the_first_box_fills_both(learner: Learner):
    page = learner.page
    learner.start()
    learner.install()
    expect(heading(page, "사용자 확인")).to_be_visible()
    page.get_by_label("사용자 ID").fill(USER_ID)
    page.get_by_label("주민등록번호 앞자리").press_sequentially(RRN)  # 850315-1234567
    expect(page.get_by_label("주민등록번호 앞자리")).to_have_value(RRN[:6])
    expect(page.get_by_label("주민등록번호 뒷자리")).to_have_value(RRN[7:])
    page.get_by_role("button", name="확인", exact=True).click()
    expect(heading(page, "약관 동의")).to_be_visible()
