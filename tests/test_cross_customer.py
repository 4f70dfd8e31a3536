"""Cross-customer access: two browsers, two learners of one class, each with their own
persona. Every URL that names a session, a copy, a token or a certificate of one of
them is refused to the other."""

import pytest
from django.test import Client
from django.urls import reverse

from classroom.handouts import handout_of
from classroom.models import SeatPersona
from classroom.services import classroom_create
from issuance.flow.machine import Step
from issuance.models import Certificate, CertificateCopy, IssuanceSession
from issuance.phone.tokens import pairing_token_generator
from tests.factories import CustomerFactory
from tests.fixtures.flow import walk
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db

FLOW_PAGES = [
    "resume", "install", "install_progress", "identify", "terms", "ars", "ars_status",
    "medium", "push", "push_status", "storage", "password_rules", "done", "download_npki",
    "download_p12", "stopped",
]  # fmt: skip


def joined(classroom, name):
    browser = Client()
    browser.post("/join/", {"code": classroom.code, "display_name": name})
    persona = SeatPersona.objects.get(seat__display_name=name)
    return browser, persona


def issue_in(browser, persona) -> IssuanceSession:
    """The learner walks their own flow to the end in their own browser."""
    browser.post(reverse("flow:prerequisites"))
    session = IssuanceSession.objects.get(pk=browser.session["issuance_session"])
    walk(session, Step.COMPLETED, handout=handout_of(persona))
    return session


@pytest.fixture
def two_learners(issuing_ca):
    classroom = classroom_create(trainer=CustomerFactory(is_trainer=True), name="반")
    return joined(classroom, "가"), joined(classroom, "나")


def test_another_learners_flow_pages_are_not_found(two_learners):
    (mine, _me), (theirs, them) = two_learners
    session = issue_in(theirs, them)
    for page in FLOW_PAGES:
        url = reverse(f"flow:{page}", args=[session.pk])
        assert mine.get(url).status_code in (404, 405), page
        assert mine.post(url, {"password": CERT_PASSWORD}).status_code in (404, 405), page
    assert mine.get(reverse("phone:pairing_qr", args=[session.pk])).status_code == 404


def test_another_learners_certificate_copy_cannot_be_used(two_learners):
    (mine, me), (theirs, them) = two_learners
    issue_in(theirs, them)
    copy = CertificateCopy.objects.get(certificate__customer=them.customer)
    page = mine.get(reverse("center:login")).content.decode()
    assert copy.certificate.serial not in page  # not on my virtual devices
    response = mine.post(
        reverse("center:login"), {"medium": "hdd", "copy": copy.pk, "password": CERT_PASSWORD}
    )
    assert response.status_code == 400
    assert "이 저장매체에 있는 인증서를 선택하세요" in response.content.decode()
    assert int(mine.session["_auth_user_id"]) == me.customer_id  # still myself


def test_another_learners_pairing_token_pairs_nothing_once_their_phone_has(two_learners):
    (mine, _me), (theirs, them) = two_learners
    theirs.post(reverse("flow:prerequisites"))
    session = IssuanceSession.objects.get(pk=theirs.session["issuance_session"])
    walk(session, Step.PUSH, handout=handout_of(them))
    token = pairing_token_generator.make_token(session.pk)
    their_phone = Client()
    assert their_phone.get(reverse("phone:pair", args=[token])).status_code == 302
    assert mine.get(reverse("phone:pair", args=[token])).status_code == 400
    pin = handout_of(them)["mobile_app"]["pin"]
    assert mine.post(reverse("phone:push_approve"), {"pin": pin}).status_code == 404
    assert mine.post(reverse("phone:push_deny")).status_code == 404
    session.refresh_from_db()
    assert session.status == Step.PUSH


def test_certificate_downloads_and_the_wallet_are_not_for_others(two_learners):
    (mine, me), (theirs, them) = two_learners
    issue_in(theirs, them)
    certificate = Certificate.objects.get(customer=them.customer)
    url = reverse("admin:issuance_certificate_download", args=[certificate.pk, "der"])
    assert mine.get(url).status_code == 302  # the admin's login, not the certificate
    wallet = mine.get(reverse("learner:wallet")).content.decode()
    assert handout_of(them)["rrn"] not in wallet and handout_of(me)["rrn"] in wallet
