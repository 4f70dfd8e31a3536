"""Customers, their bank accounts and their security media.

Secrets are never stored in plaintext: 주민등록번호 and 보안카드 codes are AES-GCM
encrypted (accounts/crypto.py), passwords and PINs Argon2 hashes (``PASSWORD_HASHERS``),
and every medium that can be locked shares ``LockableMedium``.
"""

import re
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import crypto, rrn
from accounts.hashers import make_pin_hash
from accounts.validators import (
    account_number_validator,
    phone_validator,
    pin4_validator,
    pin6_validator,
    user_id_validator,
)

RRN_PURPOSE = "customer.rrn"


def rrn_lookup_hash(rrn13: str) -> str:
    """The keyed hash a 주민등록번호 (13 digits) is looked up by; never the number itself."""
    return crypto.lookup_hash(rrn13, purpose=RRN_PURPOSE)


SECURITY_CARD_PURPOSE = "securitycard.codes"
SECURITY_CARD_SLOTS = 35


class LockableMedium(models.Model):
    """Failure counter and lock shared by everything a customer types a secret into.
    ``LOCK_KIND`` names the threshold in ``settings.LOCK_THRESHOLDS``. Writes go
    through ``accounts.services.secret_verify`` and ``medium_unlock``."""

    LOCK_KIND = ""

    failure_count = models.PositiveSmallIntegerField(_("오류 횟수"), default=0)
    locked_at = models.DateTimeField(_("잠긴 시각"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def lock_threshold(self) -> int:
        return settings.LOCK_THRESHOLDS[self.LOCK_KIND]


class CustomerManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, user_id, password=None, **extra):
        customer = self.model(user_id=user_id, **extra)
        customer.set_password(password)
        customer.save(using=self._db)
        return customer

    def create_superuser(self, user_id, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(user_id, password, **extra)

    def get_by_rrn(self, value: str) -> "Customer":
        """Find a customer by a full 주민등록번호 through its keyed hash."""
        return self.get(rrn_hash=rrn_lookup_hash(rrn.normalize(value)))


class Customer(LockableMedium, AbstractBaseUser, PermissionsMixin):
    """An internet-banking customer (the user model); staff and trainers too."""

    LOCK_KIND = "login"

    user_id = models.CharField(
        _("사용자 ID"), max_length=20, unique=True, validators=[user_id_validator]
    )
    name = models.CharField(_("이름"), max_length=40)
    name_en = models.CharField(_("영문 이름"), max_length=80, blank=True)
    rrn_encrypted = models.BinaryField(_("주민등록번호(암호화)"), null=True, editable=False)
    rrn_hash = models.CharField(  # noqa: DJ001 - NULL for staff, unique among customers
        _("주민등록번호 조회 해시"), max_length=64, null=True, unique=True, editable=False
    )
    internet_banking_joined_on = models.DateField(
        _("인터넷뱅킹 가입일"), null=True, blank=True, help_text=_("비어 있으면 미가입")
    )
    is_active = models.BooleanField(_("사용 가능"), default=True)
    is_staff = models.BooleanField(_("관리자"), default=False)
    is_trainer = models.BooleanField(_("강사"), default=False)
    persona_key = models.SlugField(
        _("페르소나"), max_length=40, null=True, blank=True, unique=True, editable=False
    )
    date_joined = models.DateTimeField(_("등록일"), default=timezone.now)

    objects = CustomerManager()

    USERNAME_FIELD = "user_id"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("고객")
        verbose_name_plural = _("고객")
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    def check_password(self, raw_password: str) -> bool:
        if self.persona_key:  # hashed as a PIN (accounts.hashers), never re-hashed at login
            return check_password(raw_password, self.password)
        return super().check_password(raw_password)

    # --- 주민등록번호: encrypted at rest, looked up by HMAC, shown masked ---------------
    def set_rrn(self, value: str) -> None:
        rrn13 = rrn.validate(value)
        self.rrn_encrypted = crypto.encrypt(rrn13, purpose=RRN_PURPOSE)
        self.rrn_hash = rrn_lookup_hash(rrn13)

    @property
    def rrn(self) -> str | None:
        """The 13 digits; for comparisons and the VID only, never for display."""
        if self.rrn_encrypted is None:
            return None
        return crypto.decrypt(self.rrn_encrypted, purpose=RRN_PURPOSE)

    def rrn_matches(self, value: str) -> bool:
        try:
            candidate = rrn.normalize(value)
        except ValidationError:
            return False
        return self.rrn_hash == rrn_lookup_hash(candidate)

    @property
    def rrn_masked(self) -> str:
        value = self.rrn
        return rrn.mask(value) if value else ""

    @property
    def is_internet_banking_member(self) -> bool:
        return self.internet_banking_joined_on is not None

    @property
    def is_member_or_staff(self) -> bool:
        """Who may log in to 인터넷뱅킹: members, and the bank's own staff and trainers."""
        return self.is_internet_banking_member or self.is_staff or self.is_trainer


class RegisteredPhone(models.Model):
    """A phone number registered with the bank (the ARS call goes to one of these); its
    kind is stored as a key and shown in the page's language."""

    class Kind(models.TextChoices):
        MOBILE = "mobile", _("휴대전화")
        HOME = "home", _("자택")
        WORK = "work", _("직장")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("전화번호"), max_length=13, validators=[phone_validator])
    label = models.CharField(_("구분"), max_length=10, choices=Kind.choices, default=Kind.MOBILE)

    class Meta:
        verbose_name = _("등록 전화번호")
        verbose_name_plural = _("등록 전화번호")
        constraints = [
            models.UniqueConstraint(fields=["customer", "number"], name="phone_unique_per_customer")
        ]
        ordering = ["customer", "id"]

    def __str__(self) -> str:
        return self.masked

    @property
    def masked(self) -> str:
        head, _middle, tail = self.number.split("-")
        return f"{head}-****-{tail}"


class BankAccount(LockableMedium):
    """A deposit account; its 4-digit 계좌비밀번호 is an Argon2 hash."""

    LOCK_KIND = "account_pin"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="accounts")
    number = models.CharField(
        _("계좌번호"), max_length=16, unique=True, validators=[account_number_validator]
    )
    product_name = models.CharField(_("상품명"), max_length=60)
    balance = models.BigIntegerField(_("잔액(원)"), default=0, validators=[MinValueValidator(0)])
    pin_hash = models.CharField(_("계좌비밀번호(해시)"), max_length=255, editable=False)
    internet_banking_registered = models.BooleanField(_("인터넷뱅킹 출금계좌 등록"), default=True)
    opened_on = models.DateField(_("개설일"), default=timezone.localdate)

    class Meta:
        verbose_name = _("계좌")
        verbose_name_plural = _("계좌")
        ordering = ["customer", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="account_balance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{6}-[0-9]{2}-[0-9]{6}$"),
                name="account_number_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.product_name})"

    def set_pin(self, pin: str) -> None:
        pin4_validator(pin)
        self.pin_hash = make_pin_hash(pin)

    def pin_matches(self, pin: str) -> bool:
        return check_password(pin, self.pin_hash)


class SecurityCard(LockableMedium):
    """보안카드: 35 slots of four digits, encrypted at rest.

    The bank asks for the first two digits of one slot and the last two of another
    (``challenge()``), which ``answer_matches`` checks.
    """

    LOCK_KIND = "security_card"

    customer = models.OneToOneField(
        Customer, on_delete=models.CASCADE, related_name="security_card"
    )
    serial = models.CharField(
        _("일련번호"), max_length=10, unique=True, validators=[RegexValidator(r"^\d{10}$")]
    )
    codes_encrypted = models.BinaryField(_("코드(암호화)"), editable=False)
    issued_on = models.DateField(_("발급일"), default=timezone.localdate)

    class Meta:
        verbose_name = _("보안카드")
        verbose_name_plural = _("보안카드")
        ordering = ["serial"]

    def __str__(self) -> str:
        return gettext("보안카드 %(serial)s") % {"serial": self.serial}

    def set_codes(self, codes: list[str]) -> None:
        if len(codes) != SECURITY_CARD_SLOTS or not all(re.fullmatch(r"\d{4}", c) for c in codes):
            raise ValueError("a security card has 35 four-digit codes")
        self.codes_encrypted = crypto.encrypt("".join(codes), purpose=SECURITY_CARD_PURPOSE)

    @property
    def codes(self) -> list[str]:
        joined = crypto.decrypt(self.codes_encrypted, purpose=SECURITY_CARD_PURPOSE)
        return [joined[i : i + 4] for i in range(0, len(joined), 4)]

    @staticmethod
    def generate_codes() -> list[str]:
        return [f"{secrets.randbelow(10_000):04d}" for _ in range(SECURITY_CARD_SLOTS)]

    @staticmethod
    def challenge() -> tuple[int, int]:
        """Two different slot numbers (1–35), drawn anew each time."""
        first = secrets.randbelow(SECURITY_CARD_SLOTS) + 1
        second = secrets.randbelow(SECURITY_CARD_SLOTS - 1) + 1
        if second >= first:
            second += 1
        return first, second

    def answer_matches(self, slot_a: int, first_two: str, slot_b: int, last_two: str) -> bool:
        """ "First 2 digits of slot A" and "last 2 digits of slot B"."""
        if not (1 <= slot_a <= SECURITY_CARD_SLOTS and 1 <= slot_b <= SECURITY_CARD_SLOTS):
            return False
        codes = self.codes
        expected = codes[slot_a - 1][:2] + codes[slot_b - 1][2:]
        return secrets.compare_digest(expected, f"{first_two}{last_two}")


class MobileAuthenticator(LockableMedium):
    """The bank's app on the learner's (virtual) phone: push approvals with a 6-digit PIN."""

    LOCK_KIND = "mobile_pin"

    class Status(models.TextChoices):
        ACTIVE = "active", _("사용 중")
        SUSPENDED = "suspended", _("사용 정지")

    customer = models.OneToOneField(
        Customer, on_delete=models.CASCADE, related_name="mobile_authenticator"
    )
    device_label = models.CharField(_("기기"), max_length=60)
    installed_version = models.CharField(
        _("설치된 앱 버전"), max_length=20, validators=[RegexValidator(r"^\d+(\.\d+){0,3}$")]
    )
    pin_hash = models.CharField(_("PIN(해시)"), max_length=255, editable=False)
    status = models.CharField(
        _("상태"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    registered_at = models.DateTimeField(_("등록일"), default=timezone.now)

    class Meta:
        verbose_name = _("모바일 인증 앱")
        verbose_name_plural = _("모바일 인증 앱")
        ordering = ["customer"]

    def __str__(self) -> str:
        return f"{self.device_label} (v{self.installed_version})"

    def set_pin(self, pin: str) -> None:
        pin6_validator(pin)
        self.pin_hash = make_pin_hash(pin)

    def pin_matches(self, pin: str) -> bool:
        return check_password(pin, self.pin_hash)

    @property
    def current_version(self) -> str:
        return settings.MOBILE_APP_CURRENT_VERSION

    @property
    def is_outdated(self) -> bool:
        return version_tuple(self.installed_version) < version_tuple(self.current_version)


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


class AccountTransaction(models.Model):
    """A recorded movement on an account (e.g. the 4,400원 fee of a 범용 certificate)."""

    account = models.ForeignKey(BankAccount, on_delete=models.CASCADE, related_name="transactions")
    amount = models.BigIntegerField(_("금액(원)"), help_text=_("출금은 음수"))
    balance_after = models.BigIntegerField(_("거래 후 잔액(원)"))
    description = models.CharField(_("적요"), max_length=60)
    created_at = models.DateTimeField(_("거래 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("거래내역")
        verbose_name_plural = _("거래내역")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        amount = gettext("%(amount)s원") % {"amount": f"{self.amount:+,}"}
        return f"{self.account.number} {amount} {self.description}"

    @property
    def withdrawn(self) -> int:
        return -self.amount if self.amount < 0 else 0

    @property
    def deposited(self) -> int:
        return self.amount if self.amount > 0 else 0


class CheckCounter(LockableMedium):
    """Failures of a check that is not a medium of its own, counted per customer across
    every session: 사용자 확인, ARS and the 금융인증서's SMS. Same N/5 lock as the media."""

    class Kind(models.TextChoices):
        IDENTIFY = "identify", _("사용자 확인")
        ARS = "ars", _("ARS 인증")
        CLOUD_SMS = "cloud_sms", _("클라우드 연결 문자")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="check_counters")
    kind = models.CharField(_("확인"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("확인 오류 횟수")
        verbose_name_plural = _("확인 오류 횟수")
        ordering = ["customer", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "kind"], name="one_counter_per_check")
        ]

    def __str__(self) -> str:
        return f"{self.customer} · {self.get_kind_display()}"

    @property
    def lock_threshold(self) -> int:
        return settings.LOCK_THRESHOLDS[self.kind]
