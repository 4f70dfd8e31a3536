"""인증서 관리 → 금융인증서, its services: PIN 변경 (rules, N/5, locked for good), 폐지
(CRL and OCSP at once), 갱신 (only in its window, three years from the old expiry, the
same PIN), and 연결 해제 of a customer's own 자동연결 devices only."""

from datetime import timedelta

import pytest
import time_machine
from cryptography import x509
from django.utils import timezone

from issuance import pki
from issuance.ca.authority import certificate_status
from issuance.ca.keystores import copy_open
from issuance.center import finance as services
from issuance.flow import finance
from issuance.flow.machine import Step
from issuance.models import (
    CenterEvent,
    Certificate,
    CertificateCopy,
    CloudDevice,
    RevocationReason,
    StorageMedium,
)
from portal.refusals import Refused
from tests.factories import CustomerFactory
from tests.fixtures.flow import FINANCE_PIN, walk

pytestmark = pytest.mark.django_db
NEW_PIN = "582039"
WRONG_PIN = "000001"


@pytest.fixture
def copy(ready, finance_ca) -> CertificateCopy:
    certificate = walk(finance.finance_start(), Step.COMPLETED).certificate
    return certificate.copies.get(medium=StorageMedium.CLOUD)


def fresh(copy) -> CertificateCopy:
    return CertificateCopy.objects.select_related("certificate__customer").get(pk=copy.pk)


# --- PIN 변경 ---------------------------------------------------------------------------


def test_the_pin_changes_and_only_the_new_one_opens_the_key(copy):
    services.finance_pin_change(copy=copy, old=FINANCE_PIN, new=NEW_PIN, confirm=NEW_PIN)
    copy = fresh(copy)
    assert copy_open(copy, NEW_PIN).private_key is not None
    with pytest.raises(Refused, match="1/5"):
        copy_open(copy, FINANCE_PIN)
    event = CenterEvent.objects.get(action=CenterEvent.Action.PASSWORD, result="ok")
    assert "금융인증서" in event.message


def test_a_wrong_old_pin_is_counted_beside_its_field(copy):
    with pytest.raises(Refused) as refused:
        services.finance_pin_change(copy=copy, old=WRONG_PIN, new=NEW_PIN, confirm=NEW_PIN)
    assert refused.value.field == "old_pin"
    assert "1/5" in str(refused.value)
    assert fresh(copy).failure_count == 1
    assert CenterEvent.objects.filter(result="failed").count() == 1


def test_five_wrong_pins_lock_it_and_then_even_the_right_one_is_refused(copy):
    codes = []
    for _attempt in range(5):
        with pytest.raises(Refused) as refused:
            services.finance_pin_change(copy=copy, old=WRONG_PIN, new=NEW_PIN, confirm=NEW_PIN)
        codes.append(refused.value.code)
    assert codes == ["wrong_password"] * 4 + ["locked"]
    copy = fresh(copy)
    assert copy.is_locked
    with pytest.raises(Refused, match="재발급") as refused:
        services.finance_pin_change(copy=copy, old=FINANCE_PIN, new=NEW_PIN, confirm=NEW_PIN)
    assert refused.value.code == "locked"
    with pytest.raises(Refused, match="재발급"):
        services.finance_revoke(copy=copy, pin=FINANCE_PIN)


@pytest.mark.parametrize(
    ("new", "confirm", "field", "says"),
    [
        ("111482", "111482", "new_pin", "같은 숫자"),
        ("123840", "123840", "new_pin", "연속된 숫자"),
        ("850315", "850315", "new_pin", "생년월일"),
        (NEW_PIN, "582040", "new_pin_confirm", "서로 다릅니다"),
        (FINANCE_PIN, FINANCE_PIN, "new_pin", "현재 비밀번호와 같습니다"),
    ],
)
def test_a_new_pin_that_breaks_a_rule_is_refused_beside_its_field(copy, new, confirm, field, says):
    with pytest.raises(Refused) as refused:
        services.finance_pin_change(copy=copy, old=FINANCE_PIN, new=new, confirm=confirm)
    assert refused.value.field == field
    assert says in str(refused.value)
    assert fresh(copy).failure_count == 0  # the old PIN was never tried


# --- 폐지 --------------------------------------------------------------------------------


def test_revoke_with_the_pin_and_ocsp_says_revoked(copy):
    certificate = copy.certificate
    with pytest.raises(Refused) as refused:
        services.finance_revoke(copy=copy, pin=WRONG_PIN)
    assert refused.value.field == "pin"
    assert certificate_status(int(certificate.serial, 16)).status == "good"
    services.finance_revoke(copy=fresh(copy), pin=FINANCE_PIN)
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revocation_reason == RevocationReason.CESSATION_OF_OPERATION
    assert certificate_status(int(certificate.serial, 16)).status == "revoked"
    assert CenterEvent.objects.filter(action=CenterEvent.Action.REVOKE, result="ok").exists()
    with pytest.raises(Refused, match="이미 폐지"):
        services.finance_revoke(copy=fresh(copy), pin=FINANCE_PIN)


# --- 갱신 --------------------------------------------------------------------------------


def test_renewal_is_refused_before_its_window_with_the_day_it_opens(copy):
    opens = copy.certificate.not_after - timedelta(days=90)
    with pytest.raises(Refused) as refused:
        services.finance_renew(copy=copy, pin=FINANCE_PIN)
    assert f"{timezone.localtime(opens):%Y-%m-%d}" in str(refused.value)
    assert "90일" in str(refused.value)
    assert Certificate.objects.count() == 1


def test_renewal_in_its_window_runs_three_years_from_the_old_expiry(copy):
    old = copy.certificate
    with time_machine.travel(old.not_after - timedelta(days=30), tick=False):
        with pytest.raises(Refused, match="1/5"):
            services.finance_renew(copy=copy, pin=WRONG_PIN)
        new = services.finance_renew(copy=fresh(copy), pin=FINANCE_PIN)
    old.refresh_from_db()
    assert old.revocation_reason == RevocationReason.SUPERSEDED
    assert new.replaces_id == old.pk
    assert new.not_after == pki.years_after(old.not_after, 3)
    assert new.subject_dn == old.subject_dn
    old_cert = x509.load_der_x509_certificate(bytes(old.der))
    new_cert = x509.load_der_x509_certificate(bytes(new.der))
    assert old_cert.public_key().public_numbers() != new_cert.public_key().public_numbers()
    new_copy = new.copies.get()
    assert new_copy.medium == StorageMedium.CLOUD
    assert not CertificateCopy.objects.filter(pk=copy.pk).exists()
    assert copy_open(new_copy, FINANCE_PIN).private_key is not None  # the same PIN
    assert CenterEvent.objects.filter(action=CenterEvent.Action.RENEW, result="ok").exists()


def test_an_expired_one_is_not_renewed(copy):
    with time_machine.travel(copy.certificate.not_after + timedelta(days=1), tick=False):
        assert "만료된" in services.finance_renewal_problem(copy.certificate)
        with pytest.raises(Refused, match="만료된"):
            services.finance_renew(copy=copy, pin=FINANCE_PIN)


# --- 연결된 기기 ----------------------------------------------------------------------------


def test_only_the_customers_own_device_is_disconnected(ready):
    other = CustomerFactory()
    mine = CloudDevice.objects.create(customer=ready, key_hash="a" * 64, label="Chrome · PC")
    theirs = CloudDevice.objects.create(customer=other, key_hash="b" * 64, label="Edge · PC")
    with pytest.raises(CloudDevice.DoesNotExist):
        services.device_disconnect(customer_ids=[ready.pk], device_id=theirs.pk)
    assert CloudDevice.objects.filter(pk=theirs.pk).exists()
    services.device_disconnect(customer_ids=[ready.pk], device_id=mine.pk)
    assert not CloudDevice.objects.filter(pk=mine.pk).exists()
    assert services.finance_devices([ready.pk]) == []
    assert services.finance_devices([other.pk]) == [theirs]
