"""인증서 관리 (/cert/manage/): 암호 변경, 폐지, 내보내기, 가져오기; each branch as the
learner reads it, and the files checked with PyPinkSign and cryptography."""

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from issuance import pki
from issuance.ca import authority, keystores
from issuance.ca.keystores import copy_open
from issuance.ca.services import certificate_issue
from issuance.center.login import certificate_login, new_challenge
from issuance.choices import MEDIA
from issuance.models import CenterEvent, Certificate, CertificateCopy
from issuance.pki_messages import password_rule_messages
from portal.refusals import Refused
from tests.factories import CustomerFactory
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Another#2027"


@pytest.fixture
def copy(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


@pytest.fixture
def bank(client, holder):
    client.force_login(holder)
    return client


def text(response) -> str:
    return response.content.decode()


def events(customer, action) -> list[str]:
    return list(
        CenterEvent.objects.filter(customer=customer, action=action).values_list(
            "result", flat=True
        )
    )


class TestTheList:
    def test_each_medium_lists_its_certificates_with_details(self, bank, copy):
        page = text(bank.get(reverse("center:manage")))
        for shown in (
            copy.certificate.serial,
            "유효",
            "은행·신용카드·보험용",
            "전자서명",
            "부인방지",
        ):
            assert shown in page
        assert copy.certificate.serial not in text(
            bank.get(reverse("center:manage") + "?medium=usb")
        )

    def test_anyone_elses_copy_is_not_found(self, client, copy):
        client.force_login(CustomerFactory())
        for name in ("center:password", "center:revoke", "center:export_p12", "center:renew"):
            assert client.get(reverse(name, args=[copy.pk])).status_code == 404
        assert client.get(reverse("center:export_npki", args=[copy.pk])).status_code == 404


class TestPasswordChange:
    def post(self, bank, copy, current=CERT_PASSWORD, new=NEW_PASSWORD, confirm=None):
        return bank.post(
            reverse("center:password", args=[copy.pk]),
            {"current_password": current, "new_password": new,
             "new_password_confirm": confirm or new},
        )  # fmt: skip

    def test_the_new_password_opens_and_the_old_no_longer(self, bank, copy, tmp_path):
        old_key_file = bytes(copy.key_file)
        assert self.post(bank, copy).status_code == 302
        copy.refresh_from_db()
        assert bytes(copy.key_file) != old_key_file
        pki.read_key_file(bytes(copy.key_file), NEW_PASSWORD)
        with pytest.raises(pki.WrongPasswordError):
            pki.read_key_file(bytes(copy.key_file), CERT_PASSWORD)
        pypinksign = pytest.importorskip("pypinksign")
        cert_path, key_path = (tmp_path / p for p in pki.npki_paths(
            x509.load_der_x509_certificate(bytes(copy.certificate.der))
        ))  # fmt: skip
        cert_path.parent.mkdir(parents=True)
        cert_path.write_bytes(bytes(copy.certificate.der))
        key_path.write_bytes(bytes(copy.key_file))
        sign = pypinksign.PinkSign(pubkey_path=str(cert_path))
        sign.load_prikey(prikey_path=str(key_path), prikey_password=NEW_PASSWORD.encode())
        with pytest.raises(Exception):  # noqa: B017, PT011 - PyPinkSign raises its own
            pypinksign.PinkSign(pubkey_path=str(cert_path)).load_prikey(
                prikey_path=str(key_path), prikey_password=CERT_PASSWORD.encode()
            )
        assert events(copy.certificate.customer, "password") == ["ok"]

    def test_a_wrong_current_password_is_counted_beside_its_field(self, bank, copy):
        response = self.post(bank, copy, current="Wrong#Pass2026")
        assert response.status_code == 400
        errors = response.context["form"].errors
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in errors["current_password"][0]
        copy.refresh_from_db()
        assert copy.failure_count == 1
        pki.read_key_file(bytes(copy.key_file), CERT_PASSWORD)  # unchanged

    def test_every_broken_rule_and_the_confirmation_are_told(self, bank, copy):
        errors = self.post(bank, copy, new="abc111").context["form"].errors
        for rule in ("too_short", "no_special", "sequential", "repeated"):
            assert password_rule_messages()[rule] in errors["new_password"][0]
        errors = self.post(bank, copy, confirm="Another#2028").context["form"].errors
        assert "서로 다릅니다" in errors["new_password_confirm"][0]
        errors = self.post(bank, copy, new=CERT_PASSWORD).context["form"].errors
        assert "현재 암호와 같습니다" in errors["new_password"][0]

    def test_only_this_copy_changes(self, bank, copy):
        other = CertificateCopy.objects.create(
            certificate=copy.certificate, device="pc", medium="usb", key_file=copy.key_file
        )
        self.post(bank, copy)
        other.refresh_from_db()
        pki.read_key_file(bytes(other.key_file), CERT_PASSWORD)
        copy.refresh_from_db()
        assert copy_open(copy, NEW_PASSWORD).private_key
        with pytest.raises(Refused) as refused:
            copy_open(copy, CERT_PASSWORD)
        assert refused.value.code == "wrong_password"

    def test_the_copys_key_store_changes_it(self, bank, copy, monkeypatch):
        asked = []
        store = keystores.store_for(copy)
        monkeypatch.setattr(store, "change_secret", lambda *args: asked.append(args[0].pk))
        assert self.post(bank, copy).status_code == 302
        assert asked == [copy.pk]
        copy.refresh_from_db()
        pki.read_key_file(bytes(copy.key_file), CERT_PASSWORD)  # the store did nothing here


class TestRevoke:
    def test_the_holder_revokes_and_ocsp_and_the_crl_say_so_at_once(self, bank, copy, client):
        response = bank.post(reverse("center:revoke", args=[copy.pk]), {"password": CERT_PASSWORD})
        assert response.status_code == 302
        certificate = Certificate.objects.get(pk=copy.certificate.pk)
        assert certificate.revoked_at and certificate.revocation_reason == "cessation_of_operation"
        assert authority.certificate_status(int(certificate.serial, 16)).status == "revoked"
        crl = x509.load_der_x509_crl(client.get(f"/pki/crl/{certificate.issuer.slug}.crl").content)
        assert crl.get_revoked_certificate_by_serial_number(int(certificate.serial, 16))
        assert "폐지" in text(bank.get(reverse("center:manage")))

    def test_a_wrong_password_revokes_nothing(self, bank, copy):
        response = bank.post(reverse("center:revoke", args=[copy.pk]), {"password": "Nope#2026xx"})
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in text(response)
        assert Certificate.objects.get(pk=copy.certificate.pk).revoked_at is None


class TestExportAndImport:
    def npki(self, bank, copy) -> bytes:
        return bank.get(reverse("center:export_npki", args=[copy.pk])).content

    def p12(self, bank, copy, password=CERT_PASSWORD):
        return bank.post(reverse("center:export_p12", args=[copy.pk]), {"password": password})

    def upload(self, bank, content: bytes, name="NPKI.zip", password=CERT_PASSWORD, medium="usb"):
        return bank.post(
            reverse("center:import"),
            {"upload": SimpleUploadedFile(name, content), "password": password, "medium": medium},
        )

    def test_the_npki_zip_and_the_p12_come_out(self, bank, copy):
        archive = zipfile.ZipFile(io.BytesIO(self.npki(bank, copy)))
        assert sorted(Path(n).name for n in archive.namelist()) == ["signCert.der", "signPri.key"]
        _key, cert, _chain = pkcs12.load_key_and_certificates(
            self.p12(bank, copy).content, CERT_PASSWORD.encode()
        )
        assert cert.serial_number == int(copy.certificate.serial, 16)
        assert "인증서 암호가 올바르지 않습니다 (1/5회)" in text(
            self.p12(bank, copy, "Wrong#Pass2026")
        )
        assert events(copy.certificate.customer, "export") == ["ok", "ok"]

    def test_a_medium_that_is_not_exportable_answers_forbidden(self, bank, copy, monkeypatch):
        monkeypatch.setitem(MEDIA, "hdd", replace(MEDIA["hdd"], exportable=False))  # made up
        assert bank.get(reverse("center:export_npki", args=[copy.pk])).status_code == 403
        assert self.p12(bank, copy).status_code == 403
        assert events(copy.certificate.customer, "export") == []

    def test_an_npki_zip_comes_back_in_on_another_medium(self, bank, copy):
        response = self.upload(bank, self.npki(bank, copy))
        assert response.status_code == 302
        usb = CertificateCopy.objects.get(certificate=copy.certificate, medium="usb")
        login = certificate_login(copy=usb, password=CERT_PASSWORD, challenge=new_challenge())
        assert any("VID" in check for check in login.checks)

    def test_a_p12_comes_back_in_and_logs_in(self, bank, copy):
        self.upload(bank, self.p12(bank, copy).content, name="mine.p12")
        usb = CertificateCopy.objects.get(certificate=copy.certificate, medium="usb")
        assert pki.read_key_file(bytes(usb.key_file), CERT_PASSWORD).random_num is None
        login = certificate_login(copy=usb, password=CERT_PASSWORD, challenge=new_challenge())
        assert login.customer == copy.certificate.customer

    @pytest.mark.parametrize(
        ("content", "field", "words"),
        [
            (b"PK\x03\x04 not really a zip", "upload", "파일을 읽을 수 없습니다"),
            (b"\x00" * 300, "upload", "파일을 읽을 수 없습니다"),
        ],
    )
    def test_a_damaged_file_is_refused_and_nothing_stored(self, bank, copy, content, field, words):
        response = self.upload(bank, content)
        assert words in response.context["import_form"].errors[field][0]
        assert CertificateCopy.objects.count() == 1

    def test_a_wrong_password_and_another_persons_certificate(self, bank, copy, issuing_ca):
        zipped = self.npki(bank, copy)
        response = self.upload(bank, zipped, password="Wrong#Pass2026")
        assert (
            "인증서 암호가 올바르지 않아" in response.context["import_form"].errors["password"][0]
        )
        stranger = CustomerFactory(rrn="900101-1234561")
        theirs = certificate_issue(customer=stranger, cert_type="bank", password=CERT_PASSWORD)
        foreign = pki.npki_zip(bytes(theirs.certificate.der), theirs.key_file)
        response = self.upload(bank, foreign)
        assert "다른 사람의 인증서입니다" in response.context["import_form"].errors["upload"][0]
        assert CertificateCopy.objects.count() == 1

    def zip_bomb(self, members: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name, content in members.items():
                archive.writestr(name, content)
        return buffer.getvalue()

    def test_a_zip_bomb_is_refused_before_it_is_unpacked(self, bank, copy):
        """A few KiB that unpack to 16 MiB of zeros: refused beside the file, nothing stored."""
        bomb = self.zip_bomb({"NPKI/signCert.der": b"\0" * (16 * 1024 * 1024),
                              "NPKI/signPri.key": b"\0" * 1024})  # fmt: skip
        assert len(bomb) < 64 * 1024
        response = self.upload(bank, bomb)
        assert response.status_code == 400
        error = response.context["import_form"].errors["upload"][0]
        assert "압축을 풀면 너무 크거나 들어 있는 파일이 너무 많아 열지 않았습니다" in error
        assert "압축을 풀면 너무 크거나" in text(response)
        assert CertificateCopy.objects.count() == 1

    def test_a_zip_whose_header_understates_its_size_is_read_no_further(self, bank, copy):
        """The declared size says 1 KiB, the data unpacks to 1 MiB: the read stops at the bound."""
        real = self.zip_bomb({"NPKI/signCert.der": b"\0" * (1024 * 1024),
                              "NPKI/signPri.key": b"\0" * 1024})  # fmt: skip
        declared = (1024 * 1024).to_bytes(4, "little")
        lying = real.replace(declared, (1024).to_bytes(4, "little"))
        assert lying.count((1024).to_bytes(4, "little")) >= 2  # local and central headers
        response = self.upload(bank, lying)
        error = response.context["import_form"].errors["upload"][0]
        assert "파일을 읽을 수 없습니다" in error or "압축을 풀면 너무 크거나" in error
        assert CertificateCopy.objects.count() == 1

    def test_a_zip_of_many_files_is_refused(self, bank, copy):
        many = self.zip_bomb({f"NPKI/{n}/signCert.der": b"x" for n in range(100)})
        response = self.upload(bank, many)
        error = response.context["import_form"].errors["upload"][0]
        assert "들어 있는 파일이 너무 많아" in error
        assert CertificateCopy.objects.count() == 1

    def test_a_visitor_cannot_import_and_is_sent_to_the_login(self, client, bank, copy):
        zipped = self.npki(bank, copy)
        bank.logout()
        response = self.upload(client, zipped)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        assert "next=" in response.url
        assert CertificateCopy.objects.count() == 1
        assert not CenterEvent.objects.filter(action="import").exists()
        page = text(client.get(reverse("center:manage")))
        assert "인증서 가져오기는 인터넷뱅킹에 로그인한 뒤 이용할 수 있습니다." in page

    def test_a_certificate_from_another_ca_is_not_ours(self, bank, copy, root_and_other_ca):
        other = root_and_other_ca
        key = pki.new_rsa_key()
        r = pki.new_random_num()
        from django.utils import timezone

        cert = pki.build_user_certificate(
            issuer=other, public_key=key.public_key(), real_name="홍길동", rrn="850315-1234567",
            vid_random=r, issued_at=timezone.now(), sequence=1, base_url="http://other.test",
        )  # fmt: skip
        from cryptography.hazmat.primitives.serialization import Encoding

        upload = pki.npki_zip(
            cert.public_bytes(Encoding.DER), pki.write_key_file(key, CERT_PASSWORD, r)
        )
        response = self.upload(bank, upload)
        assert (
            "이 연습 포털의 모의 인증기관이 발급한 인증서가 아닙니다"
            in response.context["import_form"].errors["upload"][0]
        )


@pytest.fixture(scope="session")
def root_and_other_ca():
    root = pki.create_root_ca("Other Training Root")
    return pki.create_issuing_ca(root, "otherCA Class 1")
