"""The persona set: seed command idempotent, handout complete and true, reset."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import rrn
from accounts.models import BankAccount, Customer, MobileAuthenticator, SecurityCard
from accounts.personas import PERSONAS
from accounts.services import PersonaConflict, persona_reset
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def personas_json() -> list[dict]:
    from io import StringIO

    out = StringIO()
    call_command("personas", "--json", stdout=out)
    return json.loads(out.getvalue())


def snapshot():
    return sorted(
        (c.persona_key, c.user_id, c.password, c.rrn_hash, c.accounts.count(), c.phones.count())
        for c in Customer.objects.filter(persona_key__isnull=False)
    )


def test_seed_is_idempotent():
    call_command("seed_personas")
    first = snapshot()
    call_command("seed_personas")
    assert snapshot() == first  # nothing recreated, no password re-hashed
    assert len(first) == len(PERSONAS)


def test_the_situations_of_the_product_are_covered():
    keys = {p.key for p in PERSONAS}
    assert keys == {
        "ready", "no-account", "not-member", "no-medium",
        "outdated-app", "several-accounts", "has-certificate", "expiring-certificate",
        "other-bank-certificate", "foreign-resident", "foreign-resident-zh",
        "finance-practice", "finance-pin-lost", "finance-expiring",
    }  # fmt: skip
    call_command("seed_personas")
    by_key = {c.persona_key: c for c in Customer.objects.filter(persona_key__isnull=False)}
    assert not by_key["no-account"].accounts.exists()
    assert not by_key["not-member"].is_internet_banking_member
    assert not SecurityCard.objects.filter(customer=by_key["no-medium"]).exists()
    assert not MobileAuthenticator.objects.filter(customer=by_key["no-medium"]).exists()
    assert by_key["outdated-app"].mobile_authenticator.is_outdated
    several = by_key["several-accounts"].accounts.all()
    assert several.count() >= 3
    assert several.filter(internet_banking_registered=False).exists()
    assert several.filter(balance__lt=4_400).exists()  # 잔액 부족 for 범용
    ready = by_key["ready"]
    assert ready.is_internet_banking_member and ready.accounts.exists()
    assert ready.security_card and not ready.mobile_authenticator.is_outdated


def test_persona_numbers_are_fictitious():
    for persona in PERSONAS:
        assert not rrn.passes_legacy_checksum(rrn.validate(persona.rrn)), persona.key


def test_handout_is_complete_and_true(client):
    call_command("seed_personas")
    data = personas_json()
    assert [d["key"] for d in data] == [p.key for p in PERSONAS]
    for item in data:
        customer = Customer.objects.get(user_id=item["user_id"])
        assert customer.name == item["name"]
        assert customer.rrn_matches(item["rrn"])
        assert customer.check_password(item["password"])
        assert sorted(customer.phones.values_list("number", flat=True)) == sorted(item["phones"])
        assert customer.is_internet_banking_member == item["internet_banking_member"]
        for account in item["accounts"]:
            stored = BankAccount.objects.get(number=account["number"])
            assert stored.customer == customer
            assert stored.pin_matches(account["pin"])
            assert stored.balance == account["balance"]
        if item["security_card"]:
            assert customer.security_card.serial == item["security_card"]["serial"]
            assert customer.security_card.codes == item["security_card"]["codes"]
            assert len(item["security_card"]["codes"]) == 35
        if item["mobile_app"]:
            assert customer.mobile_authenticator.pin_matches(item["mobile_app"]["pin"])
            assert customer.mobile_authenticator.installed_version == item["mobile_app"]["version"]
    # and the handout password really logs in
    first = data[0]
    response = client.post(
        reverse("accounts:login"), {"user_id": first["user_id"], "password": first["password"]}
    )
    assert response.status_code == 302


def test_text_handout_lists_every_persona():
    from io import StringIO

    out = StringIO()
    call_command("personas", stdout=out)
    text = out.getvalue()
    for persona in PERSONAS:
        assert persona.name in text and persona.user_id in text


def test_reset_restores_the_initial_state():
    call_command("seed_personas")
    customer = Customer.objects.get(persona_key="ready")
    account = customer.accounts.get()
    account.balance = 1
    account.failure_count = 5
    account.save()
    customer.set_password("changed-by-learner-1!")
    customer.failure_count = 3
    customer.save()
    customer.phones.all().delete()

    persona_reset(customer=customer)

    customer.refresh_from_db()
    account = customer.accounts.get()
    assert account.balance == 1_250_000 and account.failure_count == 0
    assert customer.check_password("hana-2026!") and customer.failure_count == 0
    assert customer.phones.count() == 1


def test_seed_refuses_to_overwrite_someone_elses_user_id():
    CustomerFactory(user_id="kimhana")
    with pytest.raises(Exception, match="kimhana"):
        call_command("seed_personas")


def test_reset_refuses_a_non_persona():
    with pytest.raises(PersonaConflict):
        persona_reset(customer=CustomerFactory())
