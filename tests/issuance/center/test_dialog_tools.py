"""인증서 복사 and 인증서 삭제 inside the 인증서 선택창 (/cert/dialog/…): on the certificate
chosen in the dialog's table; a copy to another medium of this PC with the password
(the same password opens both), and a 삭제 asked twice that removes that medium's copy
only; each refusal beside its field, and nobody acts on another browser's copy."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.models import CenterEvent, CertificateCopy, Scenario
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("center:login")
ACTION = reverse("center:dialog_action")


@pytest.fixture
def copy(issuing_ca, holder):
    return certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    ).certificate.copies.get()


@pytest.fixture
def bank(client, holder):
    client.force_login(holder)
    return client


def text(response) -> str:
    return response.content.decode()


def test_the_dialog_has_copy_and_delete_under_its_table(bank, copy):
    page = text(bank.get(LOGIN))
    assert f'formaction="{ACTION}"' in page
    assert 'value="copy">인증서 복사</button>' in page
    assert 'value="delete">인증서 삭제</button>' in page


def test_a_button_opens_its_page_for_the_chosen_certificate_and_comes_back(bank, copy):
    response = bank.post(ACTION, {"copy": copy.pk, "dialog_action": "copy", "back": LOGIN})
    target = urlparse(response["Location"])
    assert target.path == reverse("center:dialog_copy", args=[copy.pk])
    assert parse_qs(target.query)["back"] == [LOGIN]
    nothing = bank.post(ACTION, {"dialog_action": "copy", "back": LOGIN}, follow=True)
    assert "복사하거나 삭제할 인증서를 목록에서 선택하세요." in text(nothing)


def test_copy_to_the_removable_disk_with_the_password(bank, copy):
    url = reverse("center:dialog_copy", args=[copy.pk]) + f"?back={LOGIN}"
    page = text(bank.get(url))
    assert 'value="usb"' in page and 'value="hdd"' not in page and 'value="phone"' not in page
    response = bank.post(url, {"medium": "usb", "password": CERT_PASSWORD})
    assert response["Location"] == LOGIN
    usb = CertificateCopy.objects.get(certificate=copy.certificate, medium="usb")
    assert certificate_login(copy=usb, password=CERT_PASSWORD, challenge=new_challenge())
    assert CenterEvent.objects.filter(action="copy", result="ok").exists()
    again = bank.post(url, {"medium": "usb", "password": CERT_PASSWORD})
    assert "선택한 저장매체에 이미 같은 인증서가 있습니다." in text(again)


def test_a_wrong_password_or_an_absent_disk_copies_nothing(bank, copy, holder):
    url = reverse("center:dialog_copy", args=[copy.pk])
    wrong = bank.post(url, {"medium": "usb", "password": "Wrong#Pass2026"})
    assert wrong.status_code == 400 and "인증서 암호가 올바르지 않습니다" in text(wrong)
    Scenario.objects.create(name="USB 없음", is_default=True, removable_disk_absent=True)
    absent = bank.post(url, {"medium": "usb", "password": CERT_PASSWORD})
    assert "선택한 저장매체가 없습니다" in text(absent)
    elsewhere = bank.post(url, {"medium": "phone", "password": CERT_PASSWORD})
    assert "이 PC의 저장매체를 선택하세요" in text(elsewhere)
    assert CertificateCopy.objects.count() == 1


def test_nothing_is_copied_out_of_a_security_token(bank, issuing_ca, holder):
    token = certificate_issue(
        customer=holder, cert_type="universal", password=CERT_PASSWORD, medium="token"
    ).certificate.copies.get()
    url = reverse("center:dialog_copy", args=[token.pk])
    response = bank.post(url, {"medium": "hdd", "password": CERT_PASSWORD})
    assert "보안토큰에 저장된 인증서는 다른 저장매체로 복사할 수 없습니다." in text(response)


def test_delete_asks_twice_then_removes_only_that_mediums_copy(bank, copy):
    usb = CertificateCopy.objects.create(
        certificate=copy.certificate, medium="usb", device=copy.device, key_file=copy.key_file
    )
    url = reverse("center:dialog_delete", args=[usb.pk])
    first = text(bank.get(url + f"?back={LOGIN}"))
    assert "삭제하시겠습니까?" in first and 'name="confirm" value="1"' in first
    second = text(bank.post(url, {"confirm": "1", "back": LOGIN}))
    assert "정말 삭제하시겠습니까?" in second and 'name="confirm" value="2"' in second
    assert CertificateCopy.objects.filter(pk=usb.pk).exists()  # asked, not yet done
    done = bank.post(url, {"confirm": "2", "back": LOGIN})
    assert done["Location"] == LOGIN
    assert list(CertificateCopy.objects.values_list("medium", flat=True)) == ["hdd"]
    assert CenterEvent.objects.filter(action="delete", result="ok").exists()


def test_another_browsers_certificate_is_not_found(client, copy):
    url = reverse("center:dialog_delete", args=[copy.pk])
    assert client.post(url, {"confirm": "2"}).status_code == 404
    assert client.post(ACTION, {"copy": copy.pk, "dialog_action": "delete"}).status_code == 404
    assert CertificateCopy.objects.count() == 1


def test_back_never_leaves_the_site(bank, copy):
    url = reverse("center:dialog_delete", args=[copy.pk])
    response = bank.post(url, {"confirm": "2", "back": "https://evil.example/"})
    assert response["Location"] == reverse("center:manage")


def test_the_removable_disk_asks_for_a_drive_before_its_certificates(bank, copy):
    usb = CertificateCopy.objects.create(
        certificate=copy.certificate, medium="usb", device=copy.device, key_file=copy.key_file
    )
    first = text(bank.get(LOGIN, {"medium": "usb"}))
    assert "드라이브 선택" in first
    assert "이동식디스크 (E:)" in first and "이동식디스크 (F:)" in first
    assert f'value="{usb.pk}"' not in first and "위에서 드라이브를 먼저 선택하세요." in first
    empty = text(bank.get(LOGIN, {"medium": "usb", "drive": "F:"}))
    assert "이 드라이브에 인증서가 없습니다" in empty and f'value="{usb.pk}"' not in empty
    e_drive = text(bank.get(LOGIN, {"medium": "usb", "drive": "E:"}))
    assert f'value="{usb.pk}"' in e_drive and 'name="drive" value="E:"' in e_drive
    no_drive = bank.post(LOGIN, {"copy": usb.pk, "password": CERT_PASSWORD, "medium": "usb"})
    assert no_drive.status_code == 400  # the copy is not listed until its drive is picked
    data = {"copy": usb.pk, "password": CERT_PASSWORD, "medium": "usb", "drive": "E:"}
    assert bank.post(LOGIN, data)["Location"] == reverse("center:login_done")
