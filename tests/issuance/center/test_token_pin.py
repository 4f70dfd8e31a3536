"""보안토큰 PIN in the 인증서 선택창 (issuance/center/token.py): the token's own PIN is set
the first time (8 digits, twice) and asked before its certificates are listed; a wrong
PIN counts N/5 beside the field and the fifth locks the token until 오류 해제; open, it
stays open in this browser for a while; it is kept only as a hash (make_pin_hash, Argon2
outside the tests)."""

import time

import pytest
import time_machine
from django.urls import reverse

from accounts.services import medium_unlock
from issuance.ca.services import certificate_issue
from issuance.center import token
from issuance.models import SecurityToken
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("center:login")
TOKEN = reverse("center:token_pin")
ON_TOKEN = f"{LOGIN}?medium=token"


@pytest.fixture
def on_token(issuing_ca, holder):
    return certificate_issue(
        customer=holder, cert_type="universal", password=CERT_PASSWORD, medium="token"
    ).certificate.copies.get()


@pytest.fixture
def bank(client, holder):
    client.force_login(holder)
    return client


def text(response) -> str:
    return response.content.decode()


def test_the_first_time_the_token_asks_for_a_new_pin_twice(bank, on_token, holder):
    page = text(bank.get(ON_TOKEN))
    assert "처음 쓰는 보안토큰입니다" in page and 'name="pin_confirm"' in page
    assert f'id="copy-{on_token.pk}"' not in page  # its certificates wait for the PIN
    mismatch = bank.post(TOKEN, {"pin": "24681357", "pin_confirm": "24681358", "back": ON_TOKEN})
    assert mismatch["Location"] == ON_TOKEN
    assert "보안토큰 PIN이 서로 다릅니다" in text(bank.get(ON_TOKEN))
    assert not SecurityToken.objects.exists()

    bank.post(TOKEN, {"pin": "24681357", "pin_confirm": "24681357", "back": ON_TOKEN})

    stored = SecurityToken.objects.get(customer=holder)
    assert "24681357" not in stored.pin_hash and stored.pin_matches("24681357")  # a hash
    page = text(bank.get(ON_TOKEN))
    assert f'id="copy-{on_token.pk}"' in page and "보안토큰 PIN" not in page.split("cert-list")[0]


def test_then_each_opening_asks_for_it_and_wrong_pins_count_then_lock(bank, on_token, holder):
    SecurityToken.objects.create(customer=holder, pin_hash="")
    stored = SecurityToken.objects.get()
    stored.set_pin("24681357")
    stored.save()
    page = text(bank.get(ON_TOKEN))
    assert "보안토큰 PIN(숫자 8자리)을 입력하세요" in page and 'name="pin_confirm"' not in page
    short = bank.post(TOKEN, {"pin": "1234", "back": ON_TOKEN})
    assert "보안토큰 PIN은 숫자 8자리입니다." in text(bank.get(short["Location"]))
    for attempt in range(1, 5):
        bank.post(TOKEN, {"pin": "11112222", "back": ON_TOKEN})
        assert f"보안토큰 PIN이 올바르지 않습니다 ({attempt}/5회)" in text(bank.get(ON_TOKEN))
    bank.post(TOKEN, {"pin": "11112222", "back": ON_TOKEN})
    assert "보안토큰이 잠겼습니다" in text(bank.get(ON_TOKEN))
    bank.post(TOKEN, {"pin": "24681357", "back": ON_TOKEN})  # right, but locked
    assert f'id="copy-{on_token.pk}"' not in text(bank.get(ON_TOKEN))

    medium_unlock(medium=SecurityToken.objects.get())  # 오류 해제
    bank.post(TOKEN, {"pin": "24681357", "back": ON_TOKEN})
    assert f'id="copy-{on_token.pk}"' in text(bank.get(ON_TOKEN))


def test_open_for_a_while_in_this_browser_only(bank, client, on_token, holder):
    bank.post(TOKEN, {"pin": "24681357", "pin_confirm": "24681357", "back": ON_TOKEN})
    assert f'id="copy-{on_token.pk}"' in text(bank.get(ON_TOKEN))
    with time_machine.travel(time.time() + token.TOKEN_OPEN_SECONDS + 5, tick=False):
        assert f'id="copy-{on_token.pk}"' not in text(bank.get(ON_TOKEN))


def test_the_certificate_logs_in_once_the_token_is_open(bank, on_token):
    bank.post(TOKEN, {"pin": "24681357", "pin_confirm": "24681357", "back": ON_TOKEN})
    data = {"copy": on_token.pk, "password": CERT_PASSWORD, "medium": "token"}
    assert bank.post(LOGIN, data)["Location"] == reverse("center:login_done")


def test_a_browser_without_the_token_sets_nothing(client, on_token):
    response = client.post(TOKEN, {"pin": "24681357", "pin_confirm": "24681357", "back": LOGIN})
    assert response["Location"] == LOGIN
    assert not SecurityToken.objects.exists()


def test_a_persona_put_back_loses_its_token(on_token, holder):
    from issuance.ca.revocation import certificates_discard

    SecurityToken.objects.create(customer=holder, pin_hash="x", failure_count=5)
    certificates_discard(customer_ids=[holder.pk])
    assert not SecurityToken.objects.exists()
