"""Errors of the simulated PKI.

Each carries a ``code``; the Django layer says it to the learner in their language
(issuance/pki_messages.py). The English text is for logs and tracebacks only.
"""


class PkiError(Exception):
    """Base class for every error raised by `issuance.pki`."""

    code = "pki_error"


class WrongPasswordError(PkiError):
    """The key file decrypted to garbage: the certificate password is wrong."""

    code = "wrong_password"

    def __init__(
        self, message: str = "the certificate password does not open the key file"
    ) -> None:
        super().__init__(message)


class DamagedKeyFileError(PkiError):
    """The bytes are not an encrypted NPKI private key at all."""

    code = "damaged_key_file"

    def __init__(
        self, message: str = "damaged certificate file, or not an NPKI private key file"
    ) -> None:
        super().__init__(message)


class SeedUnavailableError(PkiError):
    """OpenSSL cannot do SEED here, so NPKI key files cannot be written or read."""

    code = "seed_unavailable"

    def __init__(
        self,
        message: str = (
            "SEED encryption is unavailable: OpenSSL's legacy provider is not loaded "
            "(check the CRYPTOGRAPHY_OPENSSL_NO_LEGACY environment variable)."
        ),
    ) -> None:
        super().__init__(message)
