"""The key stores and the table of media: what each medium allows, which store keeps
its keys, and that opening, 암호 변경, 내보내기 and 복사 really go through them."""

from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography import x509
from django.utils import timezone

from issuance import pki
from issuance.ca import keystores
from issuance.ca.exports import copy_duplicate, copy_npki_zip, copy_pkcs12
from issuance.ca.keystores import (
    STORES,
    CloudStore,
    MediumNotAllowed,
    NpkiFileStore,
    copy_open,
    copy_secret_change,
    store_for,
)
from issuance.ca.services import certificate_copy_save, certificate_issue
from issuance.choices import MEDIA, KeyStoreName, SecretKind, drive_choices, media_where
from issuance.models import CertificateCopy, Device, Scenario, StorageMedium
from portal.refusals import Refused
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Another#2027"


@pytest.fixture
def copy(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


def public_numbers(copy):
    return x509.load_der_x509_certificate(bytes(copy.certificate.der)).public_key().public_numbers()


class RecordingStore(NpkiFileStore):
    """Today's file store under another name, writing down what it was asked."""

    name = "recording"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def open(self, copy, secret):
        self.calls.append("open")
        return super().open(copy, secret)

    def change_secret(self, copy, contents, new):
        self.calls.append("change_secret")
        super().change_secret(copy, contents, new)

    def export_key_file(self, copy):
        self.calls.append("export_key_file")
        return super().export_key_file(copy)

    def import_key_file(self, key_file):
        self.calls.append("import_key_file")
        return super().import_key_file(key_file)


@pytest.fixture
def recording(monkeypatch):
    """Every medium's keys kept by a ``RecordingStore``."""
    store = RecordingStore()
    monkeypatch.setitem(STORES, store.name, store)
    for medium, rules in list(MEDIA.items()):
        monkeypatch.setitem(MEDIA, medium, replace(rules, store=store.name))
    return store


def forbid(monkeypatch, medium: str, **rules) -> None:
    """A made-up row of the table: ``medium`` as it is, but for ``rules``."""
    monkeypatch.setitem(MEDIA, medium, replace(MEDIA[medium], **rules))


class TestTheTable:
    def test_every_storage_medium_has_its_row(self):
        assert list(MEDIA) == list(StorageMedium.values)
        for medium, rules in MEDIA.items():
            assert rules.medium == medium and rules.label == StorageMedium(medium).label

    def test_the_phone_holds_the_phone_medium_the_cloud_its_own_and_the_pc_every_other(self):
        assert media_where(device=Device.PHONE) == (StorageMedium.PHONE,)
        assert media_where(device=Device.CLOUD) == (StorageMedium.CLOUD,)
        assert set(media_where(device=Device.PC)) == set(StorageMedium.values) - {"phone", "cloud"}

    def test_what_each_medium_allows_today(self):
        # 내보내기 is offered for every drive, never for the 금융인증서's cloud; 스마트폰
        # 인증서 복사 lists the hard disk and the removable disk on the PC, and the phone.
        drives = tuple(medium for medium in StorageMedium.values if medium != "cloud")
        assert media_where(exportable=True) == drives
        assert media_where(copyable=True) == ("hdd", "usb", "phone")
        assert media_where(secret=SecretKind.PASSWORD) == drives
        assert media_where(secret=SecretKind.PIN) == ("cloud",)
        assert [medium for medium, _label in drive_choices()] == list(drives)

    def test_the_npki_file_store_keeps_every_drives_keys_and_the_cloud_its_own(self, copy):
        for medium in StorageMedium.values:
            store = store_for(medium)
            kind = CloudStore if medium == "cloud" else NpkiFileStore
            assert isinstance(store, kind)
            assert store.name == MEDIA[medium].store
            assert store.secret_kind == MEDIA[medium].secret
        assert store_for(copy) is store_for("hdd")

    def test_an_unknown_medium_has_no_store(self):
        with pytest.raises(ValueError, match="unknown storage medium"):
            store_for("floppy")


class TestTheFileStore:
    def test_the_right_password_opens_the_key(self, copy):
        contents = copy_open(copy, CERT_PASSWORD)
        assert contents.private_key.public_key().public_numbers() == public_numbers(copy)
        assert contents.random_num

    def test_a_wrong_password_is_refused_and_counted_then_locks(self, copy):
        for n in range(1, 5):
            with pytest.raises(Refused) as refused:
                copy_open(copy, "Wrong#Pass2026")
            assert (refused.value.code, refused.value.field) == ("wrong_password", "password")
            assert f"({n}/5회)" in str(refused.value)
        with pytest.raises(Refused) as refused:
            copy_open(copy, "Wrong#Pass2026")
        assert refused.value.code == "locked"
        copy.refresh_from_db()
        assert copy.failure_count == 5 and copy.locked_at
        with pytest.raises(Refused) as refused:  # the right one no longer opens it
            copy_open(copy, CERT_PASSWORD)
        assert refused.value.code == "locked"

    def test_a_damaged_key_file_is_not_counted(self, copy):
        CertificateCopy.objects.filter(pk=copy.pk).update(key_file=b"\x30\x03\x02\x01\x00")
        copy.refresh_from_db()
        with pytest.raises(pki.DamagedKeyFileError):
            copy_open(copy, CERT_PASSWORD)
        copy.refresh_from_db()
        assert copy.failure_count == 0

    def test_a_forgotten_password_opens_copies_saved_before_it_no_more(self, copy, holder):
        scenario = Scenario.objects.create(
            name="forgotten", password_forgotten_before=timezone.now() + timedelta(seconds=1)
        )
        scenario.customers.add(holder)
        with pytest.raises(Refused) as refused:
            copy_open(copy, CERT_PASSWORD)
        assert refused.value.code == "wrong_password"

    def test_a_change_of_secret_encrypts_again_and_only_the_new_one_opens(self, copy):
        before = bytes(copy.key_file)
        opened = copy_open(copy, CERT_PASSWORD)
        copy_secret_change(copy, opened=opened, new=NEW_PASSWORD)
        copy.refresh_from_db()
        assert bytes(copy.key_file) != before
        reopened = copy_open(copy, NEW_PASSWORD)
        assert reopened.random_num == opened.random_num
        assert reopened.private_key.private_numbers() == opened.private_key.private_numbers()
        with pytest.raises(Refused) as refused:
            copy_open(copy, CERT_PASSWORD)
        assert refused.value.code == "wrong_password"

    def test_sealed_keys_open_with_their_password_and_files_come_in_as_they_are(self):
        key, random_num = pki.new_rsa_key(), pki.new_random_num()
        store = STORES[KeyStoreName.NPKI_FILE]
        sealed = store.seal(key, CERT_PASSWORD, random_num, scheme="pbes2")
        contents = pki.read_key_file(sealed, CERT_PASSWORD)
        assert (contents.scheme, contents.random_num) == ("pbes2", random_num)
        assert store.import_key_file(sealed) == sealed


class TestTheSeamIsUsed:
    def test_opening_a_copy_asks_its_mediums_store(self, copy, recording):
        copy_open(copy, CERT_PASSWORD)
        copy_pkcs12(copy, CERT_PASSWORD)
        assert recording.calls == ["open", "open"]

    def test_export_and_copy_take_the_key_from_the_store(self, copy, recording):
        copy_npki_zip(copy)
        duplicate = copy_duplicate(copy, "phone")
        assert recording.calls == ["export_key_file", "export_key_file", "import_key_file"]
        assert duplicate.device == Device.PHONE
        assert pki.read_key_file(bytes(duplicate.key_file), CERT_PASSWORD)

    def test_a_key_is_kept_only_on_a_medium_of_the_store_that_sealed_it(self, issued, recording):
        with pytest.raises(ValueError, match="sealed by"):
            certificate_copy_save(issued=issued, medium="hdd")

    def test_a_medium_that_is_not_exportable_refuses_the_zip_and_the_p12(self, copy, monkeypatch):
        forbid(monkeypatch, "hdd", exportable=False)
        with pytest.raises(MediumNotAllowed):
            copy_npki_zip(copy)
        with pytest.raises(MediumNotAllowed):
            copy_pkcs12(copy, "Wrong#Pass2026")
        copy.refresh_from_db()
        assert copy.failure_count == 0  # refused before any password was tried

    def test_a_medium_that_is_not_copyable_is_neither_source_nor_target(self, copy, monkeypatch):
        with pytest.raises(MediumNotAllowed):
            copy_duplicate(copy, "token")  # not copyable today
        forbid(monkeypatch, "hdd", copyable=False)
        with pytest.raises(MediumNotAllowed):
            copy_duplicate(copy, "phone")
        assert not CertificateCopy.objects.exclude(pk=copy.pk).exists()

    def test_the_device_of_a_copy_follows_the_table(self, copy, monkeypatch):
        forbid(monkeypatch, "usb", device=Device.PHONE)  # made up: which device, asked
        assert copy_duplicate(copy, "usb").device == Device.PHONE
        assert keystores.medium_rules("usb").device == Device.PHONE
