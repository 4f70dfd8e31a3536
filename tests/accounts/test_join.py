"""인터넷뱅킹 가입: the not-a-member persona joins, then logs in and may issue."""

import pytest
from django.urls import reverse

from accounts.models import Customer
from tests.factories import BankAccountFactory, CustomerFactory

pytestmark = pytest.mark.django_db
JOIN = reverse("accounts:join")


@pytest.fixture
def outsider(db):
    customer = CustomerFactory(
        name="박세찬", rrn="781104-1456789", internet_banking_joined_on=None, password="pw-1!"
    )
    BankAccountFactory(customer=customer, number="110201-01-100003", pin="2468")
    return customer


def join(client, **overrides):
    data = {
        "name": "박세찬",
        "rrn_front": "781104",
        "rrn_back": "1456789",
        "account_number": "110201-01-100003",
        "pin": "2468",
        **overrides,
    }
    return client.post(JOIN, data)


def test_join_then_log_in(client, outsider):
    page = join(client).content.decode()
    assert "인터넷뱅킹에 가입되었습니다" in page and outsider.user_id in page
    assert Customer.objects.get(pk=outsider.pk).is_internet_banking_member
    response = client.post(
        reverse("accounts:login"), {"user_id": outsider.user_id, "password": "pw-1!"}
    )
    assert response.status_code == 302


def test_a_wrong_pin_is_counted_beside_the_field(client, outsider):
    response = join(client, pin="0000")
    assert "계좌비밀번호가 올바르지 않습니다 (1/5회)" in response.context["form"].errors["pin"][0]
    assert not Customer.objects.get(pk=outsider.pk).is_internet_banking_member


def test_nobody_matching_is_refused_and_limited(client, outsider, settings):
    for _ in range(5):
        response = join(client, name="박세찬아님")
    assert "일치하는 고객이 없습니다" in response.content.decode()
    page = join(client).content.decode()  # even the right data now waits
    assert "잠시 이용할 수 없습니다" in page
    assert not Customer.objects.get(pk=outsider.pk).is_internet_banking_member


def test_a_member_is_told_so(client, outsider):
    join(client)
    assert "이미 인터넷뱅킹에 가입한 고객입니다" in join(client).content.decode()


def test_bad_input_beside_the_fields(client, outsider):
    response = join(client, rrn_front="7811", account_number="12-3", pin="12")
    errors = response.context["form"].errors
    assert {"rrn_front", "account_number", "pin"} <= errors.keys()
