"""The issuance flow's records: scenarios, a learner's session (the state machine's
row) and its event trail."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from issuance.choices import (
    CertificateProduct,
    CertificateType,
    IssuanceStep,
    StorageMedium,
)
from issuance.models.ca import Certificate
from issuance.querysets import IssuanceSessionQuerySet


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
    sms_not_delivered = models.BooleanField(
        _("금융인증서 문자 미수신"),
        default=False,
        help_text=_("클라우드 연결 문자가 처음에는 오지 않음 (다시 받기 연습)"),
    )
    cloud_reset_at = models.DateTimeField(
        _("금융인증서 기기 연결 초기화 시각"),
        null=True,
        blank=True,
        help_text=_("이 시각 전에 연결한 기기는 클라우드에 다시 연결해야 합니다 (새 기기 연습)"),
    )
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
    password_forgotten_before = models.DateTimeField(
        _("인증서 암호 분실 시각"),
        null=True,
        blank=True,
        help_text=_("이 시각 전에 저장한 인증서는 암호를 잊은 것으로 봅니다 (재발급 연습)"),
    )

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

    class SmsState(models.TextChoices):
        """The 금융인증서's cloud connection: the message on the phone, and its answer."""

        NONE = "", _("없음")
        SENT = "sent", _("문자 발송")
        REPLIED = "replied", _("답장 확인")
        WRONG = "wrong", _("번호 불일치")
        EXPIRED = "expired", _("시간 초과")

    class PushState(models.TextChoices):
        NONE = "", _("없음")
        PENDING = "pending", _("승인 대기")
        APPROVED = "approved", pgettext_lazy("status", "승인")
        DENIED = "denied", pgettext_lazy("status", "거부")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    product = models.CharField(
        _("인증서"),
        max_length=8,
        choices=CertificateProduct.choices,
        default=CertificateProduct.JOINT,
    )
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
    status_changed_at = models.DateTimeField(_("현재 단계 시작"), default=timezone.now)
    expires_at = models.DateTimeField(pgettext_lazy("time", "만료"))
    # 쉬운 화면: every clock of this flow × this (settings.EASY_VIEW_TIME_FACTOR), and
    # how many times "시간 더 주기" was used (issuance/flow/clock.py).
    time_factor = models.PositiveSmallIntegerField(_("시간 배율"), default=1)
    time_extensions = models.PositiveSmallIntegerField(_("시간 연장 횟수"), default=0)
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
    # 7. 모바일 인증: the version the learner updated the banking app to in this flow
    # (blank: not updated). An update changes this session only, never the persona's app.
    app_version = models.CharField(_("업데이트한 앱 버전"), max_length=20, blank=True)
    push_state = models.CharField(max_length=10, choices=PushState.choices, blank=True)
    push_sent_at = models.DateTimeField(null=True, blank=True)
    # The one real smartphone paired by the QR code: a hash of the key that phone holds.
    paired_phone = models.CharField(max_length=64, blank=True, editable=False)
    # 금융인증서 클라우드 연결: the number typed (where the message went), the 2 digits
    # the page shows and the learner sends back from the phone's 문자 app.
    cloud_phone = models.CharField(_("클라우드 연결 휴대폰번호"), max_length=13, blank=True)
    cloud_code = models.CharField(max_length=2, blank=True)
    cloud_state = models.CharField(max_length=10, choices=SmsState.choices, blank=True)
    cloud_sent_at = models.DateTimeField(null=True, blank=True)
    cloud_failures = models.PositiveSmallIntegerField(_("클라우드 연결 오류"), default=0)
    # The trainer's "문자 미수신": this message never reaches the phone (the next one does).
    cloud_held = models.BooleanField(default=False)
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

    objects = IssuanceSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("발급 세션")
        verbose_name_plural = _("발급 세션")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        who = self.customer.name if self.customer_id else _("(미확인)")
        return f"{who} · {self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finance(self) -> bool:
        return self.product == CertificateProduct.FINANCE


class IssuanceEvent(models.Model):
    """The audit trail: one row per step outcome (the trainer dashboard reads it)."""

    class Result(models.TextChoices):
        OK = "ok", _("성공")
        FAILED = "failed", _("실패")  # a wrong attempt (counted N/5)
        REFUSED = "refused", _("거절")  # refused without a try: the medium was already locked
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
