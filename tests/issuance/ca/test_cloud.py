"""The cloud's 본인확인 and what it holds: a mobile number in either shape, the
details that must be the customer's, and a cloud's certificates."""

from datetime import date

import pytest

from issuance.ca import cloud
from issuance.ca.personas import persona_certificates_give
from tests.factories import CustomerFactory


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("01021000001", "010-2100-0001"),
        ("010-2100-0001", "010-2100-0001"),
        (" 011-234-5678 ", "011-234-5678"),
        ("02-123-4567", ""),
        ("010-2100-00011", ""),
        ("０１０-2100-0001", ""),  # full-width digits are not a number the network knows
    ],
)
def test_a_mobile_number_in_either_shape(typed, normal):
    assert cloud.phone_normalize(typed) == normal


def test_the_number_is_masked_as_banks_show_it():
    assert cloud.phone_mask("010-2100-0001") == "010-****-0001"


def test_only_the_customers_name_and_birth_date_open_their_cloud(db):
    customer = CustomerFactory(name="김하나", rrn="850315-1234567")
    birth = date(1985, 3, 15)
    assert cloud.identity_problems(customer, name="김 하나", phone="01099990000", birth=birth) == {}
    problems = cloud.identity_problems(
        customer, name="김하남", phone="0299990000", birth=date(1985, 3, 16)
    )
    assert set(problems) == {"name", "birth", "phone"}


def test_a_code_is_two_digits():
    codes = {cloud.new_sms_code() for _ in range(200)}
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert len(codes) > 20


def test_the_cloud_holds_the_finance_certificates_only(issued, finance_ca):
    from accounts.personas import PERSONAS_BY_KEY
    from accounts.services import persona_apply

    persona = PERSONAS_BY_KEY["finance-expiring"]
    customer = persona_apply(persona=persona)
    persona_certificates_give(customer=customer, persona=persona)
    (copy,) = cloud.cloud_copies([customer.pk, issued.certificate.customer_id])
    assert copy.certificate.customer == customer and copy.medium == "cloud"
    assert cloud.current_finance_certificate(customer.pk) == copy.certificate
    assert cloud.current_finance_certificate(issued.certificate.customer_id) is None
