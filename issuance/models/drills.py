"""금융사기 예방 연습 (scam drills): the scenes, as data a trainer or an admin edits, and a
learner's run of one. A run is a small machine (``drills/services.py``): waiting (due
now or later, or when the learner's flow reaches a step) → refused, reported or fell.
What a look-alike page was given is never kept: only how many of its boxes were filled.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issuance.choices import IssuanceStep
from portal.data_language import name_in_language, with_english


class Drill(models.Model):
    """One scene: who calls or texts, what they say, the learner's choices and what
    each leads to, the debrief, and the public warning it follows (``source``)."""

    class Kind(models.TextChoices):
        CALL = "call", _("전화")
        TEXT = "text", _("문자")
        APP = "app", _("앱 설치")
        PHOTO = "photo", _("보안카드 사진")

    key = models.SlugField(_("키"), max_length=60, unique=True)
    kind = models.CharField(_("종류"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("제목"), max_length=120)
    english = models.CharField(_("영어 제목"), max_length=160, blank=True)
    sender = models.CharField(_("발신자 표시"), max_length=60)
    lines = models.JSONField(_("대사·문자 내용"), default=list)
    link = models.CharField(_("가짜 주소"), max_length=80, blank=True)
    asks = models.JSONField(_("요구하는 것"), default=list, blank=True)
    choices = models.JSONField(
        _("선택지"), default=list, help_text=_('[{"label": "...", "outcome": "refused"}, …]')
    )
    fell = models.CharField(_("속았을 때 결과"), max_length=200)
    signs = models.JSONField(_("사기의 징후"), default=list)
    todo = models.JSONField(_("지금 할 일"), default=list)
    call = models.CharField(_("신고할 곳"), max_length=160)
    source = models.CharField(_("출처"), max_length=400)
    translations = models.JSONField(
        _("번역"),
        default=dict,
        blank=True,
        help_text=_(
            '언어별 번역: {"en": {"lines": […], "choices": […], "fell": "…", "signs": […], '
            '"todo": […], "call": "…"}}'
        ),
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("금융사기 예방 연습")
        verbose_name_plural = _("금융사기 예방 연습")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def translated(self, language: str) -> dict:
        """This drill's texts in ``language`` ("en", "vi", "zh-hans"), where the data has
        them: the same keys as the Korean ("lines", "choices", "fell", "signs", "todo",
        "call"), and "title" (but English's, which is the ``english`` field)."""
        key = "zh-hans" if language.lower().startswith("zh") else language.split("-")[0]
        return (self.translations or {}).get(key, {})

    @property
    def name(self) -> str:
        """The title in the page's language with the Korean beside (the English title is
        its own field); the Korean alone on a Korean page."""
        return name_in_language(self.title, with_english(self.translations, self.english))


class DrillRun(models.Model):
    """A learner's meeting with one drill. Bound to the customer (a class's persona, a
    logged-in learner) or, for a visitor practising alone, to the browser's session."""

    class State(models.TextChoices):
        WAITING = "waiting", _("대기")
        REFUSED = "refused", _("거절")
        REPORTED = "reported", _("신고")
        FELL = "fell", _("속음")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="runs")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="drill_runs",
        verbose_name=_("고객"),
    )
    state = models.CharField(_("결과"), max_length=10, choices=State.choices, default=State.WAITING)
    due_at = models.DateTimeField(_("나타나는 시각"), default=timezone.now)
    at_step = models.CharField(
        _("나타나는 단계"), max_length=16, choices=IssuanceStep.choices, blank=True
    )
    created_at = models.DateTimeField(_("만든 시각"), default=timezone.now)
    ended_at = models.DateTimeField(_("끝난 시각"), null=True, blank=True)
    choice = models.CharField(_("고른 답"), max_length=120, blank=True)
    boxes_filled = models.PositiveSmallIntegerField(_("가짜 화면에 입력한 칸 수"), default=0)
    reported_to = models.CharField(_("신고·확인한 곳"), max_length=8, blank=True)
    reported_at = models.DateTimeField(_("신고한 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("금융사기 연습 기록")
        verbose_name_plural = _("금융사기 연습 기록")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["customer", "state", "due_at"])]

    def __str__(self) -> str:
        return f"{self.drill} · {self.get_state_display()}"

    @property
    def is_over(self) -> bool:
        return self.state != self.State.WAITING
