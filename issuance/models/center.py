"""The certificate centre's records."""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.hashers import make_pin_hash
from accounts.models import LockableMedium
from issuance.choices import StorageMedium
from issuance.querysets import PhoneRequestQuerySet


class CenterEvent(models.Model):
    """The learner's trail in the certificate centre (인증서 로그인, later 갱신, 관리, …)."""

    class Action(models.TextChoices):
        LOGIN = "login", _("인증서 로그인")
        PASSWORD = "password", _("인증서 암호 변경")
        REVOKE = "revoke", _("인증서 폐지")
        EXPORT = "export", _("인증서 내보내기")
        IMPORT = "import", _("인증서 가져오기")
        RENEW = "renew", _("인증서 갱신")
        COPY = "copy", _("스마트폰 인증서 복사")
        TRANSFER = "transfer", _("계좌 이체")
        REGISTER = "register", _("타기관 인증서 등록")
        DEREGISTER = "deregister", _("타기관 인증서 해제")
        DELETE = "delete", _("인증서 삭제")
        INSTALL = "install", _("보안프로그램 설치")
        DRILL = "drill", _("금융사기 예방 연습")

    class Result(models.TextChoices):
        OK = "ok", _("성공")
        FAILED = "failed", _("실패")

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="center_events",
        verbose_name=_("고객"),
    )
    action = models.CharField(_("업무"), max_length=16, choices=Action.choices)
    result = models.CharField(_("결과"), max_length=8, choices=Result.choices)
    message = models.CharField(_("메시지"), max_length=200)
    # The certificate used, where one was (인증서 로그인): a lesson's task tells a
    # 금융인증서's login from a 공동인증서's by it (lessons/rules.py).
    certificate = models.ForeignKey(
        "issuance.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("인증서"),
    )
    created_at = models.DateTimeField(_("시각"), default=timezone.now)

    class Meta:
        verbose_name = _("인증센터 기록")
        verbose_name_plural = _("인증센터 기록")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["customer", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.get_result_display()}: {self.message}"


class PhoneRequest(models.Model):
    """What the certificate centre or the bank asks of the learner's virtual phone.

    The phone's inbox shows a waiting request until it is answered or its time is
    up: an approval (추가 본인인증 of a large 이체) answered with the app PIN, or one
    side of 스마트폰 인증서 복사, whose 12-digit 인증번호 is kept here only as an
    HMAC (the device that shows it holds the number in its own session, encrypted).
    """

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("추가 본인인증 (앱 승인)")
        COPY_TO_PHONE = "copy_to_phone", _("인증서 복사 (PC → 스마트폰)")
        COPY_TO_PC = "copy_to_pc", _("인증서 복사 (스마트폰 → PC)")
        ARS = "ars", _("추가 본인인증 (ARS)")
        CLOUD_SMS = "cloud_sms", _("금융인증서 클라우드 연결 (문자)")

    class State(models.TextChoices):
        WAITING = "waiting", _("대기")
        APPROVED = "approved", pgettext_lazy("status", "승인")
        DENIED = "denied", pgettext_lazy("status", "거부")
        DONE = "done", _("완료")
        FAILED = "failed", _("실패")

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="phone_requests",
        verbose_name=_("고객"),
    )
    kind = models.CharField(_("종류"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("상태"), max_length=10, choices=State.choices, default=State.WAITING)
    summary = models.CharField(_("요청 내용"), max_length=200, blank=True)
    code_digest = models.CharField(_("인증번호(HMAC)"), max_length=64, blank=True, editable=False)
    medium = models.CharField(
        _("복사할 곳"), max_length=10, choices=StorageMedium.choices, blank=True
    )
    failures = models.PositiveSmallIntegerField(_("인증번호 오류 횟수"), default=0)
    created_at = models.DateTimeField(_("요청 시각"), default=timezone.now)
    expires_at = models.DateTimeField(_("유효 시각"))
    answered_at = models.DateTimeField(_("응답 시각"), null=True, blank=True)

    objects = PhoneRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("휴대전화 요청")
        verbose_name_plural = _("휴대전화 요청")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "state", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_state_display()}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def seconds_left(self) -> int:
        return max(int((self.expires_at - timezone.now()).total_seconds()), 0)


class CertificateRegistration(models.Model):
    """타기관 인증서 등록: another bank's certificate that its holder registered here, after
    사용자 ID + 주민등록번호, the certificate's own signature and an ARS call."""

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificate_registrations",
        verbose_name=_("고객"),
    )
    certificate = models.OneToOneField(
        "issuance.Certificate",
        on_delete=models.CASCADE,
        related_name="registration",
        verbose_name=_("인증서"),
    )
    registered_at = models.DateTimeField(_("등록 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("타기관 인증서 등록")
        verbose_name_plural = _("타기관 인증서 등록")

    def __str__(self) -> str:
        return f"{self.customer} · {self.certificate.serial}"


class SecurityToken(LockableMedium):
    """The learner's 보안토큰 (HSM) on the virtual PC: its own PIN (8 digits, Argon2 like
    every PIN), set the first time the 인증서 선택창 opens it and asked each time before it
    shows its certificates; wrong PINs count N/5, then it locks until 오류 해제."""

    LOCK_KIND = "token_pin"

    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="security_token",
        verbose_name=_("고객"),
    )
    pin_hash = models.CharField(_("보안토큰 PIN(해시)"), max_length=255, editable=False)
    created_at = models.DateTimeField(_("PIN 설정 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("보안토큰")
        verbose_name_plural = _("보안토큰")

    def __str__(self) -> str:
        return f"{self.customer} · {self._meta.verbose_name}"

    def set_pin(self, pin: str) -> None:
        self.pin_hash = make_pin_hash(pin)

    def pin_matches(self, pin: str) -> bool:
        return check_password(pin, self.pin_hash)


class CloudDevice(models.Model):
    """A device connected to a customer's 금융인증서 cloud with 자동연결: the browser keeps
    a random key in a cookie, this row its hash. Without 자동연결 a connection lasts
    the browser session only and leaves no row (연결된 기기 lists these rows)."""

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cloud_devices",
        verbose_name=_("고객"),
    )
    key_hash = models.CharField(max_length=64, editable=False)
    label = models.CharField(_("기기"), max_length=80)
    connected_at = models.DateTimeField(_("연결 시각"), default=timezone.now)
    last_used_at = models.DateTimeField(_("마지막 사용"), default=timezone.now)

    class Meta:
        verbose_name = _("연결된 기기")
        verbose_name_plural = _("연결된 기기")
        ordering = ["-last_used_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "key_hash"], name="one_cloud_device_per_customer_and_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.customer} · {self.label}"
