"""The simulated CA hierarchy: a root and the issuing CAs below it (one for the
공동인증서, one for the 금융인증서; ``create_issuing_ca`` makes either).

The issuing CA's subject is what every learner's certificate names as issuer
(`C=kr, O=yessign, OU=AccreditedCA, CN=yessignCA-SIM Class 3`, and
`CN=yessignCA-SIM Cloud` for the 금융인증서); the names say the CA is simulated,
the structure matches the real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

KST = timezone(timedelta(hours=9), "KST")

DEFAULT_ROOT_NAME = "SIM Training RootCA"
DEFAULT_ISSUING_NAME = "yessignCA-SIM Class 3"
DEFAULT_FINANCE_NAME = "yessignCA-SIM Cloud"  # the 금융인증서's issuing CA
RSA_PUBLIC_EXPONENT = 65537


@dataclass(frozen=True, slots=True)
class CertificateAuthority:
    """A CA certificate with its private key, kept loaded once per process."""

    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey

    @property
    def name(self) -> str:
        """The CA's common name, e.g. ``yessignCA-SIM Class 3``."""
        (cn,) = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(cn.value)

    @property
    def key_identifier(self) -> bytes:
        """The CA's own Subject Key Identifier, reused as AKI key id below it."""
        ski = self.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        return ski.value.digest


def new_rsa_key(key_size: int = 2048) -> rsa.RSAPrivateKey:
    """A fresh RSA key with e = 65537 (the NPKI profile's only choice)."""
    return rsa.generate_private_key(public_exponent=RSA_PUBLIC_EXPONENT, key_size=key_size)


def npki_name(*rdns: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    """A Name in the given DER order, one attribute per RDN.

    NPKI software compares names byte for byte: C must be a PrintableString and
    everything else a UTF8String, which are exactly `cryptography`'s defaults
    for these attributes (the tests pin it).
    """
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in rdns])


def issuing_ca_name(common_name: str) -> x509.Name:
    """``C=kr, O=yessign, OU=AccreditedCA, CN=<common_name>`` as in real yessign certificates."""
    return npki_name(
        (NameOID.COUNTRY_NAME, "kr"),
        (NameOID.ORGANIZATION_NAME, "yessign"),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, "AccreditedCA"),
        (NameOID.COMMON_NAME, common_name),
    )


def create_root_ca(
    name: str = DEFAULT_ROOT_NAME,
    *,
    organization: str = "SIM Training",
    key_size: int = 2048,
    valid_for: timedelta = timedelta(days=20 * 365),
    now: datetime | None = None,
) -> CertificateAuthority:
    """A self-signed root CA (path length 1: it signs only the issuing CA)."""
    key = new_rsa_key(key_size)
    subject = npki_name(
        (NameOID.COUNTRY_NAME, "kr"),
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.COMMON_NAME, name),
    )
    cert = _ca_certificate(
        subject=subject,
        public_key=key.public_key(),
        issuer=None,
        signing_key=key,
        path_length=1,
        valid_for=valid_for,
        now=now,
    )
    return CertificateAuthority(cert, key)


def create_issuing_ca(
    root: CertificateAuthority,
    name: str = DEFAULT_ISSUING_NAME,
    *,
    key_size: int = 2048,
    valid_for: timedelta = timedelta(days=10 * 365),
    now: datetime | None = None,
) -> CertificateAuthority:
    """The CA that signs learners' certificates, their CRL and OCSP answers."""
    key = new_rsa_key(key_size)
    cert = _ca_certificate(
        subject=issuing_ca_name(name),
        public_key=key.public_key(),
        issuer=root,
        signing_key=root.private_key,
        path_length=0,
        valid_for=valid_for,
        now=now,
    )
    return CertificateAuthority(cert, key)


def _ca_certificate(
    *,
    subject: x509.Name,
    public_key: rsa.RSAPublicKey,
    issuer: CertificateAuthority | None,
    signing_key: rsa.RSAPrivateKey,
    path_length: int,
    valid_for: timedelta,
    now: datetime | None,
) -> x509.Certificate:
    # Start a day early: learners' certificates begin at 00:00 KST of the
    # issue day, which must not precede the CA's own validity.
    start = (now or datetime.now(UTC)).replace(microsecond=0) - timedelta(days=1)
    ski = x509.SubjectKeyIdentifier.from_public_key(public_key)
    if issuer is None:
        aki = x509.AuthorityKeyIdentifier(ski.digest, None, None)
        issuer_name = subject
    else:
        aki = x509.AuthorityKeyIdentifier(issuer.key_identifier, None, None)
        issuer_name = issuer.certificate.subject
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + valid_for)
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(aki, critical=False)
        .sign(signing_key, hashes.SHA256())
    )


def encrypt_ca_key(private_key: rsa.RSAPrivateKey, passphrase: bytes) -> bytes:
    """The CA key as encrypted PKCS#8 DER, for storage in the database."""
    return private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )


def load_ca_key(data: bytes, passphrase: bytes) -> rsa.RSAPrivateKey:
    """Decrypt a key written by `encrypt_ca_key`.

    RSA key validation is skipped: it costs as much as generating a key
    (≈44 ms) and only guards against keys from elsewhere, while this one was
    generated by this application. Never use this for keys from outside.
    """
    key = serialization.load_der_private_key(data, passphrase, unsafe_skip_rsa_key_validation=True)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("the CA key is not an RSA key")
    return key


def load_ca(
    certificate_der: bytes, encrypted_key: bytes, passphrase: bytes
) -> CertificateAuthority:
    """Rebuild a CA from its stored certificate and encrypted key."""
    cert = x509.load_der_x509_certificate(certificate_der)
    key = load_ca_key(encrypted_key, passphrase)
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise ValueError("the CA key does not belong to the CA certificate")
    return CertificateAuthority(cert, key)
