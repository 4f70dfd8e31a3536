"""The 인증서 선택창 as banks show it today, in a real browser: the 보안 키패드 beside the
password (with its switch), 인증서 복사 to the 이동식디스크 and 인증서 삭제 asked twice, the
drive picked before the USB's certificates, and 만료 N일 전 in red; audited with axe and
photographed at 1280 and 390 px."""

import re
from datetime import timedelta

import pytest
import time_machine

from issuance.ca.services import certificate_issue
from issuance.models import CertificateCopy
from tests.e2e.support import CERT_PASSWORD, Learner, Screens, expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.keypad]


@pytest.fixture
def on_pc(ready, issuing_ca) -> CertificateCopy:
    """김하나's certificate on this PC's hard disk, and the browser that holds it."""
    issued = certificate_issue(
        customer=ready, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


def open_dialog(learner: Learner, ready, query: str = "") -> None:
    """Log in to internet banking (the password on the letters keypad), then open 인증서
    로그인's dialog."""
    page = learner.page
    page.goto("/banking/login/")
    page.get_by_label("사용자 ID").fill(ready.user_id)
    learner.type_secret(page.get_by_label("비밀번호"), "practice-pw-1!")
    page.locator("form").get_by_role("button", name="로그인", exact=True).click()
    expect(page.get_by_text(f"{ready.name}님")).to_be_visible()
    page.goto(f"/cert/login/{query}")
    expect(page.get_by_role("heading", name="인증서 선택")).to_be_visible()


def test_copy_to_the_usb_pick_its_drive_then_delete_it_twice(
    learner: Learner, on_pc, ready, screens: Screens
):
    page = learner.page
    open_dialog(learner, ready)
    password = page.get_by_label("인증서 암호")
    expect(password).to_have_attribute("readonly", "")  # the 보안 키패드 beside it
    password.click()
    screens.capture(
        page, "cert-dialog-keypad", focus=page.get_by_role("heading", name="인증서 선택")
    )

    # 인증서 복사, on the certificate chosen in the table.
    page.get_by_role("button", name="인증서 복사").click()
    expect(page.get_by_role("heading", name="인증서 복사", level=1)).to_be_visible()
    page.get_by_label("이동식디스크").check()
    learner.type_secret(page.get_by_label("인증서 암호"), CERT_PASSWORD)
    page.get_by_role("button", name="복사", exact=True).click()
    expect(page.get_by_text("인증서를 복사했습니다 (하드디스크 → 이동식디스크).")).to_be_visible()
    expect(page.get_by_role("heading", name="인증서 선택")).to_be_visible()

    # 이동식디스크: a drive first; F: holds nothing, E: holds the copy.
    page.get_by_role("link", name="이동식디스크", exact=True).click()
    expect(page.get_by_text("위에서 드라이브를 먼저 선택하세요.")).to_be_visible()
    screens.capture(
        page, "cert-dialog-drives", focus=page.get_by_role("heading", name="인증서 선택")
    )
    page.get_by_role("link", name=re.compile(r"\(F:\)")).click()
    expect(page.get_by_text("이 드라이브에 인증서가 없습니다")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"\(E:\)")).click()
    expect(page.get_by_role("radio", name=re.compile("김하나"))).to_be_checked()

    # 인증서 삭제: asked twice, then only the USB's copy is gone.
    page.get_by_role("button", name="인증서 삭제").click()
    expect(page.get_by_text("이동식디스크에 저장된 이 인증서를 삭제하시겠습니까?")).to_be_visible()
    page.get_by_role("button", name="삭제", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("정말 삭제하시겠습니까?")
    page.get_by_role("button", name="예, 삭제합니다").click()
    expect(page.get_by_text("이동식디스크의 인증서를 삭제했습니다.", exact=False)).to_be_visible()
    assert list(CertificateCopy.objects.values_list("medium", flat=True)) == ["hdd"]
    screens.assert_accessible()


def test_under_thirty_days_the_dialog_says_how_many_in_red(learner: Learner, on_pc, ready):
    with time_machine.travel(on_pc.certificate.not_after - timedelta(days=9, hours=1), tick=True):
        open_dialog(learner, ready)
        soon = learner.page.get_by_text("만료 9일 전")
        expect(soon).to_be_visible()
        expect(soon).to_have_css("color", "rgb(176, 42, 55)")


def test_the_security_token_asks_for_its_own_pin_first(
    learner: Learner, ready, issuing_ca, screens: Screens
):
    on_token = certificate_issue(
        customer=ready, cert_type="universal", password=CERT_PASSWORD, medium="token"
    ).certificate.copies.get()
    page = learner.page
    open_dialog(learner, ready, "?medium=token")
    expect(page.get_by_text("처음 쓰는 보안토큰입니다.", exact=False)).to_be_visible()
    screens.capture(
        page, "cert-dialog-token", focus=page.get_by_role("heading", name="인증서 선택")
    )
    learner.type_secret(page.get_by_role("textbox", name="보안토큰 PIN*", exact=True), "24681357")
    learner.type_secret(page.get_by_role("textbox", name="보안토큰 PIN 확인*"), "24681357")
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_role("radio", name=re.compile("김하나"))).to_be_checked()
    assert page.locator(f"#copy-{on_token.pk}").count() == 1
    screens.assert_accessible()
