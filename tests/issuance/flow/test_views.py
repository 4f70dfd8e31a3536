"""The flow through the pages (Django test client), as a learner sees it,
with the virtual phone as a second client of the same browser session."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
import time_machine
from cryptography.hazmat.primitives.serialization import pkcs12
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountTransaction
from issuance import pki
from issuance.flow import messages
from issuance.flow.machine import Step
from issuance.models import Certificate, Scenario
from issuance.pki_messages import password_rule_messages
from tests.fixtures.flow import CERT_PASSWORD
from tests.issuance.flow.support import HTMX, Learner, hx_location, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cert_type", ["bank", "universal"])
def test_the_whole_flow_ends_with_a_certificate_that_opens(learner, cert_type):
    home = text(learner.client.get(reverse("flow:prerequisites")))
    assert "발급 전 확인" in home
    learner.walk_to(Step.COMPLETED, cert_type=cert_type)
    done = learner.client.get(learner.url("done"))
    certificate = Certificate.objects.get()
    page = text(done)
    for shown in ("김하나", certificate.serial, certificate.subject_dn, "하드디스크"):
        assert shown in page
    assert certificate.cert_type == cert_type

    archive = zipfile.ZipFile(io.BytesIO(learner.client.get(learner.url("download_npki")).content))
    names = archive.namelist()
    key_name = next(n for n in names if n.endswith("signPri.key"))
    assert key_name == f"NPKI/yessign/USER/{certificate.subject_dn}/signPri.key"
    contents = pki.read_key_file(archive.read(key_name), CERT_PASSWORD)
    assert contents.random_num

    p12 = learner.client.post(learner.url("download_p12"), {"password": CERT_PASSWORD})
    _key, cert, _chain = pkcs12.load_key_and_certificates(p12.content, CERT_PASSWORD.encode())
    assert cert.serial_number == int(certificate.serial, 16)

    if cert_type == "universal":
        record = AccountTransaction.objects.get()
        assert record.amount == -4_400
        learner.client.force_login(certificate.customer)
        history = text(learner.client.get(reverse("accounts:accounts")))
        assert "공동인증서 발급 수수료(범용)" in history and "4,400원" in history


def test_p12_with_a_wrong_password_says_so(learner):
    learner.walk_to(Step.COMPLETED)
    response = learner.client.post(learner.url("download_p12"), {"password": "Wrong#Pass2026"})
    assert response.status_code == 400
    assert "인증서 암호가 올바르지 않습니다" in text(response)


# --- Every failure branch, as the learner reads it -----------------------------------------


def test_prerequisite_failure_for_a_logged_in_customer(client, db):
    from tests.factories import CustomerFactory

    client.force_login(CustomerFactory())
    page = text(client.get(reverse("flow:prerequisites")))
    assert "계좌가 없으면 발급할 수 없습니다" in page


def test_prerequisite_failure_after_identification(client, db, issuing_ca):
    from tests.factories import CustomerFactory

    CustomerFactory(user_id="duri", rrn="900722-2345678", internet_banking_joined_on=None)
    learner = Learner(client)
    learner.start()
    learner.install()
    response = learner.identify(user_id="duri", rrn=("900722", "2345678"))
    assert response["Location"] == learner.url("stopped")
    assert "계좌가 없으면 발급할 수 없습니다" in text(client.get(learner.url("stopped")))


def test_install_failure_then_reinstall(learner):
    Scenario.objects.create(name="설치 실패", is_default=True, install_fails_once=True)
    learner.start()
    learner.client.post(learner.url("install"), {"full": "0"})
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = learner.client.get(learner.url("install_progress"), **HTMX)
    assert hx_location(response) == learner.url("install")
    assert "저장" in text(learner.client.get(learner.url("install")))
    learner.install()


def test_identify_mismatch_shows_the_count_and_locks(learner):
    learner.walk_to(Step.IDENTIFY)
    page = text(learner.identify(rrn=("850315", "1234568")))
    assert "입력하신 정보가 일치하지 않습니다 (1/5회)" in page
    for _ in range(4):
        response = learner.identify(rrn=("850315", "1234568"))
    assert response["Location"] == learner.url("stopped")
    assert "잠겼습니다" in text(learner.client.get(learner.url("stopped")))


def test_identify_bad_input_beside_the_field(learner):
    learner.walk_to(Step.IDENTIFY)
    response = learner.identify(rrn=("85031", "12345a7"))
    form = response.context["form"]
    assert "rrn_front" in form.errors and "rrn_back" in form.errors
    assert learner.session.identify_failures == 0  # malformed input is not a try


def test_find_id(client, ready):
    response = client.post(
        reverse("flow:find_id"),
        {
            "name": "김하나",
            "rrn_front": "850315",
            "rrn_back": "1234567",
            "account_number": "110201-01-100001",
        },
    )
    assert "ha**" in text(response)
    response = client.post(
        reverse("flow:find_id"),
        {
            "name": "김하나",
            "rrn_front": "850315",
            "rrn_back": "1234568",
            "account_number": "110201-01-100001",
        },
    )
    assert "일치하는 사용자 ID가 없습니다" in text(response)


def test_every_term_must_be_agreed(learner):
    learner.walk_to(Step.TERMS)
    response = learner.terms(unique_id="")
    assert "필수 약관에 모두 동의해야" in text(response)
    assert learner.session.status == Step.TERMS
    for slug in ("electronic_finance", "certificate_service", "personal_info", "unique_id"):
        assert learner.client.get(reverse("flow:term_text", args=[slug])).status_code == 200


def test_ars_wrong_digits_then_right(learner):
    learner.walk_to(Step.ARS)
    answer = learner.ars(digits="00")  # codes are 10-99: always wrong
    assert "번호가 일치하지 않습니다" in text(answer)  # what the phone says
    page = text(learner.client.get(learner.url("ars")))
    assert "입력하신 번호가 일치하지 않습니다 (1/5회)" in page
    learner.ars()
    assert learner.session.status == Step.MEDIUM


def test_ars_time_out(learner):
    learner.walk_to(Step.ARS)
    phone = learner.session.customer.phones.first()
    learner.client.post(learner.url("ars"), {"phone": phone.pk})
    with time_machine.travel(timezone.now() + timedelta(seconds=181)):
        page = text(learner.client.get(learner.url("ars")))
    assert "시간" in page and "초과" in page


def test_medium_wrong_account_and_wrong_pin(learner):
    from tests.factories import BankAccountFactory

    learner.walk_to(Step.MEDIUM)
    savings = BankAccountFactory(
        customer=learner.session.customer, internet_banking_registered=False
    )
    page = text(learner.medium(account=savings))
    assert "출금계좌로 등록되지 않은 계좌입니다" in page
    page = text(learner.medium(pin="0000"))
    assert "계좌비밀번호가 올바르지 않습니다 (1/5회)" in page
    page = text(learner.medium(card=("99", "99")))
    assert "보안카드 번호가 올바르지 않습니다" in page


def test_universal_with_too_little_balance(learner):
    from tests.factories import BankAccountFactory

    learner.walk_to(Step.MEDIUM, cert_type="universal")
    poor = BankAccountFactory(customer=learner.session.customer, balance=100)
    assert "잔액이 부족합니다" in text(learner.medium(account=poor))


def test_push_deny_stops_with_a_message(learner):
    learner.walk_to(Step.PUSH)
    assert "인증 요청을 보냈습니다" in text(learner.client.get(learner.url("push")))
    learner.client.post(reverse("phone:push_deny"))
    page = text(learner.client.get(learner.url("stopped")))
    assert str(messages.PUSH_DENIED) in page


def test_outdated_app_update_then_retry(learner):
    Scenario.objects.create(name="구버전", is_default=True, app_outdated=True)
    learner.walk_to(Step.PUSH)
    assert "앱을 최신 버전으로 업데이트하세요" in text(learner.client.get(learner.url("push")))
    assert "업데이트" in text(learner.client.get(reverse("phone:phone")))
    learner.client.post(reverse("phone:app_update"))
    learner.client.post(learner.url("push"))  # 다시 요청
    learner.approve()
    assert learner.session.status == Step.STORAGE


def test_push_time_out_then_ask_again(learner):
    learner.walk_to(Step.PUSH)
    with time_machine.travel(timezone.now() + timedelta(seconds=181)):
        assert "다시 요청" in text(learner.client.get(learner.url("push")))
        assert learner.approve().status_code == 409  # too late
        learner.client.post(learner.url("push"))
        learner.approve()
    assert learner.session.status == Step.STORAGE


def test_medium_not_present(learner):
    Scenario.objects.create(name="USB 없음", is_default=True, removable_disk_absent=True)
    learner.walk_to(Step.STORAGE)
    response = learner.storage(medium="usb")
    assert "선택한 저장매체가 없습니다" in text(response)
    assert "medium" in response.context["form"].errors


def test_password_rules_on_the_page_and_live(learner):
    learner.walk_to(Step.STORAGE)
    response = learner.storage(password="abc111")
    page = text(response)
    for rule in ("too_short", "no_special", "sequential", "repeated"):
        assert password_rule_messages()[rule] in page
    assert "서로 다릅니다" in text(learner.storage(confirm="Practice#2027"))
    live = learner.client.post(learner.url("password_rules"), {"password": "abc"}, **HTMX)
    assert live.status_code == 200
    assert password_rule_messages()["too_short"] in text(live)


def test_reissue_through_the_pages(learner, ready):
    from issuance.ca.services import certificate_issue

    old = certificate_issue(customer=ready, cert_type="bank", password=CERT_PASSWORD).certificate
    learner.walk_to(Step.TERMS)
    assert "재발급" in text(learner.client.get(learner.url("terms")))
    learner.walk_to(Step.COMPLETED)
    old.refresh_from_db()
    new = learner.session.certificate
    assert old.revoked_at and new.not_after == old.not_after


def test_expired_session_says_start_again(learner):
    learner.walk_to(Step.TERMS)
    with time_machine.travel(timezone.now() + timedelta(minutes=21)):
        page = text(learner.client.get(learner.url("terms")))
    assert "처음부터 다시" in page


# --- Queries per step -----------------------------------------------------------------------


STEP_QUERY_LIMIT = 12


@pytest.mark.parametrize(
    "step",
    [Step.INSTALL, Step.IDENTIFY, Step.TERMS, Step.ARS, Step.MEDIUM, Step.PUSH, Step.STORAGE],
)
def test_each_step_page_needs_few_queries(learner, step, django_assert_max_num_queries):
    learner.walk_to(step)
    url = reverse(STEP_VIEW[step], args=[learner.session_id])
    learner.client.get(url)  # first view may draw a challenge
    with django_assert_max_num_queries(STEP_QUERY_LIMIT):
        response = learner.client.get(url)
    assert response.status_code == 200


STEP_VIEW = {
    Step.INSTALL: "flow:install",
    Step.IDENTIFY: "flow:identify",
    Step.TERMS: "flow:terms",
    Step.ARS: "flow:ars",
    Step.MEDIUM: "flow:medium",
    Step.PUSH: "flow:push",
    Step.STORAGE: "flow:storage",
}


def test_completed_page_queries(learner, django_assert_max_num_queries):
    learner.walk_to(Step.COMPLETED)
    with django_assert_max_num_queries(STEP_QUERY_LIMIT):
        assert learner.client.get(learner.url("done")).status_code == 200


def test_no_rrn_on_any_page(learner):
    learner.walk_to(Step.COMPLETED)
    page = text(learner.client.get(learner.url("done")))
    assert "1234567" not in page
    assert not re.search(r"850315-?1234567", page)


def test_install_finishes_on_a_reload_without_javascript(learner):
    learner.start()
    learner.client.post(learner.url("install"), {"full": "1"})
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = learner.client.get(learner.url("install"))
    assert response["Location"] == learner.url("identify")


def test_an_expired_session_redirects_a_poll_to_the_whole_page(learner):
    learner.walk_to(Step.PUSH)
    with time_machine.travel(timezone.now() + timedelta(minutes=21)):
        response = learner.client.get(learner.url("push_status"), **HTMX)
    assert response["HX-Redirect"] == reverse("flow:resume", args=[learner.session_id])


def test_updating_the_app_restarts_the_approval_clock(learner):
    Scenario.objects.create(name="구버전", is_default=True, app_outdated=True)
    learner.walk_to(Step.PUSH)
    with time_machine.travel(timezone.now() + timedelta(seconds=170)):
        learner.client.post(reverse("phone:app_update"))
    with time_machine.travel(timezone.now() + timedelta(seconds=250)):
        assert "승인" in text(learner.client.get(reverse("phone:phone")))
        assert learner.approve().status_code == 200
    assert learner.session.status == Step.STORAGE


def test_the_only_phone_is_preselected(learner):
    learner.walk_to(Step.ARS)
    form = learner.client.get(learner.url("ars")).context["form"]
    assert form["phone"].initial == learner.session.customer.phones.get()


@pytest.mark.parametrize(
    ("step", "number"), [(Step.INSTALL, 2), (Step.IDENTIFY, 3), (Step.ARS, 5), (Step.STORAGE, 8)]
)
def test_the_heading_and_the_indicator_follow_the_machine(learner, step, number):
    learner.walk_to(step)
    page = text(learner.client.get(learner.url(step.value)))
    assert f'<span class="step-no">{number}</span>' in page
    assert page.count('class="flow-step is-done"') == number - 1
    assert f"{number}/9" in page


def test_no_flow_page_is_ever_cached(learner):
    """After 뒤로 the browser must ask the server, which sends it to the real step."""
    assert "no-store" in learner.client.get(reverse("flow:prerequisites"))["Cache-Control"]
    learner.start()
    for step in (Step.INSTALL, Step.IDENTIFY, Step.TERMS, Step.ARS, Step.MEDIUM, Step.PUSH):
        learner.walk_to(step)
        for name in ("install", "identify", "terms", "ars", "medium", "push", "storage"):
            response = learner.client.get(learner.url(name))
            assert "no-store" in response["Cache-Control"], (step, name)


def test_words_match_what_the_screen_offers(learner, client, db):
    from tests.factories import BankAccountFactory, CustomerFactory

    Scenario.objects.create(name="설치 실패", is_default=True, install_fails_once=True)
    learner.start()
    learner.client.post(learner.url("install"), {"full": "1"})
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        learner.client.get(learner.url("install_progress"), **HTMX)
    page = text(learner.client.get(learner.url("install")))
    assert "'다시 설치'를 누르면" in str(messages.INSTALL_FAILED) and "다시 설치" in page

    nemo = CustomerFactory()  # an account and membership, but no 보안카드 and no app
    BankAccountFactory(customer=nemo)
    client.force_login(nemo)
    page = text(client.get(reverse("flow:prerequisites")))
    assert "다른 방법" not in page
    assert "보안카드를 받거나" in page and "은행 앱을 설치해" in page


def test_the_p12_password_is_counted_and_locks(learner):
    learner.walk_to(Step.COMPLETED)
    for attempt in range(1, 5):
        response = learner.client.post(learner.url("download_p12"), {"password": "Wrong#Pass2026"})
        assert f"인증서 암호가 올바르지 않습니다 ({attempt}/5회)" in text(response)
    response = learner.client.post(learner.url("download_p12"), {"password": "Wrong#Pass2026"})
    assert "5회 잘못 입력하여 이 인증서를 쓸 수 없습니다" in text(response)
    response = learner.client.post(learner.url("download_p12"), {"password": CERT_PASSWORD})
    assert response.status_code == 400  # even the right password, now
    assert response["Content-Type"].startswith("text/html")
