"""인증서 로그인 with the 금융인증서 on a new device: connect to the cloud (이름 +
휴대폰번호 + 생년월일, the SMS answered on the phone), then the PIN; the signature is
made with the cloud-held key and checked as for the 공동인증서."""

import pytest
from django.test import Client
from django.urls import reverse

from issuance.center import messages
from issuance.devices import CLOUD_COOKIE
from issuance.flow import finance
from issuance.flow.machine import Step
from issuance.models import CenterEvent, PhoneRequest
from tests.fixtures.flow import FINANCE_PIN, walk

IDENTITY = {"name": "김하나", "phone": "010-2100-0001", "birth": "19850315"}


@pytest.fixture
def holder_of_finance(ready, finance_ca):
    walk(finance.finance_start(), Step.COMPLETED)
    return ready


def connect(client: Client, **identity):
    url = reverse("center:finance_login")
    client.post(url, {**IDENTITY, **identity})
    phone_request = PhoneRequest.objects.filter(kind=PhoneRequest.Kind.CLOUD_SMS).first()
    return url, phone_request


def sms_digits(client, phone_request) -> str:
    """The 2 digits the window shows (as the learner reads them)."""
    from issuance.center.requests import shown_code

    class Request:
        session = client.session

    return shown_code(Request, phone_request)


def test_a_new_device_connects_by_sms_then_logs_in_with_the_pin(holder_of_finance):
    client = Client()  # another browser: never connected
    page = client.get(reverse("center:finance_login")).content.decode()
    assert "이 기기에서 처음 쓰는 금융인증서" in page
    url, phone_request = connect(client, auto="on")
    code = sms_digits(client, phone_request)
    assert code in client.get(url).content.decode()
    phone = client.get(reverse("phone:phone")).content.decode()
    assert "금융결제원 클라우드" in phone  # the message arrived on this browser's phone
    client.post(reverse("phone:request_sms"), {"request": phone_request.pk, "digits": code})
    response = client.get(url)
    assert response.status_code == 302 and CLOUD_COOKIE in response.cookies  # 자동연결
    page = client.get(url).content.decode()
    assert "금융인증서 비밀번호" in page
    copy = holder_of_finance.certificates.get(cert_type="finance").copies.get()
    response = client.post(url, {"copy": copy.pk, "pin": FINANCE_PIN, "challenge": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("center:login_done")
    done = client.get(response["Location"]).content.decode()
    assert "OCSP" in done
    assert CenterEvent.objects.filter(action="login", result="ok").exists()


def test_a_wrong_pin_is_counted_and_five_lock_it(holder_of_finance):
    client = Client()
    client.force_login(holder_of_finance)
    session = client.session
    session["cloud_connected"] = [holder_of_finance.pk]
    session.save()
    copy = holder_of_finance.certificates.get(cert_type="finance").copies.get()
    url = reverse("center:finance_login")
    for attempt in range(1, 5):
        page = client.post(url, {"copy": copy.pk, "pin": "000000"}).content.decode()
        assert f"({attempt}/5회)" in page
    page = client.post(url, {"copy": copy.pk, "pin": "000000"}).content.decode()
    assert "재발급하세요" in page
    page = client.post(url, {"copy": copy.pk, "pin": FINANCE_PIN}).content.decode()
    assert "재발급하세요" in page  # locked for good: even the right PIN


def test_details_that_open_no_cloud_are_refused_and_counted(holder_of_finance):
    client = Client()
    page = client.post(reverse("center:finance_login"), {**IDENTITY, "birth": "19850316"})
    assert str(messages.CLOUD_NOT_FOUND)[:20] in page.content.decode()
    assert not PhoneRequest.objects.exists()


def test_another_customers_cloud_copy_is_not_offered(holder_of_finance, finance_ca):
    from tests.factories import CustomerFactory

    other = CustomerFactory(user_id="other", name="박둘", rrn="900101-1234568")
    client = Client()
    client.force_login(other)
    copy = holder_of_finance.certificates.get(cert_type="finance").copies.get()
    response = client.post(reverse("center:finance_login"), {"copy": copy.pk, "pin": FINANCE_PIN})
    assert response.status_code == 400  # a copy this browser cannot see: refused
    assert client.session["_auth_user_id"] == str(other.pk)  # still themself
