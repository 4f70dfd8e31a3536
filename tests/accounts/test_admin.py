"""Admin: every page renders, search by 주민등록번호, actions, printable 보안카드."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import BankAccount, Customer
from accounts.services import account_pin_verify
from tests.factories import (
    BankAccountFactory,
    CustomerFactory,
    MobileAuthenticatorFactory,
    RegisteredPhoneFactory,
    SecurityCardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(db):
    customer = CustomerFactory(rrn="850315-1234567", name="홍길동")
    return {
        Customer: customer,
        BankAccount: BankAccountFactory(customer=customer),
        "card": SecurityCardFactory(customer=customer),
        "app": MobileAuthenticatorFactory(customer=customer),
        "phone": RegisteredPhoneFactory(customer=customer),
    }


def test_every_changelist_add_and_change_page_renders(admin_client, one_of_each):
    objects = {type(o): o for o in one_of_each.values()}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        assert admin_client.get(reverse(f"{base}_changelist")).status_code == 200, model
        if model_admin.has_add_permission(_request(admin_client)):
            assert admin_client.get(reverse(f"{base}_add")).status_code == 200, model
        obj = objects.get(model) or model.objects.first()
        if obj is not None:
            page = admin_client.get(reverse(f"{base}_change", args=[obj.pk]))
            assert page.status_code == 200, model


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = Customer.objects.get(pk=client.session["_auth_user_id"])
    return request


def test_customer_page_shows_the_number_masked_only(admin_client, one_of_each):
    customer = one_of_each[Customer]
    page = admin_client.get(reverse("admin:accounts_customer_change", args=[customer.pk]))
    html = page.content.decode()
    assert "850315-1******" in html
    assert "1234567" not in html
    changelist = admin_client.get(reverse("admin:accounts_customer_changelist")).content.decode()
    assert "850315-1******" in changelist and "8503151234567" not in changelist


@pytest.mark.parametrize("term", ["850315-1234567", "8503151234567"])
def test_search_by_full_number_through_its_hash(admin_client, one_of_each, term):
    CustomerFactory(name="다른사람")
    response = admin_client.get(reverse("admin:accounts_customer_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [one_of_each[Customer]]


def test_search_by_name_and_account_number(admin_client, one_of_each):
    url = reverse("admin:accounts_customer_changelist")
    account = one_of_each[BankAccount]
    assert list(admin_client.get(url, {"q": "홍길동"}).context["cl"].result_list) == [
        one_of_each[Customer]
    ]
    assert list(admin_client.get(url, {"q": account.number}).context["cl"].result_list) == [
        one_of_each[Customer]
    ]


def test_unlock_action(admin_client, one_of_each):
    account = one_of_each[BankAccount]
    for _ in range(5):
        account_pin_verify(account=account, pin="0000")
    account.refresh_from_db()
    assert account.is_locked
    response = admin_client.post(
        reverse("admin:accounts_bankaccount_changelist"),
        {"action": "unlock_selected", "_selected_action": [account.pk]},
        follow=True,
    )
    assert "잠금을 해제했습니다" in response.content.decode()
    account.refresh_from_db()
    assert not account.is_locked and account.failure_count == 0


def test_reset_persona_action(admin_client):
    from django.core.management import call_command

    call_command("seed_personas")
    customer = Customer.objects.get(persona_key="ready")
    customer.accounts.update(balance=0)
    response = admin_client.post(
        reverse("admin:accounts_customer_changelist"),
        {"action": "reset_persona", "_selected_action": [customer.pk]},
        follow=True,
    )
    assert "되돌렸습니다" in response.content.decode()
    assert customer.accounts.get().balance == 1_250_000


def test_add_customer_with_number(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_customer_add"),
        {
            "user_id": "newcomer",
            "password1": "a-long-pass-1!",
            "name": "새고객",
            "rrn": "900101-1000001",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Customer.objects.get(user_id="newcomer").rrn_masked == "900101-1******"


def test_add_customer_bad_number_message(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_customer_add"),
        {"user_id": "newcomer", "password1": "a-long-pass-1!", "name": "새고객", "rrn": "9001"},
    )
    assert response.status_code == 200
    assert "13자리" in response.content.decode()


def test_add_account_requires_a_pin(admin_client, one_of_each):
    data = {
        "customer": one_of_each[Customer].pk,
        "number": "330101-01-000001",
        "product_name": "새 통장",
        "balance": 0,
        "internet_banking_registered": "on",
        "opened_on": "2026-01-01",
        "new_pin": "",
    }
    response = admin_client.post(reverse("admin:accounts_bankaccount_add"), data)
    assert "계좌비밀번호가 필요합니다" in response.content.decode()
    response = admin_client.post(
        reverse("admin:accounts_bankaccount_add"), {**data, "new_pin": "4455"}
    )
    assert response.status_code == 302
    assert BankAccount.objects.get(number="330101-01-000001").pin_matches("4455")


def test_print_security_card_for_staff_only(client, admin_client, one_of_each):
    card = one_of_each["card"]
    url = reverse("admin:accounts_securitycard_print", args=[card.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert card.serial in html
    for code in card.codes:
        assert code in html
    assert "교육용" in html

    client.logout()
    client.force_login(one_of_each[Customer])  # a customer, not staff
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
