"""The simulated CA's records: its CAs, the certificates it issued, its CRLs.

Bytes (DER) are stored as issued; serials as upper-case hex strings (how users
see them). A certificate's status is derived from its dates and revocation
fields, never stored, so it can never go stale: ``Certificate.objects.valid()``.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import LockableMedium
from issuance.choices import (
    DEVICE_OF_MEDIUM,
    CertificateStatus,
    CertificateType,
    Device,
    IssuanceStep,
    RevocationReason,
    StorageMedium,
)

__all__ = [
    "DEVICE_OF_MEDIUM",
    "Certificate",
    "CertificateAuthority",
    "CertificateCopy",
    "CertificateStatus",
    "CertificateType",
    "Device",
    "IssuanceEvent",
    "IssuanceSession",
    "IssuanceStep",
    "RevocationList",
    "RevocationReason",
    "Scenario",
    "StorageMedium",
]


class CertificateAuthority(models.Model):
    """The root or the issuing CA; its key is PKCS#8-encrypted with CA_KEY_PASSPHRASE."""

    class Role(models.TextChoices):
        ROOT = "root", _("최상위 인증기관")
        ISSUING = "issuing", _("발급 인증기관")

    role = models.CharField(_("역할"), max_length=10, choices=Role.choices, unique=True)
    name = models.CharField(_("이름"), max_length=64)
    slug = models.SlugField(_("URL 이름"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("상위 인증기관")
    )
    serial = models.CharField(_("일련번호"), max_length=40)
    certificate_der = models.BinaryField(_("인증서(DER)"))
    private_key_encrypted = models.BinaryField(_("개인키(암호화)"), editable=False)
    not_before = models.DateTimeField(_("유효기간 시작"))
    not_after = models.DateTimeField(_("유효기간 끝"))
    created_at = models.DateTimeField(_("생성일"), auto_now_add=True)

    class Meta:
        verbose_name = _("인증기관")
        verbose_name_plural = _("인증기관")
        ordering = ["role"]

    def __str__(self) -> str:
        return self.name


class CertificateQuerySet(models.QuerySet):
    def valid(self, at=None):
        now = at or timezone.now()
        return self.filter(revoked_at__isnull=True, not_before__lte=now, not_after__gte=now)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def expired(self, at=None):
        return self.filter(revoked_at__isnull=True, not_after__lt=at or timezone.now())

    def expiring_within(self, days: int, at=None):
        now = at or timezone.now()
        return self.valid(at=now).filter(not_after__lte=now + timedelta(days=days))


class Certificate(models.Model):
    """A learner's certificate as issued (the key file is never stored unencrypted)."""

    serial = models.CharField(_("일련번호"), max_length=40, unique=True)
    issuer = models.ForeignKey(
        CertificateAuthority, on_delete=models.PROTECT, verbose_name=_("발급자")
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("고객"),
    )
    cert_type = models.CharField(_("종류"), max_length=10, choices=CertificateType.choices)
    subject_dn = models.CharField(_("주체 DN"), max_length=255)
    der = models.BinaryField(_("인증서(DER)"))
    not_before = models.DateTimeField(_("발급일"))
    not_after = models.DateTimeField(_("만료일"))
    issued_at = models.DateTimeField(_("발급 시각"), default=timezone.now)
    revoked_at = models.DateTimeField(_("폐지 시각"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("폐지 사유"), max_length=30, choices=RevocationReason.choices, blank=True
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("대체한 인증서"),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("인증서")
        verbose_name_plural = _("인증서")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["customer", "cert_type"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | Q(revoked_at__isnull=False) & ~Q(revocation_reason=""),
                name="certificate_revocation_fields_together",
            ),
            models.CheckConstraint(
                condition=Q(not_before__lt=models.F("not_after")), name="certificate_validity_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_dn} [{self.serial}]"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.not_after < timezone.now():
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label


class RevocationList(models.Model):
    """A CRL as published; numbers only grow (RFC 5280 cRLNumber)."""

    issuer = models.ForeignKey(
        CertificateAuthority, on_delete=models.PROTECT, verbose_name=_("발급자")
    )
    number = models.PositiveBigIntegerField(_("CRL 번호"))
    this_update = models.DateTimeField(_("발행 시각"))
    next_update = models.DateTimeField(_("다음 발행 예정"))
    revoked_count = models.PositiveIntegerField(_("폐지 인증서 수"), default=0)
    der = models.BinaryField(_("CRL(DER)"))

    class Meta:
        verbose_name = _("인증서 폐지 목록(CRL)")
        verbose_name_plural = _("인증서 폐지 목록(CRL)")
        ordering = ["issuer", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"], name="crl_number_unique_per_issuer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} CRL #{self.number}"


# --- The issuance flow ------------------------------------------------------------------


class Scenario(models.Model):
    """Failure switches a trainer turns on, per persona or per issuance session."""

    name = models.CharField(_("이름"), max_length=60, unique=True)
    description = models.TextField(_("설명"), blank=True)
    is_default = models.BooleanField(
        _("기본 시나리오"), default=False, help_text=_("새 발급 세션에 자동으로 적용")
    )
    customers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="scenarios", verbose_name=_("적용 고객")
    )
    install_fails_once = models.BooleanField(_("보안프로그램 설치 1회 실패"), default=False)
    ars_not_answered = models.BooleanField(_("ARS 전화를 받지 않음"), default=False)
    app_outdated = models.BooleanField(_("모바일 앱 구버전"), default=False)
    removable_disk_absent = models.BooleanField(_("이동식디스크 없음"), default=False)
    security_token_absent = models.BooleanField(_("보안토큰 없음"), default=False)
    lock_threshold = models.PositiveSmallIntegerField(
        _("오류 허용 횟수"), null=True, blank=True, help_text=_("비우면 설정값(기본 5회)")
    )
    ars_timeout_seconds = models.PositiveIntegerField(_("ARS 제한 시간(초)"), null=True, blank=True)
    push_timeout_seconds = models.PositiveIntegerField(
        _("푸시 승인 제한 시간(초)"), null=True, blank=True
    )
    session_minutes = models.PositiveIntegerField(_("발급 세션 시간(분)"), null=True, blank=True)

    class Meta:
        verbose_name = _("시나리오")
        verbose_name_plural = _("시나리오")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_scenario"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def absent_media(self) -> set[str]:
        absent = set()
        if self.removable_disk_absent:
            absent.add(StorageMedium.REMOVABLE_DISK)
        if self.security_token_absent:
            absent.add(StorageMedium.SECURITY_TOKEN)
        return absent


class IssuanceSession(models.Model):
    """One learner's walk through the flow: a state machine on one row.

    Every transition is a compare-and-swap on ``status`` along the edges that
    ``issuance/flow/machine.py`` declares, so a double click, two tabs or two
    devices can never skip a step or issue twice. Expiry is computed when read
    (``machine.is_expired``): no scheduler.
    """

    Step = IssuanceStep

    class CallState(models.TextChoices):
        NONE = "", _("없음")
        RINGING = "ringing", _("전화 오는 중")
        ANSWERED = "answered", _("전화 받음")
        WRONG = "wrong", _("번호 불일치")
        MISSED = "missed", _("받지 않음")

    class PushState(models.TextChoices):
        NONE = "", _("없음")
        PENDING = "pending", _("승인 대기")
        APPROVED = "approved", _("승인")
        DENIED = "denied", _("거부")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("단계"), max_length=16, choices=IssuanceStep.choices, default=IssuanceStep.INSTALL
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="issuance_sessions",
        verbose_name=_("고객"),
    )
    scenario = models.ForeignKey(
        Scenario, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("시나리오")
    )
    created_at = models.DateTimeField(_("시작"), default=timezone.now)
    expires_at = models.DateTimeField(_("만료"))
    stop_reason = models.CharField(_("중단 사유"), max_length=200, blank=True)

    # 2. 보안프로그램 설치
    install_started_at = models.DateTimeField(null=True, blank=True)
    install_full = models.BooleanField(default=True)
    install_failures = models.PositiveSmallIntegerField(default=0)
    # 3. 사용자 확인
    identify_failures = models.PositiveSmallIntegerField(_("사용자 확인 오류"), default=0)
    # 4. 약관 / 종류
    cert_type = models.CharField(
        _("인증서 종류"), max_length=10, choices=CertificateType.choices, blank=True
    )
    # 5. ARS
    ars_phone = models.ForeignKey(
        "accounts.RegisteredPhone", on_delete=models.SET_NULL, null=True, blank=True
    )
    ars_code = models.CharField(max_length=2, blank=True)
    ars_state = models.CharField(max_length=10, choices=CallState.choices, blank=True)
    ars_started_at = models.DateTimeField(null=True, blank=True)
    ars_failures = models.PositiveSmallIntegerField(_("ARS 오류"), default=0)
    # 6. 보안매체
    account = models.ForeignKey(
        "accounts.BankAccount",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("출금계좌"),
    )
    card_slot_a = models.PositiveSmallIntegerField(null=True, blank=True)
    card_slot_b = models.PositiveSmallIntegerField(null=True, blank=True)
    # 7. 모바일 인증: the app on this flow's virtual phone (a scenario may make it outdated;
    # updating it on the phone changes this session only, never the persona's app).
    app_version = models.CharField(_("모바일 앱 버전"), max_length=20, blank=True)
    push_state = models.CharField(max_length=10, choices=PushState.choices, blank=True)
    push_sent_at = models.DateTimeField(null=True, blank=True)
    # 8. 저장 위치
    medium = models.CharField(
        _("저장 위치"), max_length=10, choices=StorageMedium.choices, blank=True
    )
    # 9. 결과
    certificate = models.OneToOneField(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issuance_session",
        verbose_name=_("발급된 인증서"),
    )

    class Meta:
        verbose_name = _("발급 세션")
        verbose_name_plural = _("발급 세션")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        who = self.customer.name if self.customer_id else _("(미확인)")
        return f"{who} · {self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class IssuanceEvent(models.Model):
    """The audit trail: one row per step outcome (the trainer dashboard reads it)."""

    class Result(models.TextChoices):
        OK = "ok", _("성공")
        FAILED = "failed", _("실패")
        INFO = "info", _("안내")

    session = models.ForeignKey(IssuanceSession, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("단계"), max_length=16, choices=IssuanceStep.choices)
    result = models.CharField(_("결과"), max_length=8, choices=Result.choices)
    message = models.CharField(_("메시지"), max_length=200)
    created_at = models.DateTimeField(_("시각"), default=timezone.now)

    class Meta:
        verbose_name = _("발급 기록")
        verbose_name_plural = _("발급 기록")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_result_display()}: {self.message}"


class CertificateCopy(LockableMedium):
    """A copy of a certificate on the learner's virtual PC or phone.

    ``key_file`` is the ``signPri.key`` as issued: encrypted with the
    certificate password, never stored otherwise. Wrong certificate passwords
    are counted per copy, like every other typed secret.
    """

    LOCK_KIND = "certificate_password"

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="copies")
    device = models.CharField(_("기기"), max_length=8, choices=Device.choices)
    medium = models.CharField(_("저장 위치"), max_length=10, choices=StorageMedium.choices)
    key_file = models.BinaryField(_("signPri.key"), editable=False)
    created_at = models.DateTimeField(_("저장 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("인증서 사본")
        verbose_name_plural = _("인증서 사본")
        ordering = ["certificate", "device"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "medium"], name="one_copy_per_certificate_and_medium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate.serial} @ {self.get_medium_display()}"
