"""init_ca, issue_certificate, revoke_certificate: output, idempotence, clear errors."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from issuance.models import Certificate, CertificateAuthority
from portal.refusals import Refused
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db


def test_init_ca_is_idempotent(capsys):
    call_command("init_ca")
    assert "만들었습니다" in capsys.readouterr().out
    call_command("init_ca")
    out = capsys.readouterr().out
    assert "이미 있습니다" in out and "yessignCA-SIM Class 3, yessignCA-SIM Cloud" in out
    assert CertificateAuthority.objects.count() == 3


def test_issue_without_a_ca_is_one_clear_error(holder):
    with pytest.raises(CommandError, match="init_ca"):
        call_command("issue_certificate", holder.user_id, "--password", CERT_PASSWORD)


def test_issue_offers_the_joint_certificate_only(issuing_ca, holder):
    """A 금융인증서 lives in the cloud behind a PIN: no NPKI folder to write."""
    with pytest.raises(CommandError, match="invalid choice: 'finance'"):
        call_command(
            "issue_certificate", holder.user_id, "--password", CERT_PASSWORD, "--type", "finance"
        )


def test_issue_for_an_unknown_user(issuing_ca):
    with pytest.raises(CommandError, match="'ghost'인 고객이 없습니다"):
        call_command("issue_certificate", "ghost", "--password", CERT_PASSWORD)


def test_issue_with_a_weak_password_lists_the_rules(issuing_ca, holder):
    with pytest.raises(CommandError) as excinfo:
        call_command("issue_certificate", holder.user_id, "--password", "aaa")
    assert "10자 이상" in str(excinfo.value) and "특수문자" in str(excinfo.value)
    assert not Certificate.objects.exists()


def test_reissue_revokes_and_keeps_expiry(issuing_ca, holder, capsys):
    call_command("issue_certificate", holder.user_id, "--password", CERT_PASSWORD)
    old = Certificate.objects.get()
    call_command("issue_certificate", holder.user_id, "--password", CERT_PASSWORD, "--reissue")
    assert f"폐지(재발급): 일련번호 {old.serial}" in capsys.readouterr().out
    new = Certificate.objects.valid().get()
    old.refresh_from_db()
    assert old.revoked_at and new.not_after == old.not_after


def test_revoke_command(issued, capsys):
    call_command(
        "revoke_certificate", issued.certificate.serial.lower(), "--reason", "key_compromise"
    )
    assert "폐지:" in capsys.readouterr().out
    issued.certificate.refresh_from_db()
    assert issued.certificate.revocation_reason == "key_compromise"
    with pytest.raises(CommandError, match="이미 폐지"):
        call_command("revoke_certificate", issued.certificate.serial)


def test_revoke_unknown_serial(issuing_ca):
    with pytest.raises(CommandError, match="인증서가 없습니다"):
        call_command("revoke_certificate", "ABCDEF")


def test_seed_gives_the_certificate_persona_a_certificate_once(issuing_ca):
    from accounts.personas import PERSONAS_BY_KEY
    from issuance import pki

    call_command("seed_personas")
    call_command("seed_personas")
    holder = PERSONAS_BY_KEY["has-certificate"]
    certificates = Certificate.objects.filter(customer__persona_key="has-certificate")
    assert certificates.count() == 1
    certificate = certificates.get()
    assert certificate.cert_type == "bank"
    copy = certificate.copies.get()
    assert (copy.device, copy.medium) == ("pc", "hdd")
    assert pki.read_key_file(bytes(copy.key_file), holder.certificate_password).random_num


def test_seed_gives_the_other_bank_persona_a_shinhan_certificate(issuing_ca):
    from issuance.center.login import certificate_login, new_challenge

    call_command("seed_personas")
    certificate = Certificate.objects.get(customer__persona_key="other-bank-certificate")
    assert certificate.bank_code == "088" and ",ou=SHB," in certificate.subject_dn
    with pytest.raises(Refused) as refused:
        certificate_login(
            copy=certificate.copies.get(), password="Ahop#Cert99", challenge=new_challenge()
        )
    assert refused.value.code == "unregistered"


def test_seed_without_a_ca_still_seeds(capsys):
    call_command("seed_personas")
    assert "인증기관이 없어" in capsys.readouterr().out
    assert not Certificate.objects.exists()
