"""계좌 이체 signed with the certificate: the order, its checks and its signature."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountTransaction, BankAccount
from issuance.models.ca import Certificate
from issuance.models.center import PhoneRequest


class Transfer(models.Model):
    """One 이체, from the form to the receipt.

    entered (계좌비밀번호 checked) → [approval (≥ 300만원: the phone's 추가 본인인증)]
    → signing (보안카드 checked) → done (signed, verified, money moved). What was
    signed (``signed_text``) and the signature are kept with the receipt.
    """

    class State(models.TextChoices):
        ENTERED = "entered", _("보안카드 확인")
        APPROVAL = "approval", _("추가 본인인증")
        SIGNING = "signing", _("전자서명")
        DONE = "done", _("이체 완료")
        CANCELLED = "cancelled", _("취소")

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("고객"),
    )
    source = models.ForeignKey(
        BankAccount, on_delete=models.CASCADE, related_name="+", verbose_name=_("출금계좌")
    )
    target_bank = models.CharField(_("입금은행"), max_length=3)
    target_number = models.CharField(_("입금계좌번호"), max_length=20)
    target_name = models.CharField(_("받는 분"), max_length=40)
    target_account = models.ForeignKey(
        BankAccount,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("입금계좌(이 은행)"),
    )
    amount = models.PositiveBigIntegerField(_("이체금액(원)"))
    memo_out = models.CharField(_("내 통장 표시"), max_length=20, blank=True)
    memo_in = models.CharField(_("받는 분 통장 표시"), max_length=20, blank=True)
    state = models.CharField(_("상태"), max_length=10, choices=State.choices, default=State.ENTERED)
    card_slot_a = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    card_slot_b = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    approval = models.OneToOneField(
        PhoneRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfer",
        verbose_name=_("추가 본인인증 요청"),
    )
    signed_text = models.TextField(_("전자서명 원문"), blank=True)
    signature = models.BinaryField(_("전자서명 값"), null=True, blank=True, editable=False)
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("서명한 인증서"),
    )
    certificate_serial = models.CharField(_("인증서 일련번호"), max_length=40, blank=True)
    certificate_subject = models.CharField(_("인증서 주체 DN"), max_length=255, blank=True)
    ocsp_produced_at = models.DateTimeField(_("OCSP 응답 시각"), null=True, blank=True)
    checks = models.JSONField(_("확인 내용"), default=list, blank=True)
    withdrawal = models.OneToOneField(
        AccountTransaction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("출금 거래"),
    )
    created_at = models.DateTimeField(_("신청 시각"), default=timezone.now)
    done_at = models.DateTimeField(_("이체 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("계좌 이체")
        verbose_name_plural = _("계좌 이체")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "state", "done_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="transfer_amount_positive"),
        ]

    def __str__(self) -> str:
        amount = gettext("%(amount)s원") % {"amount": f"{self.amount:,}"}
        return f"{self.source.number} → {self.target_number} {amount}"
