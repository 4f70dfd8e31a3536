"""The failure branches in the browser, each as the learner meets it: what the bank
page and the virtual phone say, and that the learner can go on (or must stop).
The states only a branch reaches are photographed and audited with axe-core here
(the rest: test_accessibility)."""

import re

import pytest

from issuance import pki
from issuance.flow import messages
from issuance.flow.machine import Step
from issuance.models import Scenario
from issuance.pki_messages import password_rule_messages
from tests.e2e.support import CERT_PASSWORD, PHONE_ONLY, Learner, expect, heading

pytestmark = pytest.mark.django_db(transaction=True)


def test_push_denied_on_the_phone_stops_the_issuance(learner: Learner, screens):
    page = learner.page
    learner.fast_forward(Step.PUSH)
    expect(page.get_by_text("인증 요청을 보냈습니다")).to_be_visible()
    phone = learner.open_phone()
    expect(heading(phone, "인증 요청")).to_be_visible()
    expect(phone.get_by_text("PIN 없이 '거부'를 누르세요")).to_be_visible()
    screens.capture(phone, "phone-push-deny", widths=PHONE_ONLY)
    phone.get_by_role("button", name="거부").click()  # no PIN: only an approval needs it
    expect(phone.get_by_role("status")).to_contain_text("인증 요청을 거부했습니다.")

    # The bank page notices by itself (it polls) and shows why it stopped.
    expect(heading(page, "인증서 발급이 중단되었습니다")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text(str(messages.PUSH_DENIED))
    expect(page.get_by_role("link", name="처음부터 다시")).to_be_visible()
    screens.capture(page, "stopped-denied")
    screens.assert_accessible()


def test_wrong_ars_digits_then_the_right_ones(learner: Learner, screens):
    page = learner.page
    learner.fast_forward(Step.ARS)
    learner.open_phone()
    code = learner.call()
    wrong = "00"  # the codes are 10-99
    assert code != wrong
    learner.answer_call(wrong)
    expect(learner.phone.get_by_role("status")).to_contain_text("번호가 일치하지 않습니다.")
    expect(page.get_by_role("alert")).to_contain_text("입력하신 번호가 일치하지 않습니다 (1/5회)")
    screens.capture(page, "06-ars-wrong")
    screens.capture(learner.phone, "phone-call-wrong", widths=PHONE_ONLY)

    # 다시 시도 → 다시 전화 요청: a new call and a new number; this time the right one.
    learner.bank().get_by_role("link", name="다시 시도").click()
    expect(page.get_by_role("button", name="다시 전화 요청")).to_be_visible()
    code = learner.call()
    learner.answer_call(code)
    expect(learner.phone.get_by_role("status")).to_contain_text("인증되었습니다")
    expect(heading(page, "보안매체 확인")).to_be_visible()
    screens.assert_accessible()


def test_install_fails_once_then_the_reinstall_works(learner: Learner, screens):
    Scenario.objects.create(name="설치 실패", is_default=True, install_fails_once=True)
    page = learner.page
    learner.start()
    learner.install("필수 프로그램만 설치")
    failure = page.get_by_role("alert")
    expect(failure).to_contain_text("설치에 실패했습니다")
    expect(failure).to_contain_text("저장")  # the tip: 저장 후 실행
    screens.capture(page, "03-install-failed")
    page.get_by_role("button", name="다시 설치").click()
    expect(heading(page, "사용자 확인")).to_be_visible()
    screens.assert_accessible()


def test_password_rules_are_checked_live_while_typing(learner: Learner):
    page = learner.page
    learner.fast_forward(Step.STORAGE)
    expect(heading(page, "저장 위치")).to_be_visible()
    rules = page.get_by_role("list", name="인증서 암호 규칙")
    expect(rules.get_by_role("listitem")).to_have_count(len(pki.PASSWORD_RULES))
    expect(rules).not_to_contain_text("✗")
    storage_url = page.url

    password = page.get_by_label("인증서 암호", exact=True)
    password.press_sequentially("abc111")
    for rule in ("too_short", "no_special", "sequential", "repeated"):
        expect(
            rules.get_by_role("listitem").filter(has_text=password_rule_messages()[rule])
        ).to_contain_text("✗")
    expect(
        rules.get_by_role("listitem").filter(has_text=password_rule_messages()["no_letter"])
    ).to_contain_text("✓")
    assert page.url == storage_url  # nothing was submitted

    password.fill("")
    password.press_sequentially(CERT_PASSWORD)
    expect(rules).not_to_contain_text("✗")
    expect(rules.get_by_text("✓")).to_have_count(len(pki.PASSWORD_RULES))


def test_chosen_medium_not_present(learner: Learner):
    Scenario.objects.create(name="USB 없음", is_default=True, removable_disk_absent=True)
    page = learner.page
    learner.fast_forward(Step.STORAGE)
    learner.storage("이동식디스크", CERT_PASSWORD)
    expect(page.get_by_text(re.compile("선택한 저장매체가 없습니다"))).to_be_visible()
    expect(heading(page, "저장 위치")).to_be_visible()

    # Another medium: the certificate is issued.
    learner.storage("하드디스크", CERT_PASSWORD)
    expect(heading(page, "발급 완료")).to_be_visible()
