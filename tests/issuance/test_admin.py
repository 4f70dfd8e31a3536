"""The CA's admin: read-only records, revoke action, downloads."""

import pytest
from cryptography import x509
from django.urls import reverse

from issuance.models import Certificate, RevocationList

pytestmark = pytest.mark.django_db


def test_pages_render_and_nothing_can_be_added_or_deleted(admin_client, issued):
    for name in ("certificateauthority", "certificate", "revocationlist"):
        assert admin_client.get(reverse(f"admin:issuance_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:issuance_{name}_add")).status_code == 403
    page = admin_client.get(
        reverse("admin:issuance_certificate_change", args=[issued.certificate.pk])
    )
    assert page.status_code == 200
    assert issued.certificate.serial in page.content.decode()
    delete = reverse("admin:issuance_certificate_delete", args=[issued.certificate.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Certificate.objects.filter(pk=issued.certificate.pk).exists()


def test_revoke_action_revokes_and_publishes(admin_client, issued):
    crls = RevocationList.objects.count()
    response = admin_client.post(
        reverse("admin:issuance_certificate_changelist"),
        {"action": "revoke_selected", "_selected_action": [issued.certificate.pk]},
        follow=True,
    )
    assert "폐지하고 CRL을 새로 발행했습니다" in response.content.decode()
    issued.certificate.refresh_from_db()
    assert issued.certificate.revoked_at is not None
    assert RevocationList.objects.count() == crls + 1


def test_downloads(admin_client, issued):
    pk = issued.certificate.pk
    der = admin_client.get(reverse("admin:issuance_certificate_download", args=[pk, "der"]))
    assert x509.load_der_x509_certificate(der.content).serial_number == issued.x509.serial_number
    pem = admin_client.get(reverse("admin:issuance_certificate_download", args=[pk, "pem"]))
    assert x509.load_pem_x509_certificate(pem.content).serial_number == issued.x509.serial_number
    assert (
        admin_client.get(
            reverse("admin:issuance_certificate_download", args=[pk, "txt"])
        ).status_code
        == 404
    )


def test_downloads_for_staff_only(client, issued):
    client.force_login(issued.certificate.customer)
    response = client.get(
        reverse("admin:issuance_certificate_download", args=[issued.certificate.pk, "der"])
    )
    assert response.status_code == 302


def test_the_admin_unlocks_a_copy_but_never_a_finance_certificate(admin_client, holder, finance_ca):
    from django.utils import timezone

    from issuance.ca.services import certificate_issue
    from issuance.models import CertificateCopy
    from tests.fixtures.pki import CERT_PASSWORD

    certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd")
    cloud = certificate_issue(
        customer=holder, cert_type="finance", password="294716", medium="cloud"
    ).certificate.copies.get()
    CertificateCopy.objects.update(failure_count=5, locked_at=timezone.now())
    response = admin_client.post(
        reverse("admin:issuance_certificatecopy_changelist"),
        {
            "action": "unlock_copies",
            "_selected_action": [c.pk for c in CertificateCopy.objects.all()],
        },
        follow=True,
    )
    assert "금융인증서는 오류 해제할 수 없습니다" in response.content.decode()
    cloud.refresh_from_db()
    assert cloud.is_locked
    assert not CertificateCopy.objects.get(medium="hdd").is_locked
