"""After issuance, in a real browser, through the menus: 인증서 관리 (암호 변경, 폐지),
스마트폰 인증서 복사 with the 12-digit 인증번호, a signed 계좌 이체 whose receipt shows
the signature, 타기관 인증서 등록 with the ARS call on the phone, and 보안프로그램
설치 ahead of the flow. Screenshots for the README."""

import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from issuance.ca.services import certificate_issue
from issuance.models import CertificateCopy, Transfer
from tests.e2e.support import (
    CERT_PASSWORD,
    DESKTOP_ONLY,
    PHONE_ONLY,
    PIN,
    USER_ID,
    Learner,
    expect,
    heading,
)
from tests.fixtures.flow import CARD_CODES

pytestmark = pytest.mark.django_db(transaction=True)

LOGIN_PASSWORD = "practice-pw-1!"  # the factories' internet-banking password
NEW_PASSWORD = "Changed#Cert27"


@pytest.fixture
def on_pc(ready, issuing_ca) -> CertificateCopy:
    """김하나's certificate, issued earlier, on this PC's hard disk."""
    issued = certificate_issue(
        customer=ready, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


def log_in(page) -> None:
    page.goto("/banking/login/")
    page.get_by_label("사용자 ID").fill(USER_ID)
    page.get_by_label("비밀번호").fill(LOGIN_PASSWORD)
    page.locator("form").get_by_role("button", name="로그인", exact=True).click()
    expect(page.get_by_text("김하나님")).to_be_visible()


def menu(page, top: str, entry: str) -> None:
    """A main-menu entry, as the learner opens it."""
    page.goto("/")
    page.get_by_role("button", name=top, exact=True).click()
    dropdown = page.get_by_role("list", name=top, exact=True)
    dropdown.get_by_role("link", name=entry, exact=True).click()


def certificate_login(page, password: str) -> None:
    menu(page, "인증센터", "인증서 로그인")
    expect(heading(page, "인증서 로그인")).to_be_visible()
    page.get_by_label("인증서 암호").fill(password)
    page.get_by_role("button", name="확인", exact=True).click()


def test_password_change_then_login_with_the_new_password(learner: Learner, on_pc, screens):
    page = learner.page
    log_in(page)
    page.goto("/")
    page.get_by_role("button", name="인증센터", exact=True).click()
    screens.capture(page, "home-cert-menu", widths=DESKTOP_ONLY, audit=False)
    menu(page, "인증센터", "인증서 관리")
    expect(heading(page, "인증서 관리")).to_be_visible()
    expect(page.get_by_text("유효", exact=True)).to_be_visible()
    screens.capture(page, "center-manage")

    page.get_by_role("link", name="암호 변경").click()
    page.get_by_label("현재 인증서 암호").fill(CERT_PASSWORD)
    page.get_by_label("새 인증서 암호", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("새 인증서 암호 확인").fill(NEW_PASSWORD)
    screens.capture(page, "center-password", widths=DESKTOP_ONLY)
    page.get_by_role("button", name="암호 변경").click()
    expect(page.get_by_text("인증서 암호를 변경했습니다.")).to_be_visible()

    certificate_login(page, CERT_PASSWORD)
    expect(page.get_by_text("인증서 암호가 올바르지 않습니다 (1/5회)")).to_be_visible()
    page.get_by_label("인증서 암호").fill(NEW_PASSWORD)
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_role("heading", name="인증서 로그인에 성공했습니다")).to_be_visible()
    screens.assert_accessible()


def test_revoke_then_login_is_refused(learner: Learner, on_pc):
    page = learner.page
    log_in(page)
    menu(page, "인증센터", "인증서 관리")
    page.get_by_role("link", name="폐지").click()
    expect(page.get_by_role("note")).to_contain_text("폐지한 인증서는 다시 쓸 수 없습니다")
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    page.get_by_role("button", name="폐지").click()
    expect(
        page.get_by_text(f"인증서를 폐지했습니다 (일련번호 {on_pc.certificate.serial})")
    ).to_be_visible()
    expect(page.get_by_text("폐지", exact=True).first).to_be_visible()

    certificate_login(page, CERT_PASSWORD)
    expect(page.get_by_text("폐지된 인증서입니다")).to_be_visible()
    expect(page.get_by_role("heading", name="인증서 로그인에 성공했습니다")).to_have_count(0)


def test_pc_to_phone_copy_with_the_12_digit_number(learner: Learner, on_pc, screens):
    page = learner.page
    log_in(page)
    phone = learner.open_phone()
    phone.get_by_role("button", name=re.compile(r"인증서 가져오기 \(PC → 스마트폰\)")).click()
    shown = phone.locator("[data-copy-code]")
    expect(shown).to_have_text(re.compile(r"^\d{4}-\d{4}-\d{4}$"))
    code = shown.inner_text()
    screens.capture(phone, "phone-copy-code", widths=PHONE_ONLY)

    learner.bank()
    menu(page, "인증센터", "스마트폰 인증서 복사")
    page.get_by_role("link", name="PC에서 스마트폰으로 복사").click()
    expect(heading(page, "인증서 복사 (PC → 스마트폰)")).to_be_visible()
    page.get_by_label("인증번호 12자리").fill("0000" + code[4:])  # a typo first
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    page.get_by_role("button", name="복사", exact=True).click()
    if code[:4] != "0000":
        expect(page.get_by_text("인증번호가 일치하지 않습니다 (1/5회)")).to_be_visible()
    page.get_by_label("인증번호 12자리").fill(code)
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    screens.capture(page, "center-copy-to-phone", widths=DESKTOP_ONLY)
    page.get_by_role("button", name="복사", exact=True).click()

    expect(page.get_by_text("인증서를 복사했습니다")).to_be_visible()
    expect(page.get_by_role("link", name="휴대전화", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    on_phone = CertificateCopy.objects.get(medium="phone")
    assert on_phone.certificate_id == on_pc.certificate_id
    expect(learner.handset().get_by_text("인증서 복사 (PC → 스마트폰): 완료")).to_be_visible()


def test_a_signed_transfer_and_its_receipt(learner: Learner, on_pc, screens):
    page = learner.page
    log_in(page)
    menu(page, "개인", "이체")
    expect(heading(page, "계좌 이체")).to_be_visible()
    page.get_by_label("출금계좌").select_option(index=1)
    page.get_by_label("계좌비밀번호").fill(PIN)
    page.get_by_label("입금은행").select_option(label="신한은행 (모의)")
    page.get_by_label("입금계좌번호").fill("110123456789")
    page.get_by_label("이체금액(원)").fill("5,000")
    page.get_by_role("button", name="다음").click()

    expect(heading(page, "이체 내용 확인")).to_be_visible()
    first = page.locator("label", has_text=re.compile(r"보안카드 \[\d+\]번 앞 2자리"))
    last = page.locator("label", has_text=re.compile(r"보안카드 \[\d+\]번 뒤 2자리"))
    slot_a = int(re.search(r"\[(\d+)\]", first.inner_text()).group(1))
    slot_b = int(re.search(r"\[(\d+)\]", last.inner_text()).group(1))
    page.get_by_label(first.inner_text()).fill(CARD_CODES[slot_a - 1][:2])
    page.get_by_label(last.inner_text()).fill(CARD_CODES[slot_b - 1][2:])
    page.get_by_role("button", name="확인", exact=True).click()

    expect(heading(page, "전자서명")).to_be_visible()
    expect(page.locator("[data-signed-text]")).to_contain_text("5,000")
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    screens.capture(page, "transfer-sign", widths=DESKTOP_ONLY)
    page.get_by_role("button", name="확인", exact=True).click()

    expect(heading(page, "이체가 완료되었습니다")).to_be_visible()
    expect(heading(page, "전자서명 정보")).to_be_visible()
    expect(page.get_by_text("sha256WithRSAEncryption")).to_be_visible()
    expect(page.get_by_text(on_pc.certificate.serial)).to_be_visible()
    screens.capture(page, "transfer-receipt")

    # The signature on the receipt, verified with cryptography alone.
    transfer = Transfer.objects.get()
    cert = x509.load_der_x509_certificate(bytes(on_pc.certificate.der))
    cert.public_key().verify(
        bytes(transfer.signature),
        transfer.signed_text.encode("utf-8"),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    page.get_by_role("link", name="거래내역 보기").click()
    expect(page.get_by_role("cell", name=re.compile("5,000")).first).to_be_visible()
    screens.assert_accessible()


def test_another_banks_certificate_registered_with_the_ars_call(
    learner: Learner, ready, issuing_ca, screens
):
    certificate_issue(
        customer=ready, cert_type="bank", password=CERT_PASSWORD, medium="hdd", bank_code="088"
    )
    page = learner.page
    log_in(page)
    certificate_login(page, CERT_PASSWORD)
    expect(page.get_by_text("다른 은행에서 발급받은 인증서입니다")).to_be_visible()
    page.get_by_role("link", name="타기관 인증서 등록하러 가기").click()

    expect(heading(page, "타기관 인증서 등록")).to_be_visible()
    page.get_by_label("주민등록번호 앞자리").fill("850315")
    page.get_by_label("주민등록번호 뒷자리").fill("1234567")
    screens.capture(page, "center-register-identify")
    page.get_by_role("button", name="다음").click()
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    screens.capture(page, "center-register-certificate", widths=DESKTOP_ONLY)
    page.get_by_role("button", name="확인", exact=True).click()

    shown = page.locator("[data-ars-digits]")
    expect(shown).to_have_text(re.compile(r"^\d{2}$"))
    digits = shown.inner_text()
    learner.open_phone()
    expect(learner.phone.get_by_role("heading", name=re.compile("ARS 인증"))).to_be_visible()
    screens.capture(page, "center-register-ars", widths=DESKTOP_ONLY)
    learner.answer_call(digits)
    expect(learner.phone.get_by_role("status")).to_contain_text("인증되었습니다")

    learner.bank()
    expect(heading(page, "타기관 인증서 등록이 완료되었습니다")).to_be_visible()
    expect(page.get_by_text("신한은행 (모의)").first).to_be_visible()
    screens.capture(page, "center-register-done", widths=DESKTOP_ONLY)
    page.get_by_role("link", name="인증서 로그인 해 보기").click()
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_role("heading", name="인증서 로그인에 성공했습니다")).to_be_visible()
    screens.assert_accessible()


def test_security_programs_installed_ahead_pass_the_flows_step(learner: Learner, screens):
    page = learner.page
    menu(page, "인증센터", "보안프로그램 설치")
    expect(page.get_by_text("아직 보안프로그램이 설치되어 있지 않습니다")).to_be_visible()
    page.get_by_role("button", name="설치", exact=True).click()
    expect(page.get_by_text("이 PC에 보안프로그램이 설치되어 있습니다")).to_be_visible()
    screens.capture(page, "center-security")

    page.goto("/cert/issue/")
    page.get_by_role("button", name="확인했습니다, 발급 시작").click()
    expect(page.get_by_text("이 PC에 보안프로그램이 이미 설치되어 있습니다")).to_be_visible()
    page.get_by_role("button", name="다음").click()
    expect(heading(page, "사용자 확인")).to_be_visible()
    screens.assert_accessible()
