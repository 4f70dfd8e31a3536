"""Errors of the simulated PKI; their messages are shown to learners as they are."""


class PkiError(Exception):
    """Base class for every error raised by `issuance.pki`."""


class WrongPasswordError(PkiError):
    """The key file decrypted to garbage: the certificate password is wrong."""

    def __init__(self, message: str = "인증서 암호가 올바르지 않습니다.") -> None:
        super().__init__(message)


class DamagedKeyFileError(PkiError):
    """The bytes are not an encrypted NPKI private key at all."""

    def __init__(
        self, message: str = "인증서 파일이 손상되었거나 올바른 개인키 파일이 아닙니다."
    ) -> None:
        super().__init__(message)


class SeedUnavailableError(PkiError):
    """OpenSSL cannot do SEED here, so NPKI key files cannot be written or read."""

    def __init__(
        self,
        message: str = (
            "SEED 암호화를 사용할 수 없습니다: OpenSSL legacy provider가 로드되지 않았습니다 "
            "(CRYPTOGRAPHY_OPENSSL_NO_LEGACY 환경 변수를 확인하세요)."
        ),
    ) -> None:
        super().__init__(message)
