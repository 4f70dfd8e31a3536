"""Interoperability: the `openssl` command line parses and verifies what we build.

Certificates here are issued "now" (not at the fixed test date) because
`openssl verify` checks validity against the clock.
"""

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import Encoding

from issuance.pki import (
    KST,
    build_crl,
    build_response,
    build_user_certificate,
    issued_by,
    new_random_num,
    parse_request,
    pem,
    pkcs12,
    unsuccessful_response,
    write_key_file,
)
from tests.issuance.pki.samples import BASE_URL, PASSWORD, RRN

pytestmark = pytest.mark.skipif(
    shutil.which("openssl") is None, reason="the openssl command is not installed"
)


@dataclass(frozen=True)
class Files:
    dir: Path
    good: x509.Certificate
    revoked: x509.Certificate


def openssl(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # errors="replace": openssl prints the BMPString notice as raw bytes.
    return subprocess.run(
        ["openssl", *args],
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=30,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory, root_ca, issuing_ca, user_key) -> Files:
    """Chain, a good and a revoked certificate, and the CRL, as files."""
    now = datetime.now(UTC)
    good, revoked = (
        build_user_certificate(
            issuer=issuing_ca,
            public_key=user_key.public_key(),
            real_name="홍길동",
            rrn=RRN,
            vid_random=new_random_num(),
            issued_at=now.astimezone(KST),
            sequence=sequence,
            base_url=BASE_URL,
        )
        for sequence in (1, 2)
    )
    crl = build_crl(
        issuer=issuing_ca,
        revoked=[(revoked.serial_number, now - timedelta(minutes=1), "keyCompromise")],
        number=1,
        this_update=now - timedelta(minutes=1),
        next_update=now + timedelta(days=1),
    )
    directory = tmp_path_factory.mktemp("openssl")
    (directory / "root.pem").write_bytes(pem(root_ca.certificate))
    (directory / "issuing.pem").write_bytes(pem(issuing_ca.certificate))
    (directory / "good.pem").write_bytes(pem(good))
    (directory / "good.der").write_bytes(good.public_bytes(Encoding.DER))
    (directory / "revoked.pem").write_bytes(pem(revoked))
    (directory / "crl.der").write_bytes(crl)
    crl_pem = x509.load_der_x509_crl(crl).public_bytes(Encoding.PEM)
    (directory / "crl.pem").write_bytes(crl_pem)
    return Files(directory, good, revoked)


def test_x509_text(files):
    result = openssl("x509", "-inform", "der", "-in", "good.der", "-noout", "-text", cwd=files.dir)
    assert result.returncode == 0, result.stderr
    for expected in (
        "Signature Algorithm: sha256WithRSAEncryption",
        "X509v3 Key Usage: critical",
        "Digital Signature, Non Repudiation",
        "X509v3 Certificate Policies: critical",
        "Policy: 1.2.410.200005.1.1.4",
        "CPS: http://testserver/pki/cps/",
        "URI:http://testserver/pki/crl/yessignca-sim-class-3.crl",
        "OCSP - URI:http://testserver/pki/ocsp/",
        "DirName:/C=kr/O=SIM Training/CN=SIM Training RootCA",
    ):
        assert expected in result.stdout


def test_verify_chain(files):
    result = openssl(
        "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "good.pem", cwd=files.dir
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "good.pem: OK"


def test_crl_parses(files):
    result = openssl("crl", "-inform", "der", "-in", "crl.der", "-noout", "-text", cwd=files.dir)
    assert result.returncode == 0, result.stderr
    serial = files.revoked.serial_number
    serial_hex = serial.to_bytes((serial.bit_length() + 7) // 8).hex().upper()
    assert f"Serial Number: {serial_hex}" in result.stdout  # openssl prints whole bytes
    assert "Key Compromise" in result.stdout
    assert "X509v3 CRL Number" in result.stdout


@pytest.mark.parametrize(
    ("name", "ok"), [("good.pem", True), ("revoked.pem", False)], ids=["good", "revoked"]
)
def test_verify_with_crl_check(files, name, ok):
    result = openssl(
        "verify",
        "-crl_check",
        "-CAfile",
        "root.pem",
        "-untrusted",
        "issuing.pem",
        "-CRLfile",
        "crl.pem",
        name,
        cwd=files.dir,
    )
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode != 0
        assert "certificate revoked" in result.stdout + result.stderr


def test_pkcs12_opens_without_legacy(files, user_key, issuing_ca, root_ca):
    data = pkcs12(
        files.good, user_key, PASSWORD, [issuing_ca.certificate, root_ca.certificate], "홍길동"
    )
    (files.dir / "user.p12").write_bytes(data)
    result = openssl(
        "pkcs12", "-info", "-noout", "-in", "user.p12", "-passin", f"pass:{PASSWORD}", cwd=files.dir
    )
    assert result.returncode == 0, result.stderr
    assert "PBES2, PBKDF2, AES-256-CBC" in result.stderr
    assert "MAC: sha256" in result.stderr


def test_pbes2_key_file_opens_with_the_legacy_provider(files, user_key):
    (files.dir / "signPri.key").write_bytes(
        write_key_file(user_key, PASSWORD, new_random_num(), scheme="pbes2")
    )
    result = openssl(
        "pkcs8",
        "-inform",
        "der",
        "-in",
        "signPri.key",
        "-passin",
        f"pass:{PASSWORD}",
        "-provider",
        "legacy",
        "-provider",
        "default",
        cwd=files.dir,
    )
    if "legacy" in result.stderr and result.returncode != 0:
        pytest.skip(f"openssl has no legacy provider here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    key = serialization.load_pem_private_key(result.stdout.encode(), None)
    assert key.private_numbers() == user_key.private_numbers()


@pytest.mark.parametrize("status", ["good", "revoked"])
def test_ocsp_response_accepted(files, issuing_ca, status):
    request = openssl(
        "ocsp", "-issuer", "issuing.pem", "-cert", "good.pem", "-reqout", "req.der", cwd=files.dir
    )
    assert request.returncode == 0, request.stderr
    query = parse_request((files.dir / "req.der").read_bytes())
    assert query.nonce is not None  # openssl sends one by default
    assert issued_by(query, issuing_ca)
    now = datetime.now(UTC)
    response = build_response(
        query=query,
        issuer=issuing_ca,
        status=status,
        this_update=now - timedelta(minutes=1),
        next_update=now + timedelta(hours=1),
        revoked_at=now - timedelta(minutes=5) if status == "revoked" else None,
        reason="keyCompromise" if status == "revoked" else None,
    )
    (files.dir / "resp.der").write_bytes(response)

    # As a client checks it: signature and chain, and the nonce against the request.
    checked = openssl(
        "ocsp",
        "-reqin",
        "req.der",
        "-respin",
        "resp.der",
        "-CAfile",
        "root.pem",
        "-resp_text",
        cwd=files.dir,
    )
    output = checked.stdout + checked.stderr
    assert checked.returncode == 0, output
    assert "Response verify OK" in output
    assert f"Cert Status: {status}" in output
    assert "WARNING: no nonce" not in output
    assert "Nonce Verify error" not in output
    if status == "revoked":
        assert "Revocation Reason: keyCompromise" in output

    # As `openssl ocsp -url` reports it, per certificate. (-cert builds a new
    # request with a new nonce, hence -no_nonce here and -reqin above.)
    per_cert = openssl(
        "ocsp",
        "-respin",
        "resp.der",
        "-issuer",
        "issuing.pem",
        "-cert",
        "good.pem",
        "-CAfile",
        "root.pem",
        "-no_nonce",
        cwd=files.dir,
    )
    assert per_cert.returncode == 0, per_cert.stdout + per_cert.stderr
    assert f"good.pem: {status}" in per_cert.stdout


def test_ocsp_error_response(files):
    (files.dir / "error.der").write_bytes(unsuccessful_response("malformedRequest"))
    result = openssl("ocsp", "-respin", "error.der", "-resp_text", cwd=files.dir)
    assert "Responder Error: malformedrequest (1)" in result.stdout + result.stderr
