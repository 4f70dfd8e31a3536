"""The whole issuance in a real browser, as a learner does it: the bank page in one
window, the virtual phone in a second window of the same browser; then 인증서 로그인
with the new certificate, and the downloads opened by other software."""

import re
import zipfile

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import pkcs12

from issuance.flow.machine import Step
from issuance.models import Certificate
from tests.e2e.support import CERT_PASSWORD, Learner, expect, heading

pytestmark = pytest.mark.django_db(transaction=True)


def test_full_issuance_with_the_phone_in_a_second_window_then_certificate_login(
    learner: Learner,
):
    page = learner.page
    learner.start()
    phone = learner.open_phone()

    # 2. 보안프로그램 설치: 통합설치, the progress bar, then on by itself.
    learner.install("통합설치")
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(heading(page, "사용자 확인")).to_be_visible()

    # 3. 사용자 확인: ID + 주민등록번호 6 + 7 (the back part is a password field).
    expect(page.get_by_label("주민등록번호 뒷자리")).to_have_attribute("type", "password")
    learner.identify()
    expect(heading(page, "약관 동의")).to_be_visible()

    # 4. 약관: 전체 동의 ticks every term; 은행용.
    page.get_by_label("전체 동의").check()
    for term in ("전자금융거래 기본약관", "공동인증서비스 이용약관", "고유식별정보 처리 동의"):
        expect(page.get_by_role("checkbox", name=re.compile(term))).to_be_checked()
    page.get_by_role("radio", name=re.compile("은행·신용카드·보험용")).check()
    page.get_by_role("button", name="동의하고 다음").click()
    expect(heading(page, "추가 본인인증")).to_be_visible()

    # 5. ARS: the phone rings; the number shown on the bank page, typed on the phone's keypad.
    code = learner.call()
    expect(phone.get_by_role("heading", name=re.compile("ARS 인증"))).to_be_visible()
    learner.answer_call(code)
    expect(phone.get_by_role("status")).to_contain_text("인증되었습니다. 은행 화면으로 돌아가세요.")
    expect(heading(page, "보안매체 확인")).to_be_visible()

    # 6. 보안매체: account, PIN, the two 보안카드 slots the labels ask for.
    learner.medium()
    expect(heading(page, "모바일 인증")).to_be_visible()
    expect(page.get_by_text("인증 요청을 보냈습니다")).to_be_visible()

    # 7. The banking app's request, approved with the 6-digit PIN pad.
    expect(phone.get_by_text("인증서 발급")).to_be_visible()
    learner.approve()
    expect(phone.get_by_role("status")).to_contain_text("승인되었습니다")
    expect(heading(page, "저장 위치")).to_be_visible()

    # 8-9. 하드디스크, the password twice → 발급 완료 with the serial.
    learner.storage("하드디스크", CERT_PASSWORD)
    expect(heading(page, "발급 완료")).to_be_visible()
    expect(page.get_by_text("공동인증서가 발급되었습니다.")).to_be_visible()
    certificate = Certificate.objects.get()
    expect(page.locator(".cert-serial")).to_have_text(certificate.serial)
    expect(page.get_by_role("row", name=re.compile("^이름"))).to_contain_text("김하나")
    expect(page.get_by_role("row", name=re.compile("^저장 위치"))).to_contain_text("하드디스크")

    # 인증서 로그인 with the new certificate.
    page.goto("/cert/login/")
    expect(page.get_by_role("heading", name="인증서 선택")).to_be_visible()
    page.get_by_role("radio", name=re.compile("김하나, 은행·신용카드·보험용")).check()
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_role("heading", name="인증서 로그인에 성공했습니다")).to_be_visible()
    expect(page.get_by_text(certificate.serial)).to_be_visible()


def test_downloads_open_with_pypinksign_and_cryptography(learner: Learner, tmp_path):
    pypinksign = pytest.importorskip("pypinksign", reason="PyPinkSign is not installed")
    page = learner.page
    learner.fast_forward(Step.COMPLETED)  # the pages of every step: the test above
    expect(heading(page, "발급 완료")).to_be_visible()
    certificate = Certificate.objects.get()
    cert = x509.load_der_x509_certificate(bytes(certificate.der))

    # The NPKI zip: NPKI/yessign/USER/<DN>/signCert.der + signPri.key.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("NPKI 파일 내려받기")).click()
    archive = download_info.value.path()
    with zipfile.ZipFile(archive) as npki:
        names = npki.namelist()
        npki.extractall(tmp_path)
    folder = tmp_path / "NPKI" / "yessign" / "USER" / certificate.subject_dn
    assert sorted(names) == sorted(
        f"NPKI/yessign/USER/{certificate.subject_dn}/{name}"
        for name in ("signCert.der", "signPri.key")
    )
    sign = pypinksign.PinkSign(pubkey_path=str(folder / "signCert.der"))
    sign.load_prikey(
        prikey_path=str(folder / "signPri.key"), prikey_password=CERT_PASSWORD.encode()
    )
    assert sign.serialnum() == int(certificate.serial, 16)
    message = "이체 10,000원".encode()
    signature = sign.sign(message)
    cert.public_key().verify(signature, message, padding.PKCS1v15(), hashes.SHA256())

    # The .p12 asks for the certificate password.
    page.get_by_label("인증서 암호").fill(CERT_PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="PKCS#12(.p12)로 내려받기").click()
    p12 = download_info.value
    assert p12.suggested_filename == f"{certificate.serial}.p12"
    key, p12_cert, chain = pkcs12.load_key_and_certificates(
        p12.path().read_bytes(), CERT_PASSWORD.encode()
    )
    assert p12_cert == cert
    assert key.public_key().public_numbers() == cert.public_key().public_numbers()
    assert [c.subject.rfc4514_string() for c in chain] == [cert.issuer.rfc4514_string()]


def test_the_phone_beside_the_page_stays_from_step_to_step(learner: Learner):
    """The steps come in place of the page (hx-boost, and HX-Location after a poll): the
    phone's frame beside them is loaded once and keeps running, its state included."""
    page = learner.page
    frame_loads = []
    page.on(
        "request",
        lambda request: (
            frame_loads.append(request.url)
            if request.resource_type == "document" and request.url.endswith("/phone/")
            else None
        ),
    )
    learner.start()
    learner.install("통합설치")
    expect(heading(page, "사용자 확인")).to_be_visible()
    learner.identify()
    expect(heading(page, "약관 동의")).to_be_visible()
    phone = page.frame_locator("#phone-frame")
    expect(phone.get_by_role("region", name="가상 휴대전화")).to_be_visible()
    page.evaluate("document.getElementById('phone-frame').contentWindow.stayed = 'yes'")

    learner.terms()
    expect(heading(page, "추가 본인인증")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/ars/$"))  # the address follows the step
    code = learner.call()
    phone.get_by_role("button", name="받기").click()
    pad = phone.get_by_role("group", name="숫자 키패드")
    for digit in code:
        pad.get_by_role("button", name=digit, exact=True).click()
    phone.get_by_role("button", name="확인", exact=True).click()
    expect(heading(page, "보안매체 확인")).to_be_visible()  # the poll's HX-Location
    expect(page).to_have_url(re.compile(r"/medium/$"))
    expect(page).to_have_title(re.compile("보안매체"))

    stayed = page.evaluate("document.getElementById('phone-frame').contentWindow.stayed")
    assert stayed == "yes"
    assert len(frame_loads) == 1, frame_loads
