"""A lesson's tasks, as data an admin edits: each task is ticked by a rule over the
learner's real events (``lessons/rules.py``), names the seed's checklist item or strategy
it practises, and says in one line why it matters. A lesson is an ordered set of tasks.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lessons.checklist import CHECKLIST, STRATEGIES
from lessons.rules import RULES
from portal.data_language import in_language, name_in_language, with_english


class Task(models.Model):
    key = models.SlugField(_("키"), max_length=60, unique=True)
    title = models.CharField(_("과제"), max_length=120)
    english = models.CharField(_("영어 과제명"), max_length=160, blank=True)
    why = models.CharField(_("이유 (한 줄)"), max_length=200)
    translations = models.JSONField(
        _("번역"),
        default=dict,
        blank=True,
        help_text=_(
            '언어별 번역: {"vi": {"title": "…", "why": "…"}, "zh-hans": {…}} (영어 제목은 위 칸)'
        ),
    )
    rule = models.CharField(
        _("확인 방법"),
        max_length=30,
        choices=[(rule.key, rule.label) for rule in RULES.values()],
        help_text=_("학습자가 실제로 한 일(기록)로 확인합니다. 체크 상자는 없습니다."),
    )
    practises = models.CharField(
        _("연습하는 항목"),
        max_length=20,
        choices=[
            (_("체크리스트"), [(item.key, item.title) for item in CHECKLIST]),
            (_("전략"), [(item.key, item.title) for item in STRATEGIES]),
        ],
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("과제")
        verbose_name_plural = _("과제")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def name(self) -> str:
        """The title in the page's language with the Korean beside; else the Korean."""
        return name_in_language(self.title, with_english(self.translations, self.english))

    @property
    def why_said(self) -> str:
        """Why it matters, in the page's language where the data has it."""
        return in_language(self.why, self.translations, "why")


class Lesson(models.Model):
    key = models.SlugField(_("키"), max_length=60, unique=True)
    title = models.CharField(_("수업"), max_length=120)
    english = models.CharField(_("영어 수업명"), max_length=160, blank=True)
    minutes = models.PositiveSmallIntegerField(_("시간(분)"), default=45)
    summary = models.CharField(_("소개"), max_length=300, blank=True)
    translations = models.JSONField(
        _("번역"),
        default=dict,
        blank=True,
        help_text=_('언어별 번역: {"vi": {"title": "…"}, "zh-hans": {…}} (영어 제목은 위 칸)'),
    )
    tasks = models.ManyToManyField(Task, through="LessonTask", related_name="lessons")
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("수업 과정")
        verbose_name_plural = _("수업 과정")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def name(self) -> str:
        return name_in_language(self.title, with_english(self.translations, self.english))

    @property
    def summary_said(self) -> str:
        return in_language(self.summary, self.translations, "summary")

    def ordered_tasks(self) -> list[Task]:
        return [
            lesson_task.task
            for lesson_task in self.lesson_tasks.select_related("task").filter(task__active=True)
        ]


class LessonTask(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="lesson_tasks")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("수업의 과제")
        verbose_name_plural = _("수업의 과제")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "task"], name="lesson_task_once"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson} · {self.order}. {self.task}"


class Completion(models.Model):
    """A 수료증 (certificate of completion): who finished which lesson, where, and the
    PDF as issued with its detached CMS signature by the simulated CA. A training record,
    never a bank document; the QR code on it opens ``/lessons/verify/<id>/``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
        verbose_name=_("고객"),
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("수업 과정")
    )
    learner_name = models.CharField(_("이름"), max_length=40)
    lesson_title = models.CharField(_("수업 과정"), max_length=160)
    class_name = models.CharField(_("수업"), max_length=80, blank=True)  # empty: 개인 연습
    trainer_name = models.CharField(_("강사"), max_length=40, blank=True)
    tasks_done = models.JSONField(_("마친 과제"), default=list)
    quiz_score = models.CharField(_("골든벨 점수"), max_length=20, blank=True)
    language = models.CharField(_("언어"), max_length=8, default="ko")
    issued_at = models.DateTimeField(_("발급 시각"), default=timezone.now)
    pdf = models.BinaryField(_("PDF"), editable=False)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, editable=False)
    signature = models.BinaryField(_("서명 (CMS, DER)"), editable=False)

    class Meta:
        verbose_name = _("수료증")
        verbose_name_plural = _("수료증")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.learner_name} · {self.lesson_title}"

    @property
    def is_self_paced(self) -> bool:
        return not self.class_name


class CompletionSigner(models.Model):
    """The key that signs 수료증: a document-signing certificate ("SIM Training 수료증
    서명") issued by the simulated issuing CA, its key PKCS#8-encrypted with
    CA_KEY_PASSPHRASE as the CAs' are (never stored in the clear). Made on first use
    (``lessons/completion/signer.py``); a new one when the CA changes or it nears its end."""

    issuer_digest = models.CharField(_("발급 인증기관 (SHA-256)"), max_length=64)
    generation = models.PositiveIntegerField(_("세대"), default=0)
    certificate_der = models.BinaryField(_("인증서(DER)"))
    private_key_encrypted = models.BinaryField(_("개인키(암호화)"), editable=False)
    not_before = models.DateTimeField(_("유효기간 시작"))
    not_after = models.DateTimeField(_("유효기간 끝"))
    created_at = models.DateTimeField(_("생성일"), auto_now_add=True)

    class Meta:
        verbose_name = _("수료증 서명 인증서")
        verbose_name_plural = _("수료증 서명 인증서")
        ordering = ["-not_after"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_digest", "generation"], name="completion_signer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_digest[:12]} #{self.generation}"
