"""금융인증서 발급 through its services: every step and its failure branch, on the
finance table (``machine.FINANCE_FLOW``), and what ends in the cloud."""

from datetime import date, timedelta

import pytest
import time_machine
from cryptography import x509
from django.contrib.auth.hashers import check_password
from django.utils import timezone

from accounts.models import CheckCounter
from issuance.ca import keystores
from issuance.flow import finance
from issuance.flow.machine import Step, page_url
from issuance.models import CertificateType, IssuanceSession, StorageMedium
from issuance.pki import cloud
from portal.refusals import Refused
from tests.fixtures.flow import FINANCE_PIN, walk

BIRTH = date(1985, 3, 15)


@pytest.fixture
def session(ready, finance_ca):
    return finance.finance_start()


def at(session, step) -> IssuanceSession:
    return walk(session, step)


def test_it_starts_at_identify_and_skips_install_ars_and_push(session):
    assert session.status == Step.IDENTIFY
    assert page_url(session).startswith(f"/cert/finance/{session.pk}/identify")
    walk(session, Step.MEDIUM)
    assert session.cert_type == CertificateType.FINANCE
    walk(session, Step.CLOUD)
    assert session.events.filter(step=Step.ARS).count() == 0


def test_the_sms_goes_to_the_number_typed_and_the_reply_moves_on(session):
    at(session, Step.CLOUD)
    finance.cloud_request(session=session, name="김하나", phone="01021000001", birth=BIRTH)
    assert session.cloud_phone == "010-2100-0001"
    assert len(session.cloud_code) == 2
    assert finance.sms_arrives(session)
    assert finance.cloud_reply(session=session, digits=session.cloud_code)
    session.refresh_from_db()
    assert session.status == Step.PIN


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("name", {"name": "김두리"}),
        ("birth", {"birth": date(1985, 3, 16)}),
        ("phone", {"phone": "02-123-4567"}),
    ],
)
def test_identity_that_is_not_the_customers_is_refused_beside_its_field(session, field, typed):
    at(session, Step.CLOUD)
    data = {"name": "김하나", "phone": "010-2100-0001", "birth": BIRTH, **typed}
    with pytest.raises(Refused) as refused:
        finance.cloud_request(session=session, **data)
    assert refused.value.field == field
    assert session.cloud_state == ""


def test_a_number_that_is_not_the_learners_never_reaches_their_phone(session):
    at(session, Step.CLOUD)
    finance.cloud_request(session=session, name="김하나", phone="010-9999-0000", birth=BIRTH)
    assert not finance.sms_arrives(session)  # the message went to someone else's phone
    with time_machine.travel(timezone.now() + timedelta(seconds=181), tick=False):
        finance.cloud_expired(session=session)
    session.refresh_from_db()
    assert session.cloud_state == IssuanceSession.SmsState.EXPIRED
    assert session.cloud_failures == 1
    # The learner corrects the number: a new message, a new code.
    finance.cloud_request(session=session, name="김하나", phone="010-2100-0001", birth=BIRTH)
    assert finance.sms_arrives(session)


def test_wrong_digits_count_and_five_stop_the_flow(session):
    at(session, Step.CLOUD)
    for attempt in range(1, 6):
        finance.cloud_request(session=session, name="김하나", phone="010-2100-0001", birth=BIRTH)
        wrong = "99" if session.cloud_code != "99" else "98"
        assert not finance.cloud_reply(session=session, digits=wrong)
        session.refresh_from_db()
        assert session.cloud_failures == attempt
    assert session.status == Step.STOPPED
    assert CheckCounter.objects.get(customer=session.customer, kind="cloud_sms").is_locked


def test_the_not_delivered_scenario_holds_back_the_first_message(session, ready):
    from issuance.models import Scenario

    scenario = Scenario.objects.create(name="문자 미수신", sms_not_delivered=True)
    scenario.customers.add(ready)
    session.scenario = scenario
    session.save()
    at(session, Step.CLOUD)
    finance.cloud_request(session=session, name="김하나", phone="010-2100-0001", birth=BIRTH)
    assert not finance.sms_arrives(session)  # the first message never comes
    finance.cloud_request(session=session, name="김하나", phone="010-2100-0001", birth=BIRTH)
    assert finance.sms_arrives(session)  # 다시 받기 sends one that does
    assert session.cloud_failures == 0


@pytest.mark.parametrize(
    ("pin", "confirm", "field"),
    [("123456", "123456", "pin"), ("850315", "850315", "pin"), ("294716", "294717", "pin_confirm")],
)
def test_a_pin_that_breaks_a_rule_or_differs_is_refused(session, pin, confirm, field):
    at(session, Step.PIN)
    with pytest.raises(Refused) as refused:
        finance.pin_submit(session=session, pin=pin, pin_confirm=confirm)
    assert refused.value.field == field
    session.refresh_from_db()
    assert session.status == Step.PIN


def test_the_pin_issues_a_finance_certificate_into_the_cloud(session):
    at(session, Step.COMPLETED)
    certificate = session.certificate
    assert certificate.cert_type == CertificateType.FINANCE
    assert certificate.issuer.role == "finance"
    years = (certificate.not_after - certificate.not_before).days / 365
    assert 2.9 < years < 3.1
    (copy,) = certificate.copies.all()
    assert copy.medium == StorageMedium.CLOUD
    blob = bytes(copy.key_file)
    # At rest: neither the PIN nor the key in clear; the PIN only as an Argon2 hash.
    assert FINANCE_PIN.encode() not in blob
    assert check_password(FINANCE_PIN, cloud.cloud_pin_hash(blob))
    opened = keystores.copy_open(copy, FINANCE_PIN)
    loaded = x509.load_der_x509_certificate(bytes(certificate.der))
    assert opened.private_key.public_key().public_numbers() == loaded.public_key().public_numbers()


def test_a_reissue_revokes_the_one_before(session, ready):
    first = at(session, Step.COMPLETED).certificate
    second = at(finance.finance_start(), Step.COMPLETED).certificate
    first.refresh_from_db()
    assert first.revoked_at is not None and second.replaces_id == first.pk


def test_it_can_never_be_exported(session):
    copy = at(session, Step.COMPLETED).certificate.copies.get()
    with pytest.raises(keystores.MediumNotAllowed):
        keystores.medium_allows(copy, "exportable")
    with pytest.raises(keystores.MediumNotAllowed):
        keystores.store_for(copy).export_key_file(copy)
