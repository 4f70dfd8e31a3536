"""Keys are generated once per session: RSA-2048 generation dominates the suite's time."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from issuance.pki import (
    CertificateAuthority,
    build_user_certificate,
    create_issuing_ca,
    create_root_ca,
    new_random_num,
    new_rsa_key,
    write_key_file,
)
from tests.issuance.pki.samples import BASE_URL, ISSUED_AT, PASSWORD, RRN, Issued


@pytest.fixture(scope="session")
def root_ca() -> CertificateAuthority:
    return create_root_ca()


@pytest.fixture(scope="session")
def issuing_ca(root_ca: CertificateAuthority) -> CertificateAuthority:
    return create_issuing_ca(root_ca)


@pytest.fixture(scope="session")
def user_key() -> rsa.RSAPrivateKey:
    return new_rsa_key()


@pytest.fixture(scope="session")
def issued(issuing_ca: CertificateAuthority, user_key: rsa.RSAPrivateKey) -> Issued:
    """홍길동's bank certificate, sequence 1, issued 2026-11-28 10:30 KST."""
    r = new_random_num()
    cert = build_user_certificate(
        issuer=issuing_ca,
        public_key=user_key.public_key(),
        real_name="홍길동",
        rrn=RRN,
        vid_random=r,
        issued_at=ISSUED_AT,
        sequence=1,
        base_url=BASE_URL,
    )
    return Issued(cert, user_key, r, write_key_file(user_key, PASSWORD, r))
