"""인증서 관리 → 금융인증서 in a browser (the Django test client): the tab, what each
page says beside its field, and nobody reaching another customer's 금융인증서 or device."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.ca.authority import certificate_status
from issuance.devices import CLOUD_COOKIE, CLOUD_SESSION_KEY, cloud_key_hash
from issuance.flow import finance
from issuance.flow.machine import Step
from issuance.models import CertificateCopy, CloudDevice, StorageMedium
from tests.factories import CustomerFactory
from tests.fixtures.flow import FINANCE_PIN, walk

pytestmark = pytest.mark.django_db
NEW_PIN = "582039"


@pytest.fixture
def copy(ready, finance_ca) -> CertificateCopy:
    certificate = walk(finance.finance_start(), Step.COMPLETED).certificate
    return certificate.copies.get(medium=StorageMedium.CLOUD)


@pytest.fixture
def browser(client, ready):
    client.force_login(ready)
    return client


def text(response) -> str:
    return response.content.decode()


def test_the_paths_are_under_cert_finance():
    assert reverse("center:finance_manage") == "/cert/finance/manage/"
    assert reverse("center:finance_pin_change", args=[1]) == "/cert/finance/manage/1/pin/"
    assert reverse("center:finance_devices") == "/cert/finance/devices/"


def test_a_visitor_is_sent_to_log_in(client, copy):
    response = client.get(reverse("center:finance_manage"))
    assert response.status_code == 302
    assert "next=/cert/finance/manage/" in response["Location"]


def test_the_page_shows_the_certificate_its_tabs_and_that_it_cannot_be_exported(browser, copy):
    page = text(browser.get(reverse("center:finance_manage")))
    certificate = copy.certificate
    assert f'href="{reverse("center:manage")}"' in page  # the 공동인증서 tab
    assert "금융인증서는 클라우드에 보관되어 내보낼 수 없습니다" in page
    assert reverse("portal:info", args=["certificates"]) in page
    assert certificate.serial in page
    assert certificate.issuer.name in page
    assert f"{timezone.localtime(certificate.not_after):%Y-%m-%d}" in page
    assert f"만료 {certificate.days_left}일 전" in page
    assert reverse("center:finance_pin_change", args=[copy.pk]) in page


def test_the_centre_home_links_the_tab(client):
    assert reverse("center:finance_manage") in text(client.get(reverse("center:home")))


def test_a_locked_certificate_says_so_and_links_the_reissue(browser, copy):
    CertificateCopy.objects.filter(pk=copy.pk).update(failure_count=5, locked_at=timezone.now())
    page = text(browser.get(reverse("center:finance_manage")))
    assert "비밀번호 5회 오류로 잠김 — 재발급 필요" in page
    assert reverse("flow:finance_start") in page
    assert reverse("center:finance_revoke", args=[copy.pk]) not in page


def test_pin_change_shows_each_refusal_beside_its_field(browser, copy):
    url = reverse("center:finance_pin_change", args=[copy.pk])
    assert browser.get(url).status_code == 200
    wrong = {"old_pin": "000001", "new_pin": NEW_PIN, "new_pin_confirm": NEW_PIN}
    response = browser.post(url, wrong)
    assert response.status_code == 400
    assert "금융인증서 비밀번호가 올바르지 않습니다 (1/5회)" in text(response)
    assert response.context["form"].errors["old_pin"]
    rule = {"old_pin": FINANCE_PIN, "new_pin": "111482", "new_pin_confirm": "111482"}
    response = browser.post(url, rule)
    assert "같은 숫자를 3번 이상" in response.context["form"].errors["new_pin"][0]
    short = {"old_pin": FINANCE_PIN, "new_pin": "12", "new_pin_confirm": "12"}
    response = browser.post(url, short)
    assert "숫자 6자리" in response.context["form"].errors["new_pin"][0]
    ok = {"old_pin": FINANCE_PIN, "new_pin": NEW_PIN, "new_pin_confirm": NEW_PIN}
    response = browser.post(url, ok, follow=True)
    assert response.redirect_chain[-1][0] == reverse("center:finance_manage")
    assert "금융인증서 비밀번호를 변경했습니다" in text(response)


def test_revoke_with_the_pin(browser, copy):
    url = reverse("center:finance_revoke", args=[copy.pk])
    response = browser.post(url, {"pin": FINANCE_PIN}, follow=True)
    assert "금융인증서를 폐지했습니다" in text(response)
    assert certificate_status(int(copy.certificate.serial, 16)).status == "revoked"
    assert browser.post(url, {"pin": FINANCE_PIN}).status_code == 400  # 이미 폐지


def test_renew_before_its_window_says_from_when(browser, copy):
    url = reverse("center:finance_renew", args=[copy.pk])
    opens = copy.certificate.not_after - timedelta(days=90)
    page = text(browser.get(url))
    assert f"{timezone.localtime(opens):%Y-%m-%d}부터 갱신할 수 있습니다" in page
    assert browser.post(url, {"pin": FINANCE_PIN}).status_code == 400


def test_renew_in_its_window(client, ready, copy):
    url = reverse("center:finance_renew", args=[copy.pk])
    with time_machine.travel(copy.certificate.not_after - timedelta(days=10), tick=False):
        client.force_login(ready)  # years on: the login of today is long gone (자동 로그아웃)
        response = client.post(url, {"pin": FINANCE_PIN}, follow=True)
    assert "금융인증서를 갱신했습니다" in text(response)
    assert copy.certificate.customer.certificates.count() == 2


def test_another_customers_certificate_is_404(client, copy):
    client.force_login(CustomerFactory())
    for name in ("finance_pin_change", "finance_revoke", "finance_renew"):
        url = reverse(f"center:{name}", args=[copy.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"pin": FINANCE_PIN}).status_code == 404
    assert copy.certificate.serial not in text(client.get(reverse("center:finance_manage")))


def test_a_cloud_this_browser_is_connected_to_is_listed_without_login(client, copy):
    session = client.session
    session[CLOUD_SESSION_KEY] = [copy.certificate.customer_id]
    session.save()
    assert copy.certificate.serial in text(client.get(reverse("center:finance_manage")))


def test_posts_need_the_csrf_token(ready, copy):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ready)
    url = reverse("center:finance_revoke", args=[copy.pk])
    assert strict.post(url, {"pin": FINANCE_PIN}).status_code == 403


def test_connected_devices_mark_this_one_and_disconnect_only_own(browser, ready):
    browser.cookies[CLOUD_COOKIE] = "this-browser-key"
    here = CloudDevice.objects.create(
        customer=ready, key_hash=cloud_key_hash("this-browser-key"), label="Chrome · Windows PC"
    )
    other = CloudDevice.objects.create(customer=ready, key_hash="c" * 64, label="Safari · iPhone")
    theirs = CloudDevice.objects.create(
        customer=CustomerFactory(), key_hash="d" * 64, label="Edge · PC"
    )
    page = text(browser.get(reverse("center:finance_devices")))
    assert "Chrome · Windows PC" in page and "Safari · iPhone" in page
    assert "Edge · PC" not in page
    assert page.count("이 기기</span>") == 1
    url = reverse("center:finance_device_disconnect")
    assert browser.post(url, {"device": theirs.pk}).status_code == 404
    assert browser.post(url, {"device": "x"}).status_code == 404
    assert CloudDevice.objects.filter(pk=theirs.pk).exists()
    response = browser.post(url, {"device": other.pk}, follow=True)
    assert "자동연결을 해제했습니다" in text(response)
    assert list(CloudDevice.objects.filter(customer=ready)) == [here]
    assert browser.get(url).status_code == 405


def test_this_visits_connection_ends(client, ready):
    other = CustomerFactory()
    session = client.session
    session[CLOUD_SESSION_KEY] = [ready.pk]
    session.save()
    url = reverse("center:finance_device_disconnect")
    assert "이 기기 연결 끊기" in text(client.get(reverse("center:finance_devices")))
    assert client.post(url, {"here": other.pk}).status_code == 404
    client.post(url, {"here": ready.pk})
    assert client.session[CLOUD_SESSION_KEY] == {}
