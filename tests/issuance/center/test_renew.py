"""갱신 (/cert/renew/): only from 30 days before expiry until expiry; the renewed
certificate keeps the subject, has a new key, runs one year from the old expiry, and
supersedes the old one. The window's edges are walked with time-machine."""

from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom import services as classroom_services
from classroom.models import SeatPersona
from issuance import pki
from issuance.ca.renewal import certificate_into_renewal_window
from issuance.ca.services import certificate_issue
from issuance.models import CenterEvent, Certificate, CertificateCopy
from tests.factories import CustomerFactory
from tests.fixtures.classroom import join
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
WINDOW = timedelta(days=30)


@pytest.fixture
def copy(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


def page_at(client, holder, moment, copy) -> str:
    with time_machine.travel(moment, tick=False):
        client.logout()
        client.force_login(holder)
        return client.get(reverse("center:renew", args=[copy.pk])).content.decode()


class TestTheWindow:
    def test_a_day_before_the_window_it_is_too_early(self, client, holder, copy):
        opens = copy.certificate.not_after - WINDOW
        page = page_at(client, holder, opens - timedelta(days=1), copy)
        assert "갱신 기간이 아닙니다 (만료 30일 전부터)" in page
        assert f"{opens.astimezone(pki.KST):%Y-%m-%d}부터 갱신할 수 있습니다" in page
        assert 'name="password"' not in page

    def test_the_window_opens_thirty_days_before_expiry(self, client, holder, copy):
        opens = copy.certificate.not_after - WINDOW
        page = page_at(client, holder, opens + timedelta(seconds=1), copy)
        assert "갱신 기간이 아닙니다" not in page and 'name="password"' in page

    def test_the_last_moment_before_expiry_still_renews(self, client, holder, copy):
        last = copy.certificate.not_after - timedelta(seconds=1)
        assert 'name="password"' in page_at(client, holder, last, copy)

    def test_after_expiry_only_a_new_issuance(self, client, holder, copy):
        page = page_at(client, holder, copy.certificate.not_after + timedelta(seconds=1), copy)
        assert "만료된 인증서는 갱신할 수 없습니다. 공동인증서를 새로 발급받으세요." in page
        assert reverse("flow:prerequisites") in page

    def test_the_list_says_which_can_be_renewed(self, client, holder, copy):
        client.force_login(holder)
        page = client.get(reverse("center:renew_choose")).content.decode()
        assert "갱신 기간이 아닙니다" in page
        certificate_into_renewal_window(certificate=copy.certificate)
        page = client.get(reverse("center:renew_choose")).content.decode()
        assert "갱신하기" in page


class TestRenewal:
    @pytest.fixture
    def due(self, copy):
        certificate_into_renewal_window(certificate=copy.certificate)
        copy.refresh_from_db()
        return copy

    def test_the_renewed_certificate_keeps_the_subject_with_a_new_key_for_a_year(
        self, client, holder, due
    ):
        old = due.certificate
        old_x509 = x509.load_der_x509_certificate(bytes(old.der))
        client.force_login(holder)
        response = client.post(reverse("center:renew", args=[due.pk]), {"password": CERT_PASSWORD})
        assert response.status_code == 302
        new = Certificate.objects.get(replaces=old)
        new_x509 = x509.load_der_x509_certificate(bytes(new.der))
        assert new.subject_dn == old.subject_dn and new_x509.subject == old_x509.subject
        assert new_x509.public_key().public_numbers() != old_x509.public_key().public_numbers()
        assert new.not_after.date() == (old.not_after + timedelta(days=365)).date() or (
            new.not_after.date() == (old.not_after + timedelta(days=366)).date()
        )
        old.refresh_from_db()
        assert old.revoked_at is not None and old.revocation_reason == "superseded"
        on_disk = CertificateCopy.objects.get(medium="hdd")
        assert on_disk.certificate == new
        contents = pki.read_key_file(bytes(on_disk.key_file), CERT_PASSWORD)
        assert pki.key_matches_certificate(contents.private_key, new_x509)
        assert pki.vid_matches(new_x509, holder.rrn, contents.random_num)
        page = client.get(response.url).content.decode()
        assert "인증서를 갱신했습니다" in page
        assert CenterEvent.objects.filter(action="renew", result="ok").exists()

    def test_a_wrong_password_renews_nothing(self, client, holder, due):
        client.force_login(holder)
        response = client.post(reverse("center:renew", args=[due.pk]), {"password": "Wrong#2026"})
        assert response.status_code == 400
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in response.content.decode()
        assert Certificate.objects.count() == 2  # the original and its re-signed one
        assert CenterEvent.objects.filter(action="renew", result="failed").exists()

    def test_a_renewed_certificate_cannot_be_renewed_again(self, client, holder, due):
        client.force_login(holder)
        client.post(reverse("center:renew", args=[due.pk]), {"password": CERT_PASSWORD})
        copy = CertificateCopy.objects.get(medium="hdd")
        page = client.get(reverse("center:renew", args=[copy.pk])).content.decode()
        assert "갱신 기간이 아닙니다" in page  # a year away from its window


def test_another_banks_certificate_moved_into_the_window_stays_that_banks(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd", bank_code="088"
    )
    moved = certificate_into_renewal_window(certificate=issued.certificate)
    assert moved.bank_code == "088" and not moved.issued_here


class TestTheTrainersClick:
    def test_the_seat_action_moves_the_learners_certificate_into_the_window(self, issuing_ca):
        trainer = CustomerFactory(is_trainer=True, rrn=None)
        classroom = classroom_services.classroom_create(
            trainer=trainer, name="갱신반", situations=["has-certificate"]
        )
        learner_client, seat = join(classroom)
        customer = SeatPersona.objects.get(seat=seat).customer
        certificate = Certificate.objects.get(customer=customer)
        assert (certificate.not_after - certificate.issued_at).days > 300
        trainer_client = Client()
        trainer_client.force_login(trainer)
        url = reverse("trainer:seat_action", args=[classroom.code, seat.number, "renewal-window"])
        assert trainer_client.post(url).status_code == 302
        moved = Certificate.objects.valid().get(customer=customer)
        assert 19 <= (moved.not_after - timezone.now()).days <= 20
        copy = CertificateCopy.objects.get(certificate=moved)
        page = learner_client.get(reverse("center:renew", args=[copy.pk])).content.decode()
        assert 'name="password"' in page


class TestThePromptAfterALogin:
    """As banks do: a login with a certificate within 30 days of expiry asks to renew."""

    def login(self, client, holder, copy):
        client.force_login(holder)
        client.get(reverse("center:login"))
        data = {"copy": copy.pk, "password": CERT_PASSWORD, "medium": copy.medium}
        assert client.post(reverse("center:login"), data)["Location"] == reverse(
            "center:login_done"
        )
        return client.get(reverse("center:login_done")).content.decode()

    def test_in_the_window_the_done_page_offers_to_renew(self, client, holder, copy):
        certificate_into_renewal_window(certificate=copy.certificate)  # 20 days left
        copy.refresh_from_db()
        page = self.login(client, holder, copy)
        assert "인증서 만료일이 20일 남았습니다. 지금 갱신하시겠습니까?" in page
        assert reverse("center:renew", args=[copy.pk]) in page

    def test_outside_the_window_nothing_is_asked(self, client, holder, copy):
        page = self.login(client, holder, copy)
        assert "지금 갱신하시겠습니까" not in page
