"""What the 수료증 tests share: the PDF's text, the verification link, and openssl's
verdict on a document and its detached signature."""

import io
import shutil
import subprocess

from cryptography import x509
from pypdf import PdfReader

from issuance import pki
from issuance.models import CertificateAuthority

OPENSSL = shutil.which("openssl")
PRINTED = ("홍길동", "첫 발급", "3월 디지털 금융 교실", "김강사", "8/10", "인증서 로그인")


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def text(response) -> str:
    return response.content.decode()


def link(completion_id) -> str:
    return f"http://testserver/lessons/verify/{completion_id}/"


def root_pem(tmp_path):
    der = CertificateAuthority.objects.get(role=CertificateAuthority.Role.ROOT).certificate_der
    path = tmp_path / "root.pem"
    path.write_bytes(pki.pem(x509.load_der_x509_certificate(bytes(der))))
    return path


def openssl_verifies(tmp_path, document: bytes, signature: bytes) -> bool:
    (tmp_path / "doc.pdf").write_bytes(document)
    (tmp_path / "sig.p7s").write_bytes(signature)
    command = [
        OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.p7s",
        "-content", "doc.pdf", "-CAfile", str(root_pem(tmp_path)), "-purpose", "any",
        "-out", "/dev/null",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    return result.returncode == 0
