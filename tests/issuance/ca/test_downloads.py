"""A copy taken out as a file (issuance.ca.downloads): the answers the flow's 발급 완료 and
the centre's 내보내기 both give."""

import io
import zipfile

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12

from issuance.ca.downloads import npki_zip_download, pkcs12_download
from issuance.ca.services import certificate_issue
from portal.refusals import Refused
from tests.fixtures.pki import CERT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def copy(issuing_ca, holder):
    issued = certificate_issue(
        customer=holder, cert_type="bank", password=CERT_PASSWORD, medium="hdd"
    )
    return issued.certificate.copies.get()


def test_the_npki_folder_as_a_zip(copy):
    response = npki_zip_download(copy)
    serial = copy.certificate.serial
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="NPKI-{serial}.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {name.rsplit("/", 1)[-1] for name in names} >= {"signCert.der", "signPri.key"}


def test_the_p12_is_locked_with_the_certificate_password(copy):
    response = pkcs12_download(copy, CERT_PASSWORD)
    assert response["Content-Type"] == "application/x-pkcs12"
    filename = f"{copy.certificate.serial}.p12"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    key, cert, _chain = pkcs12.load_key_and_certificates(response.content, CERT_PASSWORD.encode())
    assert key is not None and cert is not None


def test_a_wrong_password_is_refused_beside_the_password(copy):
    with pytest.raises(Refused) as refused:
        pkcs12_download(copy, "Wrong#2026")
    assert refused.value.field == "password"
