"""At rest, after a 금융인증서 is issued and used through the pages: no row of any table
(sessions included) holds the PIN or the private key in clear; the PIN is only an
Argon2 hash inside the sealed blob."""

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.apps import apps
from django.contrib.auth.hashers import identify_hasher

from issuance.ca import keystores
from issuance.models import Certificate
from issuance.pki import cloud
from tests.fixtures.flow import FINANCE_PIN
from tests.issuance.flow.test_finance_views import FinanceLearner


def every_stored_value():
    """Every value of every row of every table, as bytes."""
    for model in apps.get_models():
        for row in model.objects.all().values_list():
            for value in row:
                if isinstance(value, (bytes, memoryview)):
                    yield bytes(value)
                elif value is not None:
                    yield str(value).encode()


def test_neither_the_pin_nor_the_key_is_stored_in_clear(client, ready, finance_ca, settings):
    # The real hash, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["accounts.hashers.PinArgon2Hasher", *settings.PASSWORD_HASHERS]
    settings.PIN_HASHER = "argon2pin"
    me = FinanceLearner(client)
    me.start()
    me.identify(), me.terms(), me.medium(), me.cloud(), me.reply(), me.pin()
    certificate = Certificate.objects.get(cert_type="finance")
    copy = certificate.copies.get()
    key = keystores.copy_open(copy, FINANCE_PIN).private_key
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    public = x509.load_der_x509_certificate(bytes(certificate.der)).public_key()
    assert key.public_key().public_numbers() == public.public_numbers()

    values = list(every_stored_value())
    assert not any(FINANCE_PIN.encode() in value for value in values)
    assert not any(der in value or der[-64:] in value for value in values)
    assert identify_hasher(cloud.cloud_pin_hash(bytes(copy.key_file))).algorithm == "argon2pin"
