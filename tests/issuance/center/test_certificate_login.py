"""인증서 로그인: decrypt, sign, verify, status, VID — each failure with its own message."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issuance.ca import keystores
from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.devices import DEVICE_KEY
from issuance.models import CertificateCopy
from portal.refusals import Refused
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("center:login")


@pytest.fixture
def copy(issuing_ca, holder):
    issued = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    return CertificateCopy.objects.create(
        certificate=issued.certificate, device="pc", medium="hdd", key_file=issued.key_file
    )


def login_with(copy, password=CERT_PASSWORD, expected=None):
    return certificate_login(
        copy=copy, password=password, challenge=new_challenge(), expected=expected
    )


class TestService:
    def test_right_password_logs_in_after_every_check(self, copy, holder):
        result = login_with(copy)
        assert result.customer == holder
        assert len(result.checks) == 4
        assert any("VID" in check for check in result.checks)

    def test_the_copys_key_store_opens_it(self, copy, monkeypatch):
        store, asked = keystores.store_for(copy), []

        def opening(row, secret):
            asked.append(row.pk)
            return type(store).open(store, row, secret)

        monkeypatch.setattr(store, "open", opening)
        login_with(copy)
        assert asked == [copy.pk]

    def test_wrong_password_counts(self, copy):
        with pytest.raises(Refused, match=r"인증서 암호가 올바르지 않습니다 \(1/5회\)"):
            login_with(copy, password="Wrong#Pass2026")
        with pytest.raises(Refused, match=r"\(2/5회\)"):
            login_with(copy, password="Wrong#Pass2027")
        login_with(copy)  # the right one resets the count
        copy.refresh_from_db()
        assert copy.failure_count == 0

    def test_five_wrong_passwords_lock_the_copy(self, copy):
        for _ in range(5):
            with pytest.raises(Refused):
                login_with(copy, password="Wrong#Pass2026")
        with pytest.raises(Refused) as excinfo:
            login_with(copy)
        assert excinfo.value.code == "locked"

    def test_revoked(self, copy):
        certificate_revoke(certificate=copy.certificate)
        with pytest.raises(Refused, match="폐지된 인증서입니다") as excinfo:
            login_with(copy)
        assert excinfo.value.code == "revoked"

    def test_expired(self, copy):
        later = time_machine.travel(copy.certificate.not_after + timedelta(days=1))
        with later, pytest.raises(Refused, match="만료된 인증서입니다") as excinfo:
            login_with(copy)
        assert excinfo.value.code == "expired"

    def test_another_persons_certificate(self, copy):
        someone_else = CustomerFactory(rrn="900101-1000001")
        with pytest.raises(Refused, match="다른 사람의 인증서입니다") as excinfo:
            login_with(copy, expected=someone_else)
        assert excinfo.value.code == "not_yours"

    def test_damaged_key_file(self, copy):
        CertificateCopy.objects.filter(pk=copy.pk).update(key_file=b"\x30\x03garbage")
        copy.refresh_from_db()
        with pytest.raises(Refused) as excinfo:
            login_with(copy)
        assert excinfo.value.code == "damaged"


class TestDialog:
    def test_lists_only_this_browsers_certificates(self, client, copy, holder):
        assert copy.certificate.serial not in client.get(LOGIN).content.decode()
        session = client.session
        session[DEVICE_KEY] = [holder.pk]
        session.save()
        page = client.get(LOGIN).content.decode()
        assert "김" in page or holder.name in page
        assert "yessignCA-SIM Class 3" in page
        assert client.get(LOGIN, {"medium": "usb"}).content.decode().count('name="copy"') == 0

    def test_logs_in_and_shows_the_checks(self, client, copy, holder):
        client.force_login(holder)
        client.get(LOGIN)
        response = client.post(LOGIN, {"copy": copy.pk, "password": CERT_PASSWORD, "medium": "hdd"})
        assert response["Location"] == reverse("center:login_done")
        page = client.get(reverse("center:login_done")).content.decode()
        assert "VID" in page and copy.certificate.serial in page
        assert int(client.session["_auth_user_id"]) == holder.pk

    def test_wrong_password_beside_the_field(self, client, copy, holder):
        client.force_login(holder)
        response = client.post(
            LOGIN, {"copy": copy.pk, "password": "Wrong#Pass2026", "medium": "hdd"}
        )
        assert response.status_code == 400
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in response.content.decode()
        assert "password" in response.context["form"].errors

    def test_another_devices_certificate_cannot_be_posted(self, copy):
        stranger = Client()
        stranger.force_login(CustomerFactory())
        response = stranger.post(
            LOGIN, {"copy": copy.pk, "password": CERT_PASSWORD, "medium": "hdd"}
        )
        assert response.status_code == 400
        assert "이 저장매체에 있는 인증서를 선택하세요" in response.content.decode()

    def test_done_page_needs_a_login(self, client):
        assert client.get(reverse("center:login_done"))["Location"] == LOGIN


def test_expired_in_the_dialog_reads_the_date(client, copy, holder):
    with time_machine.travel(copy.certificate.not_after + timedelta(days=2)):
        client.force_login(holder)  # a session from before would have expired too
        response = client.post(LOGIN, {"copy": copy.pk, "password": CERT_PASSWORD, "medium": "hdd"})
    assert "만료된 인증서입니다" in response.content.decode()
    assert (
        timezone.localtime(copy.certificate.not_after).strftime("%Y-%m-%d")
        in response.content.decode()
    )


def test_next_is_followed_only_on_this_site(client, copy, holder):
    client.force_login(holder)
    data = {"copy": copy.pk, "password": CERT_PASSWORD, "medium": "hdd"}
    response = client.post(LOGIN + "?next=/cert/", data)
    assert response["Location"] == "/cert/"
    response = client.post(LOGIN + "?next=https://evil.example/", data)
    assert response["Location"] == reverse("center:login_done")


class TestEveryStateListed:
    """Every certificate on the medium is listed with its state, newest first; a revoked
    or expired one is refused with its own message, however it got there."""

    def test_revoked_by_the_admin_is_listed_and_refused(self, admin_client, copy, holder):
        admin_client.post(
            reverse("admin:issuance_certificate_changelist"),
            {"action": "revoke_selected", "_selected_action": [copy.certificate.pk]},
        )
        browser = Client()
        browser.force_login(holder)
        page = browser.get(LOGIN).content.decode()
        assert copy.certificate.serial in page and "폐지" in page
        response = browser.post(
            LOGIN, {"medium": "hdd", "copy": copy.pk, "password": CERT_PASSWORD}
        )
        assert "폐지된 인증서입니다" in response.content.decode()

    def test_states_and_order(self, client, copy, holder):
        newer = certificate_issue(customer=holder, cert_type="universal", password=CERT_PASSWORD)
        CertificateCopy.objects.create(
            certificate=newer.certificate, device="pc", medium="hdd", key_file=newer.key_file
        )
        client.force_login(holder)
        page = client.get(LOGIN).content.decode()
        assert page.index(newer.certificate.serial) < page.index(copy.certificate.serial)
        assert page.count(">유효<") >= 2
        with time_machine.travel(copy.certificate.not_after + timedelta(days=1)):
            client.logout()  # a year later: a new visit, and a new login
            client.force_login(holder)
            page = client.get(LOGIN).content.decode()
            assert "만료" in page
            response = client.post(
                LOGIN, {"medium": "hdd", "copy": copy.pk, "password": CERT_PASSWORD}
            )
            assert "만료된 인증서입니다" in response.content.decode()


class TestChallenge:
    def test_showing_the_dialog_to_a_visitor_creates_no_session(self, client, db):
        from django.contrib.sessions.models import Session

        response = client.get(LOGIN)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
        assert not Session.objects.exists()

    def test_a_challenge_is_signed_and_used_once(self, client, copy, holder):
        import re

        client.force_login(holder)
        page = client.get(LOGIN).content.decode()
        token = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
        data = {"medium": "hdd", "copy": copy.pk, "password": CERT_PASSWORD, "challenge": token}
        assert client.post(LOGIN, data).status_code == 302
        client.force_login(holder)
        replayed = client.post(LOGIN, data).content.decode()
        assert "이미 사용한 확인 값입니다" in replayed
        forged = client.post(LOGIN, {**data, "challenge": token[:-2] + "xx"}).content.decode()
        assert "이미 사용한 확인 값입니다" in forged


@pytest.mark.parametrize("target", ["on", "center:home", "//evil.example/"])
def test_a_next_that_is_no_path_of_this_site_goes_to_the_result(client, copy, holder, target):
    """``?next=on`` once reached ``redirect("on")``: NoReverseMatch, a 500."""
    client.force_login(holder)
    data = {"copy": copy.pk, "password": CERT_PASSWORD, "medium": "hdd"}
    assert client.get(f"{LOGIN}?next={target}").status_code == 200
    response = client.post(f"{LOGIN}?next={target}", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("center:login_done")


def test_the_dialog_says_days_left_in_red_under_thirty_days_and_has_the_keypad(
    client, copy, holder
):
    client.force_login(holder)
    page = client.get(LOGIN).content.decode()
    assert "cert-expires-soon" not in page  # a year left
    assert "보안키패드 사용" in page and "&lt;Caps Lock&gt;이 켜져 있습니다." in page
    later = Client()  # this browser's session from a year before would be idle-expired
    with time_machine.travel(copy.certificate.not_after - timedelta(days=12, hours=1)):
        later.force_login(holder)
        page = later.get(LOGIN).content.decode()
    assert '<span class="cert-expires-soon">만료 12일 전</span>' in page
