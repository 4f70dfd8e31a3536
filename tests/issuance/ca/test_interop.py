"""Real NPKI software against the running site: OpenSSL's OCSP client and verify,
and PyPinkSign on the NPKI folder that ``manage.py issue_certificate`` writes."""

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from django.core.management import call_command
from django.urls import reverse

from issuance.ca.revocation import certificate_revoke
from issuance.ca.services import certificate_issue
from issuance.models import Certificate
from tests.fixtures.pki import CERT_PASSWORD

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed")


def pem_file(path: Path, der: bytes, kind: str = "cert") -> Path:
    load = x509.load_der_x509_crl if kind == "crl" else x509.load_der_x509_certificate
    obj = load(der)
    path.write_bytes(obj.public_bytes(serialization.Encoding.PEM))
    return path


def openssl(*args: str) -> subprocess.CompletedProcess:
    # errors="replace": -text prints the BMPString policy notice as raw bytes
    return subprocess.run(
        [OPENSSL, *args], capture_output=True, text=True, errors="replace", timeout=60, check=False
    )


@pytest.fixture
def chain(tmp_path, issuing_ca):
    return (
        pem_file(tmp_path / "root.pem", bytes(issuing_ca.parent.certificate_der)),
        pem_file(tmp_path / "issuing.pem", bytes(issuing_ca.certificate_der)),
    )


@needs_openssl
@pytest.mark.django_db(transaction=True)
def test_openssl_ocsp_accepts_our_answers_for_good_and_revoked(
    live_server, tmp_path, chain, holder
):
    root, issuing = chain
    good = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    revoked = certificate_issue(customer=holder, cert_type="universal", password=CERT_PASSWORD)
    certificate_revoke(certificate=revoked.certificate, reason="key_compromise")
    url = live_server.url + reverse("pki:ocsp")
    for issued, expected in ((good, ": good"), (revoked, ": revoked")):
        cert = pem_file(tmp_path / f"{issued.certificate.serial}.pem", issued.der)
        result = openssl(
            "ocsp", "-issuer", str(issuing), "-cert", str(cert), "-url", url, "-CAfile", str(root)
        )
        assert "Response verify OK" in result.stderr + result.stdout, result.stderr
        assert f"{cert}{expected}" in result.stdout, result.stdout
    assert "Reason: keyCompromise" in result.stdout


@needs_openssl
@pytest.mark.django_db(transaction=True)
def test_openssl_verify_with_the_crl_we_serve(live_server, client, tmp_path, chain, holder):
    root, issuing = chain
    good = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    revoked = certificate_issue(customer=holder, cert_type="bank", password=CERT_PASSWORD)
    certificate_revoke(certificate=revoked.certificate)
    slug = Certificate.objects.get(pk=good.certificate.pk).issuer.slug
    crl_der = client.get(reverse("pki:crl", args=[slug])).content
    crl = pem_file(tmp_path / "crl.pem", crl_der, kind="crl")
    parsed = subprocess.run(
        [OPENSSL, "crl", "-inform", "der", "-noout", "-text"],
        input=crl_der,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert parsed.returncode == 0
    assert revoked.certificate.serial.encode() in parsed.stdout.upper().replace(b":", b"")

    def verify(issued):
        cert = pem_file(tmp_path / f"{issued.certificate.serial}.pem", issued.der)
        return openssl(
            "verify",
            "-crl_check",
            "-CAfile",
            str(root),
            "-untrusted",
            str(issuing),
            "-CRLfile",
            str(crl),
            str(cert),
        )

    assert verify(good).returncode == 0, verify(good).stderr
    refused = verify(revoked)
    assert refused.returncode != 0
    assert "certificate revoked" in refused.stdout + refused.stderr


@pytest.mark.django_db
def test_issue_certificate_command_writes_a_folder_pypinksign_opens(
    tmp_path, issuing_ca, holder, capsys
):
    pinksign = pytest.importorskip(
        "pypinksign", reason="pypinksign (dev dependency) is not installed"
    )
    call_command(
        "issue_certificate",
        holder.user_id,
        "--password",
        CERT_PASSWORD,
        "--type",
        "universal",
        "--out",
        str(tmp_path),
    )
    out = capsys.readouterr().out
    certificate = Certificate.objects.get(customer=holder)
    assert certificate.serial in out and "전자거래범용" in out
    folder = tmp_path / "NPKI" / "yessign" / "USER" / certificate.subject_dn
    assert (folder / "signPri.key").stat().st_mode & 0o777 == 0o600

    signer = pinksign.PinkSign(pubkey_path=str(folder / "signCert.der"))
    signer.load_prikey(
        prikey_path=str(folder / "signPri.key"), prikey_password=CERT_PASSWORD.encode()
    )
    assert signer.cert_type_oid() == "1.2.410.200005.1.1.1"
    signature = signer.sign(b"transfer 10,000 KRW")
    cert = x509.load_der_x509_certificate((folder / "signCert.der").read_bytes())
    cert.public_key().verify(signature, b"transfer 10,000 KRW", padding.PKCS1v15(), hashes.SHA256())

    from issuance import pki

    r = signer._rand_num.asOctets()
    assert pki.vid_matches(cert, holder.rrn, r)
    assert not pki.vid_matches(cert, "8503151234568", r)

    if OPENSSL:
        root = pem_file(tmp_path / "root.pem", bytes(issuing_ca.parent.certificate_der))
        issuing = pem_file(tmp_path / "issuing.pem", bytes(issuing_ca.certificate_der))
        user = pem_file(tmp_path / "user.pem", (folder / "signCert.der").read_bytes())
        result = openssl("verify", "-CAfile", str(root), "-untrusted", str(issuing), str(user))
        assert result.returncode == 0, result.stderr
        text = openssl(
            "x509", "-inform", "der", "-in", str(folder / "signCert.der"), "-noout", "-text"
        )
        assert text.returncode == 0 and "1.2.410.200005.1.1.1" in text.stdout
