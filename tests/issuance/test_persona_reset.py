"""페르소나 초기화 (admin action, seed_personas --reset): back to exactly the handout,
certificates and copies included; and the locked copy's 오류 해제."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Customer
from issuance.ca.services import certificate_copy_save, certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.models import Certificate, CertificateCopy
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
ILGOP_PASSWORD = "Ilgop#Cert26"  # 윤일곱's handout


@pytest.fixture
def seeded(issuing_ca):
    call_command("seed_personas", verbosity=0)
    return {c.persona_key: c for c in Customer.objects.filter(persona_key__isnull=False)}


def practise(seeded):
    """What a class does to the personas: 김하나 issues, 윤일곱 reissues (her original
    is revoked) and locks a copy with wrong passwords."""
    hana, ilgop = seeded["ready"], seeded["has-certificate"]
    issued = certificate_issue(customer=hana, cert_type="bank", password=CERT_PASSWORD)
    certificate_copy_save(issued=issued, medium="usb")
    original = Certificate.objects.get(customer=ilgop)
    again = certificate_issue(
        customer=ilgop, cert_type="bank", password=CERT_PASSWORD, replaces=original
    )
    certificate_copy_save(issued=again, medium="usb")
    CertificateCopy.objects.filter(certificate=original).update(
        failure_count=5, locked_at=timezone.now()
    )


def assert_as_the_handout_says(seeded):
    hana, ilgop = seeded["ready"], seeded["has-certificate"]
    assert not Certificate.objects.filter(customer=hana).exists()  # she holds none
    (certificate,) = Certificate.objects.filter(customer=ilgop)
    assert certificate.revoked_at is None
    (copy,) = CertificateCopy.objects.filter(certificate__customer=ilgop)
    assert copy.medium == "hdd" and not copy.is_locked
    certificate_login(copy=copy, password=ILGOP_PASSWORD, challenge=new_challenge())


def test_seed_personas_reset(seeded):
    practise(seeded)
    call_command("seed_personas", "--reset", verbosity=0)
    assert_as_the_handout_says(seeded)


def test_the_admin_action(admin_client, seeded):
    practise(seeded)
    response = admin_client.post(
        reverse("admin:accounts_customer_changelist"),
        {
            "action": "reset_persona",
            "_selected_action": [seeded["ready"].pk, seeded["has-certificate"].pk],
        },
        follow=True,
    )
    assert "인증서 포함" in response.content.decode()
    assert_as_the_handout_says(seeded)


def test_a_locked_copy_is_unlocked_by_the_admin(admin_client, seeded):
    copy = CertificateCopy.objects.get(certificate__customer=seeded["has-certificate"])
    CertificateCopy.objects.filter(pk=copy.pk).update(failure_count=5, locked_at=timezone.now())
    admin_client.post(
        reverse("admin:issuance_certificatecopy_changelist"),
        {"action": "unlock_copies", "_selected_action": [copy.pk]},
    )
    copy.refresh_from_db()
    assert not copy.is_locked and copy.failure_count == 0
    certificate_login(copy=copy, password=ILGOP_PASSWORD, challenge=new_challenge())
