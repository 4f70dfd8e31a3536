"""The certificate centre's records."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    created_at = models.DateTimeField(_("시각"), default=timezone.now)

    class Meta:
        verbose_name = _("인증센터 기록")
        verbose_name_plural = _("인증센터 기록")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["customer", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.get_result_display()}: {self.message}"
