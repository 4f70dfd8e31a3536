"""Where a learner's key is kept, and how it is opened: one key store per kind of
storage, chosen by the copy's medium (``choices.MEDIA`` says which).

Every use of a copy's key goes through its store: issuance and 가져오기 seal a new
key (``seal``), 인증서 로그인, 이체, 폐지, 갱신 and the .p12 open it (``copy_open``,
counted), 암호 변경 changes its secret (``copy_secret_change``), and 내보내기 and
스마트폰 인증서 복사 take it out as an NPKI ``signPri.key`` and bring one in
(``export_key_file`` / ``import_key_file``), when the medium allows it
(``medium_allows``).

``NpkiFileStore`` keeps the 공동인증서: the ``signPri.key`` encrypted with the
certificate password, kept in ``CertificateCopy.key_file``. ``CloudStore`` keeps the
금융인증서: the key sealed with the server's key (``settings.CLOUD_STORE_KEY``), its
6-digit PIN an Argon2 hash bound to the seal, never exported (``pki/cloud.py``).

Opening is a typed secret like any other: wrong secrets are counted per copy (N/5,
then the copy locks until 오류 해제), through ``accounts``'s one lock mechanism. The
private key exists in memory only for the caller's one answer.
"""

from abc import ABC, abstractmethod

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.hashers import make_pin_hash
from accounts.services import SecretCheck, secret_verify
from issuance import pki
from issuance.choices import MEDIA, KeyStoreName, MediumRules, SecretKind
from issuance.models import CertificateCopy
from issuance.pki import cloud
from issuance.scenario_rules import rules, scenario_of
from portal.refusals import Refused


class MediumNotAllowed(PermissionDenied):
    """The copy's medium does not allow this (``MEDIA``: exportable, copyable). No page
    offers it, so an address that asks anyway is answered like any forbidden one (403)."""


def medium_rules(copy_or_medium: CertificateCopy | str) -> MediumRules:
    """The row of ``MEDIA`` for a copy's medium (or a medium's code)."""
    medium = getattr(copy_or_medium, "medium", copy_or_medium)
    try:
        return MEDIA[medium]
    except KeyError:
        raise ValueError(f"unknown storage medium {medium!r}") from None


def medium_allows(copy_or_medium: CertificateCopy | str, what: str) -> MediumRules:
    """The medium's rules, or ``MediumNotAllowed`` when ``what`` ("exportable",
    "copyable") is not allowed on it."""
    rules = medium_rules(copy_or_medium)
    if not getattr(rules, what):
        raise MediumNotAllowed(str(not_allowed_message(rules, what)))
    return rules


def not_allowed_message(rules: MediumRules, what: str) -> str:
    """Why the medium does not allow it, as the 403 page says it."""
    if rules.store == KeyStoreName.CLOUD:
        return EXPORT_REFUSED if what == "exportable" else COPY_REFUSED
    if what == "exportable":
        return _("%(medium)s에 저장된 인증서는 내보낼 수 없습니다.") % {"medium": rules.label}
    return _("%(medium)s에 저장된 인증서는 복사할 수 없습니다.") % {"medium": rules.label}


def wrong_password(check: SecretCheck) -> Refused:
    """The password did not open the copy: N/5, or locked now (``check.locked``).
    Beside the password field, with the code the signing's callers tell apart."""
    if check.locked:
        message = _(
            "인증서 암호를 %(threshold)d회 잘못 입력하여 이 인증서를 쓸 수 없습니다. "
            "강사에게 오류 해제를 요청하거나 인증서를 재발급하세요."
        ) % {"threshold": check.threshold}
        return Refused(message, field="password", code="locked")
    message = _("인증서 암호가 올바르지 않습니다 (%(failures)d/%(threshold)d회)") % {
        "failures": check.failures,
        "threshold": check.threshold,
    }
    return Refused(message, field="password", code="wrong_password")


def password_forgotten(copy: CertificateCopy) -> bool:
    """The trainer's "forgot the certificate password" scenario: copies saved before it
    no longer open with any password, so the learner must 재발급."""
    forgotten = rules(scenario_of(copy.certificate.customer)).password_forgotten_before
    return bool(forgotten and copy.created_at < forgotten)


class KeyStore(ABC):
    """How one kind of storage keeps a learner's key: what ``CertificateCopy.key_file``
    holds, and the only code that reads or rewrites it."""

    name: KeyStoreName
    secret_kind: SecretKind  # what unlocks its keys

    @abstractmethod
    def seal(
        self, private_key, secret: str, random_num: bytes | None, *, scheme: str | None = None
    ) -> bytes:
        """A new key (and its R) as this store keeps it, unlocked by ``secret``
        (``scheme``: the store's format, when it has several; None for its default)."""

    @abstractmethod
    def open(self, copy: CertificateCopy, secret: str) -> pki.KeyFileContents:
        """The copy's key, or ``Refused`` (counted on the copy: "wrong_password", or
        "locked" at the limit). A damaged key raises ``pki.DamagedKeyFileError`` (not
        counted: no secret could open it)."""

    @abstractmethod
    def change_secret(self, copy: CertificateCopy, contents: pki.KeyFileContents, new: str) -> None:
        """암호 변경: the key the old secret opened (``open``, counted, outside any
        transaction) kept again so that only ``new`` opens it; the other copies of the
        certificate keep theirs. Written in the caller's transaction."""

    @abstractmethod
    def export_key_file(self, copy: CertificateCopy) -> bytes:
        """The key as an NPKI ``signPri.key`` under the copy's password (내보내기, 복사)."""

    @abstractmethod
    def import_key_file(self, key_file: bytes) -> bytes:
        """An NPKI ``signPri.key`` brought in (가져오기, 복사), as this store keeps it."""


class NpkiFileStore(KeyStore):
    """The ``signPri.key`` itself, encrypted with the certificate password (KISA's
    NPKI format, what real client software writes on a disk, a token or a phone)."""

    name = KeyStoreName.NPKI_FILE
    secret_kind = SecretKind.PASSWORD

    def seal(self, private_key, secret, random_num, *, scheme=None):
        scheme = scheme or "seedCBCWithSHA1"
        return pki.write_key_file(private_key, secret, random_num, scheme=scheme)

    def open(self, copy, secret):
        opened: list[pki.KeyFileContents] = []
        forgotten = password_forgotten(copy)

        def opens(row: CertificateCopy) -> bool:
            if forgotten:
                return False
            try:
                opened.append(pki.read_key_file(bytes(row.key_file), secret, validate_key=False))
            except pki.WrongPasswordError:
                return False
            return True

        check = secret_verify(medium=copy, check=opens)
        if not check.ok:
            raise wrong_password(check)
        return opened[0]

    def change_secret(self, copy, contents, new):
        key_file = self.seal(contents.private_key, new, contents.random_num)  # a new salt
        CertificateCopy.objects.filter(pk=copy.pk).update(key_file=key_file)
        copy.key_file = key_file

    def export_key_file(self, copy):
        return bytes(copy.key_file)

    def import_key_file(self, key_file):
        return bytes(key_file)


def wrong_pin(check: SecretCheck) -> Refused:
    """The 금융인증서's PIN did not open it: N/5, or locked now, and then only 재발급
    helps (as at 금융결제원: nobody unlocks a 금융인증서)."""
    if check.locked:
        message = _(
            "금융인증서 비밀번호를 %(threshold)d회 잘못 입력하여 이 인증서를 쓸 수 "
            "없습니다. 금융인증서를 재발급하세요."
        ) % {"threshold": check.threshold}
        return Refused(message, field="pin", code="locked")
    message = _("금융인증서 비밀번호가 올바르지 않습니다 (%(failures)d/%(threshold)d회)") % {
        "failures": check.failures,
        "threshold": check.threshold,
    }
    return Refused(message, field="pin", code="wrong_password")


EXPORT_REFUSED = gettext_lazy("금융인증서는 클라우드에 보관되어 내보낼 수 없습니다.")
COPY_REFUSED = gettext_lazy(
    "금융인증서는 클라우드에 보관되어 복사할 필요가 없습니다. 다른 기기에서는 클라우드에 "
    "연결하여 쓰세요."
)


def cloud_server_key() -> bytes:
    return cloud.server_key_from(settings.CLOUD_STORE_KEY.encode())


class CloudStore(KeyStore):
    """금융결제원's cloud: the key sealed with the server's key; the PIN, checked online
    against its hash (N/5, then locked for good), is what lets the holder use it."""

    name = KeyStoreName.CLOUD
    secret_kind = SecretKind.PIN

    def seal(self, private_key, secret, random_num, *, scheme=None):
        return cloud.seal_cloud_key(
            private_key, random_num, pin_hash=make_pin_hash(secret), server_key=cloud_server_key()
        )

    def open(self, copy, secret):
        forgotten = password_forgotten(copy)  # the trainer's "비밀번호 분실": none opens it

        def opens(row: CertificateCopy) -> bool:
            pin_hash = cloud.cloud_pin_hash(bytes(row.key_file))
            return not forgotten and check_password(secret, pin_hash)

        threshold = settings.LOCK_THRESHOLDS["finance_pin"]
        check = secret_verify(medium=copy, check=opens, threshold=threshold)
        if not check.ok:
            raise wrong_pin(check)
        return cloud.open_cloud_key(bytes(copy.key_file), server_key=cloud_server_key())

    def change_secret(self, copy, contents, new):
        key_file = self.seal(contents.private_key, new, contents.random_num)
        CertificateCopy.objects.filter(pk=copy.pk).update(key_file=key_file)
        copy.key_file = key_file

    def export_key_file(self, copy):
        raise MediumNotAllowed(str(EXPORT_REFUSED))

    def import_key_file(self, key_file):
        raise MediumNotAllowed(str(EXPORT_REFUSED))


STORES: dict[str, KeyStore] = {store.name: store for store in (NpkiFileStore(), CloudStore())}


def store_for(copy_or_medium: CertificateCopy | str) -> KeyStore:
    """The store that keeps the keys of a copy's medium (or of a medium's code)."""
    return STORES[medium_rules(copy_or_medium).store]


def copy_open(copy: CertificateCopy, secret: str) -> pki.KeyFileContents:
    """The copy's key, opened by its store with ``secret`` (``KeyStore.open``)."""
    return store_for(copy).open(copy, secret)


def copy_secret_change(copy: CertificateCopy, *, opened: pki.KeyFileContents, new: str) -> None:
    """암호 변경 of one copy, by its store (``KeyStore.change_secret``): ``opened`` is
    what ``copy_open`` gave for the old secret."""
    store_for(copy).change_secret(copy, opened, new)
