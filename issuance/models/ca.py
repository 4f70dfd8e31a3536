"""The simulated CA's records: its CAs, the certificates it issued, its CRLs, and the
copies of a certificate on a learner's virtual devices.

Bytes (DER) are stored as issued; serials as upper-case hex strings (how users
see them). A certificate's status is derived from its dates and revocation
fields, never stored, so it can never go stale: ``Certificate.objects.valid()``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import LockableMedium
from issuance.choices import (
    CertificateStatus,
    CertificateType,
    Device,
    RevocationReason,
    StorageMedium,
)
from issuance.querysets import CertificateQuerySet


class CertificateAuthority(models.Model):
    """The root, or an issuing CA below it (the 공동인증서's, the 금융인증서's): one of each
    role; its key is PKCS#8-encrypted with CA_KEY_PASSPHRASE."""

    class Role(models.TextChoices):
        ROOT = "root", _("최상위 인증기관")
        ISSUING = "issuing", _("발급 인증기관")
        FINANCE = "finance", _("금융인증서 발급 인증기관")

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
    # The bank (등록대행기관, the OU and the CN's digits of the subject) that issued it:
    # one CA serves every bank, as yessign does; another bank's certificate is used here
    # once registered (타기관 인증서 등록).
    bank_code = models.CharField(_("발급 은행 코드"), max_length=3, default="004")
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
        indexes = [
            models.Index(fields=["customer", "cert_type"]),
            # The admin's newest-first change list, read a page at a time.
            models.Index(fields=["issued_at"], name="certificate_issued_at"),
        ]
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
    def issued_here(self) -> bool:
        return self.bank_code == settings.BANK_CODE

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.not_after < timezone.now():
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def days_left(self) -> int:
        """Whole days until it expires (negative once expired)."""
        return (self.not_after - timezone.now()).days

    @property
    def expires_soon(self) -> bool:
        """Valid, and under 30 days left: the 인증서 선택창 says "만료 N일 전" in red."""
        return self.status == CertificateStatus.VALID and self.days_left < 30


class DailySequence(models.Model):
    """The last sequence number given on one day: the CN's last seven digits
    (``홍길동()0004045…0000001``). One row per day, bumped by one upsert: O(1)
    whatever the number of certificates, and never reused after a deletion."""

    day = models.DateField(_("날짜"), unique=True)
    last = models.PositiveIntegerField(_("마지막 번호"), default=0)

    class Meta:
        verbose_name = _("일련번호 카운터")
        verbose_name_plural = _("일련번호 카운터")

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


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
