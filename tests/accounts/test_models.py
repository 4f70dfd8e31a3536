"""Model invariants: the 주민등록번호, accounts, 보안카드, mobile app, registered phones."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import translation

from accounts import rrn
from accounts.models import (
    SECURITY_CARD_SLOTS,
    BankAccount,
    Customer,
    RegisteredPhone,
    SecurityCard,
)
from accounts.personas import PERSONAS
from accounts.services import persona_apply
from tests.factories import (
    BankAccountFactory,
    CustomerFactory,
    MobileAuthenticatorFactory,
    RegisteredPhoneFactory,
    SecurityCardFactory,
    fictitious_rrn,
)

pytestmark = pytest.mark.django_db


def raw_row(table: str, pk: int) -> str:
    """The whole database row as text, the way someone reading the disk would see it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608 - fixed table names
        row = cursor.fetchone()
    return " ".join(
        bytes(v).hex() + " " + bytes(v).decode("latin-1")
        if isinstance(v, (bytes, memoryview))
        else str(v)
        for v in row
    )


class TestResidentRegistrationNumber:
    def test_plaintext_appears_nowhere_in_the_row(self):
        customer = CustomerFactory(rrn="850315-1234567")
        row = raw_row("accounts_customer", customer.pk)
        for needle in ("8503151234567", "850315-1234567", "1234567", "850315"):
            assert needle not in row
            assert needle.encode().hex() not in row

    def test_shown_masked_and_recovered_exactly(self):
        customer = Customer.objects.get(pk=CustomerFactory(rrn="850315-1234567").pk)
        assert customer.rrn_masked == "850315-1******"
        assert customer.rrn == "8503151234567"

    def test_found_by_keyed_hash(self):
        customer = CustomerFactory(rrn="850315-1234567")
        assert Customer.objects.get_by_rrn("8503151234567") == customer
        assert Customer.objects.get_by_rrn("850315-1234567") == customer
        assert customer.rrn_matches("850315-1234567")
        assert not customer.rrn_matches("850315-1234568")
        assert not customer.rrn_matches("not a number")

    def test_same_number_encrypts_differently_each_time(self):
        a = CustomerFactory.build(rrn="850315-1234567")
        b = CustomerFactory.build(rrn="850315-1234567")
        assert bytes(a.rrn_encrypted) != bytes(b.rrn_encrypted)
        assert a.rrn_hash == b.rrn_hash

    def test_one_number_one_customer(self):
        CustomerFactory(rrn="850315-1234567")
        with pytest.raises(IntegrityError):
            CustomerFactory(rrn="8503151234567")

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("85031-1234567", "13자리"),
            ("8503151234", "13자리"),
            ("abcdef-1234567", "13자리"),
            ("851315-1234567", "생년월일"),  # month 13
            ("850230-1234567", "생년월일"),  # 30 February
        ],
    )
    def test_malformed_numbers_get_a_korean_message(self, value, message):
        with pytest.raises(ValidationError) as excinfo:
            rrn.validate(value)
        assert message in excinfo.value.messages[0]

    def test_factory_numbers_are_fictitious(self):
        for n in range(0, 3000, 7):
            assert not rrn.passes_legacy_checksum(rrn.validate(fictitious_rrn(n)))

    def test_legacy_check_digit_matches_the_published_algorithm(self):
        # weights 2..9,2..5 over the first 12 digits: 8*2 + 1*5 + 1*7 + 1*8 = 36; (11 - 3) % 10
        assert rrn.legacy_check_digit("8001011000000") == 8


class TestBankAccount:
    def test_pin_is_hashed_and_checked(self):
        account = BankAccountFactory(pin="4321")
        assert identify_hasher(account.pin_hash) and "4321" not in account.pin_hash.split("$")
        assert account.pin_matches("4321")
        assert not account.pin_matches("1234")

    def test_pin_must_be_four_digits(self):
        with pytest.raises(ValidationError, match="숫자 4자리"):
            BankAccount().set_pin("12a4")

    def test_number_format_enforced_by_the_database(self):
        account = BankAccountFactory()
        with pytest.raises(IntegrityError):
            BankAccount.objects.filter(pk=account.pk).update(number="12345-01-234567")

    def test_balance_never_negative(self):
        account = BankAccountFactory()
        with pytest.raises(IntegrityError):
            BankAccount.objects.filter(pk=account.pk).update(balance=-1)

    def test_format_error_in_korean_on_full_clean(self):
        account = BankAccount(number="1234", product_name="통장", customer=CustomerFactory())
        account.set_pin("1111")
        with pytest.raises(ValidationError) as excinfo:
            account.full_clean()
        assert "123456-01-234567 형식" in excinfo.value.message_dict["number"][0]


class TestSecurityCard:
    def test_challenge_gives_two_different_slots_in_range(self):
        seen = set()
        for _ in range(500):
            a, b = SecurityCard.challenge()
            assert 1 <= a <= SECURITY_CARD_SLOTS
            assert 1 <= b <= SECURITY_CARD_SLOTS
            assert a != b
            seen.update((a, b))
        assert seen == set(range(1, SECURITY_CARD_SLOTS + 1))

    def test_answer_is_first_two_of_a_and_last_two_of_b(self):
        codes = [f"{i:02d}{i + 50:02d}" for i in range(1, 36)]  # slot 3 = "0353", slot 7 = "0757"
        card = SecurityCardFactory(codes=codes)
        assert card.answer_matches(3, "03", 7, "57")
        assert not card.answer_matches(3, "53", 7, "07")  # swapped halves
        assert not card.answer_matches(3, "03", 8, "57")  # wrong slot
        assert not card.answer_matches(0, "03", 7, "57")
        assert not card.answer_matches(36, "03", 7, "57")

    def test_codes_encrypted_at_rest(self):
        codes = [f"{i:04d}" for i in range(1001, 1036)]
        card = SecurityCardFactory(codes=codes)
        row = raw_row("accounts_securitycard", card.pk)
        assert "10011002" not in row
        assert SecurityCard.objects.get(pk=card.pk).codes == codes

    def test_card_has_exactly_35_four_digit_codes(self):
        with pytest.raises(ValueError, match="35"):
            SecurityCard().set_codes(["1234"] * 34)
        with pytest.raises(ValueError, match="35"):
            SecurityCard().set_codes(["123"] * 35)


class TestMobileAuthenticator:
    def test_outdated_compares_versions_numerically(self, settings):
        settings.MOBILE_APP_CURRENT_VERSION = "5.10.0"
        assert MobileAuthenticatorFactory(installed_version="5.9.9").is_outdated
        assert not MobileAuthenticatorFactory(installed_version="5.10.0").is_outdated
        assert not MobileAuthenticatorFactory(installed_version="6.0").is_outdated

    def test_pin_hashed(self):
        app = MobileAuthenticatorFactory(pin="246810")
        assert "246810" not in app.pin_hash
        assert app.pin_matches("246810")
        assert not app.pin_matches("246811")

    def test_pin_must_be_six_digits(self):
        with pytest.raises(ValidationError, match="6자리"):
            MobileAuthenticatorFactory(pin="12345")


def test_membership_follows_the_join_date():
    assert CustomerFactory(internet_banking_joined_on=None).is_internet_banking_member is False
    assert CustomerFactory().is_internet_banking_member is True


class TestRegisteredPhone:
    """A phone's kind is stored in Korean whatever language is active, and shown in the
    page's language (it used to be saved already translated)."""

    def test_a_persona_made_in_english_stores_the_kind_not_its_words(self):
        with translation.override("en"):
            customer = persona_apply(persona=PERSONAS[0])
        phone = customer.phones.get()
        assert phone.label == RegisteredPhone.Kind.MOBILE == "mobile"
        with translation.override("vi"):
            assert phone.get_label_display() == "Điện thoại di động (휴대전화)"
        with translation.override("ko"):
            assert phone.get_label_display() == "휴대전화"

    def test_the_migration_turns_translated_labels_into_the_kind(self):
        translated = RegisteredPhoneFactory()
        RegisteredPhone.objects.filter(pk=translated.pk).update(label="手机（휴대전화）"[:10])
        phone_kind = importlib.import_module("accounts.migrations.0006_phone_kind")
        phone_kind.to_kinds(django_apps, None)
        assert RegisteredPhone.objects.get(pk=translated.pk).label == "mobile"

    def test_an_unknown_kind_is_refused(self):
        phone = RegisteredPhoneFactory.build(customer=CustomerFactory(), label="Mobile")
        with pytest.raises(ValidationError) as refused:
            phone.full_clean()
        assert "label" in refused.value.message_dict
