"""The vocabulary of issuance: certificate types, revocation reasons, storage media
and what each allows (``MEDIA``), devices, and the statuses of an issuance session
(models.py re-exports them)."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CertificateType(models.TextChoices):
    BANK = "bank", _("은행·신용카드·보험용 (무료)")
    UNIVERSAL = "universal", _("전자거래범용 (유료)")
    FINANCE = "finance", _("금융인증서")  # its own issuing CA and profile (3 years)


# The 공동인증서's types: what the issuance flow offers, and what a password (KISA
# rules) and an NPKI file keep.
JOINT_CERT_TYPES = (CertificateType.BANK, CertificateType.UNIVERSAL)


class RevocationReason(models.TextChoices):
    """RFC 5280 reason codes, by the names ``cryptography.x509.ReasonFlags`` uses."""

    UNSPECIFIED = "unspecified", _("사유 없음")
    KEY_COMPROMISE = "key_compromise", _("개인키 유출")
    AFFILIATION_CHANGED = "affiliation_changed", _("정보 변경")
    SUPERSEDED = "superseded", _("재발급")
    CESSATION_OF_OPERATION = "cessation_of_operation", _("이용 중지(폐지)")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("유효")
    REVOKED = "revoked", pgettext_lazy("status", "폐지")
    EXPIRED = "expired", _("만료")


class StorageMedium(models.TextChoices):
    """Where the learner saves the certificate (저장 위치)."""

    HARD_DISK = "hdd", _("하드디스크")
    REMOVABLE_DISK = "usb", _("이동식디스크")
    SECURITY_TOKEN = "token", _("보안토큰")
    PHONE = "phone", _("휴대전화")
    BROWSER = "browser", _("브라우저")
    CLOUD = "cloud", _("금융인증서 클라우드")  # the 금융인증서's only place: never a drive


class Device(models.TextChoices):
    PC = "pc", _("PC")
    PHONE = "phone", _("스마트폰")
    CLOUD = "cloud", _("클라우드")


class CertificateProduct(models.TextChoices):
    """The two certificates a bank issues: the file one and the cloud one."""

    JOINT = "joint", _("공동인증서")
    FINANCE = "finance", _("금융인증서")


class IssuanceStep(models.TextChoices):
    """The statuses of an issuance session and their names (order and edges: flow/machine.py)."""

    PREREQUISITES = "prerequisites", _("발급 전 확인")
    INSTALL = "install", _("보안프로그램 설치")
    IDENTIFY = "identify", _("사용자 확인")
    TERMS = "terms", _("약관 동의·인증서 종류")
    ARS = "ars", _("추가 본인인증(ARS)")
    MEDIUM = "medium", _("보안매체 확인")
    PUSH = "push", _("모바일 인증")
    STORAGE = "storage", _("저장 위치·인증서 암호")
    CLOUD = "cloud", _("클라우드 연결")  # 금융인증서: 이름, 휴대폰, 생년월일 and the SMS
    PIN = "pin", _("인증서 비밀번호(PIN) 설정")  # 금융인증서: six digits, twice
    ISSUING = "issuing", _("발급 중")
    COMPLETED = "completed", _("발급 완료")
    STOPPED = "stopped", _("중단")


# --- What each storage medium is and allows ------------------------------------------


class KeyStoreName(StrEnum):
    """The key stores (``ca/keystores.py``): how a medium keeps a learner's key."""

    NPKI_FILE = "npki_file"  # signPri.key, encrypted with the certificate password
    CLOUD = "cloud"  # the 금융인증서's key, sealed with the server's key, opened by a PIN


class SecretKind(StrEnum):
    """What the holder types to use a key kept on a medium."""

    PASSWORD = "password"  # noqa: S105 - 인증서 암호 (KISA rules): the name of a kind
    PIN = "pin"  # the 금융인증서's 6 digits


@dataclass(frozen=True)
class MediumRules:
    """One storage medium: the device it is on, the key store that keeps its keys, the
    secret that unlocks them, and what the holder may do with them."""

    medium: StorageMedium
    device: Device
    store: KeyStoreName
    secret: SecretKind
    exportable: bool  # 내보내기 and the flow's download: the NPKI zip and the .p12
    copyable: bool  # 스마트폰 인증서 복사: from it and to it

    @property
    def label(self):
        return self.medium.label


# The one table: the places that decide which device, what may be exported or copied,
# and which store opens a key ask here, never ``if medium == …``.
MEDIA: dict[str, MediumRules] = {
    rules.medium: rules
    for rules in (
        MediumRules(
            medium=StorageMedium.HARD_DISK,
            device=Device.PC,
            store=KeyStoreName.NPKI_FILE,
            secret=SecretKind.PASSWORD,
            exportable=True,
            copyable=True,
        ),
        MediumRules(
            medium=StorageMedium.REMOVABLE_DISK,
            device=Device.PC,
            store=KeyStoreName.NPKI_FILE,
            secret=SecretKind.PASSWORD,
            exportable=True,
            copyable=True,
        ),
        MediumRules(
            medium=StorageMedium.SECURITY_TOKEN,
            device=Device.PC,
            store=KeyStoreName.NPKI_FILE,
            secret=SecretKind.PASSWORD,
            exportable=True,
            copyable=False,
        ),
        MediumRules(
            medium=StorageMedium.PHONE,
            device=Device.PHONE,
            store=KeyStoreName.NPKI_FILE,
            secret=SecretKind.PASSWORD,
            exportable=True,
            copyable=True,
        ),
        MediumRules(
            medium=StorageMedium.BROWSER,
            device=Device.PC,
            store=KeyStoreName.NPKI_FILE,
            secret=SecretKind.PASSWORD,
            exportable=True,
            copyable=False,
        ),
        # The 금융인증서: kept by 금융결제원's cloud, used from any connected device,
        # never exported nor copied.
        MediumRules(
            medium=StorageMedium.CLOUD,
            device=Device.CLOUD,
            store=KeyStoreName.CLOUD,
            secret=SecretKind.PIN,
            exportable=False,
            copyable=False,
        ),
    )
}


def media_where(**rules) -> tuple[str, ...]:
    """The media whose rules are all as given, in ``StorageMedium``'s order:
    ``media_where(device=Device.PC, copyable=True)``."""
    return tuple(
        medium
        for medium, entry in MEDIA.items()
        if all(getattr(entry, name) == value for name, value in rules.items())
    )


def drive_choices() -> list[tuple[str, str]]:
    """The 공동인증서's storage media (the 인증서 선택창's drives, the 저장 위치 step): every
    medium whose key is an NPKI file, as (code, label) choices."""
    return [(medium, MEDIA[medium].label) for medium in media_where(store=KeyStoreName.NPKI_FILE)]
