"""재발급: a learner who already holds a certificate goes through the flow again; the
old certificate is revoked, and the selection dialog refuses it."""

import re

import pytest

from issuance.ca.services import certificate_issue
from issuance.flow.machine import Step
from issuance.models import Certificate, CertificateCopy
from tests.e2e.support import CERT_PASSWORD, Learner, expect, heading

pytestmark = pytest.mark.django_db(transaction=True)

OLD_PASSWORD = "Earlier#Cert26"


def test_reissue_revokes_the_old_certificate_which_can_no_longer_log_in(learner: Learner, ready):
    old = certificate_issue(customer=ready, cert_type="bank", password=OLD_PASSWORD)
    CertificateCopy.objects.create(
        certificate=old.certificate, device="pc", medium="hdd", key_file=old.key_file
    )
    page = learner.page

    learner.fast_forward(Step.TERMS)
    expect(heading(page, "약관 동의")).to_be_visible()
    expect(page.get_by_role("note").filter(has_text="재발급됩니다")).to_be_visible()
    learner.terms()
    expect(heading(page, "추가 본인인증")).to_be_visible()

    learner.fast_forward(Step.STORAGE)  # ARS, 보안매체, 모바일 인증: the other tests' part
    expect(page.get_by_role("note").filter(has_text=old.certificate.serial)).to_contain_text(
        "기존 인증서는 폐지되고"
    )
    learner.storage("하드디스크", CERT_PASSWORD)
    expect(heading(page, "발급 완료")).to_be_visible()
    expect(page.get_by_text("공동인증서가 재발급되었습니다.")).to_be_visible()
    expect(
        page.get_by_text(f"기존 인증서(일련번호 {old.certificate.serial})는 폐지되었습니다.")
    ).to_be_visible()
    new = Certificate.objects.get(replaces=old.certificate)
    expect(page.locator(".cert-serial")).to_have_text(new.serial)

    # The selection dialog lists both; the old one, marked 폐지, is refused.
    page.goto("/cert/login/")
    expect(page.get_by_role("radio")).to_have_count(2)
    page.get_by_role("radio", name=re.compile("폐지")).check()
    page.get_by_label("인증서 암호").fill(OLD_PASSWORD)
    page.get_by_role("button", name="확인", exact=True).click()
    expect(page.get_by_text("폐지된 인증서입니다")).to_be_visible()
    expect(page.get_by_role("heading", name="인증서 로그인에 성공했습니다")).to_have_count(0)
