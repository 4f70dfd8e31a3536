"""Downloads: the NPKI zip, the .p12 and PEM."""

import io
import stat
import zipfile
from datetime import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

from issuance.pki import KST, npki_paths, npki_zip, pem
from issuance.pki import pkcs12 as make_pkcs12
from tests.issuance.pki.samples import PASSWORD

FOLDER = "NPKI/yessign/USER/cn=홍길동()0004045202611280000001,ou=KMB,ou=personal4IB,o=yessign,c=kr"


def test_npki_zip_layout(issued):
    cert_der = issued.cert.public_bytes(Encoding.DER)
    data = npki_zip(cert_der, issued.key_file, modified=datetime(2026, 11, 28, 10, 30, tzinfo=KST))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [info.filename for info in infos] == [
            f"{FOLDER}/signCert.der",
            f"{FOLDER}/signPri.key",
        ]
        assert all(info.flag_bits & 0x800 for info in infos)  # names are UTF-8
        assert archive.read(f"{FOLDER}/signCert.der") == cert_der
        assert archive.read(f"{FOLDER}/signPri.key") == issued.key_file
        assert infos[0].date_time == (2026, 11, 28, 10, 30, 0)
        assert stat.S_IMODE(infos[1].external_attr >> 16) == 0o600


def test_npki_paths_for_another_ca_org(issued):
    cert_path, key_path = npki_paths(issued.cert, "SIMCA")
    assert cert_path.startswith("NPKI/SIMCA/USER/cn=홍길동()")
    assert key_path.endswith("/signPri.key")


def test_pkcs12_opens_with_the_certificate_password(issued, issuing_ca, root_ca):
    chain = [issuing_ca.certificate, root_ca.certificate]
    data = make_pkcs12(issued.cert, issued.key, PASSWORD, chain, "홍길동 공동인증서")
    loaded = pkcs12.load_pkcs12(data, PASSWORD.encode())
    assert loaded.key is not None
    assert loaded.key.private_numbers() == issued.key.private_numbers()
    assert loaded.cert is not None
    assert loaded.cert.certificate == issued.cert
    assert loaded.cert.friendly_name == "홍길동 공동인증서".encode()
    assert [c.certificate for c in loaded.additional_certs] == chain
    with pytest.raises(ValueError):  # noqa: PT011 (cryptography's message)
        pkcs12.load_pkcs12(data, b"wrong-password")


def test_pem(issued):
    data = pem(issued.cert)
    assert data.startswith(b"-----BEGIN CERTIFICATE-----\n")
    assert x509.load_pem_x509_certificate(data) == issued.cert
