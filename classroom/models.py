"""A trainer's classes, the seats learners take, the persona each seat holds, and the
hints the flow shows in guided mode.

A seat's persona is a customer of its own (``SeatPersona``): nothing is shared
between two learners. A reset gives the seat a new persona and retires the old
one, whose trail stays for the class's results. The persona's handout (what the
learner's wallet shows: passwords, PINs, card codes) is stored encrypted, like
every other secret.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issuance.choices import IssuanceStep
from portal.data_language import in_language, with_english


class ClassroomQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The administrator sees every class; a trainer their own, a 보조강사 the ones
        they help (what a 보조강사 may do there: classroom/trainer/access.py)."""
        if user.is_staff:
            return self
        helped = ClassroomHelper.objects.filter(user=user).values("classroom_id")
        return self.filter(Q(trainer=user) | Q(pk__in=helped))


class Classroom(models.Model):
    class Mode(models.TextChoices):
        GUIDED = "guided", _("안내 모드 (단계마다 도움말)")
        PRACTICE = "practice", _("연습 모드 (도움말 없음)")

    name = models.CharField(_("수업 이름"), max_length=80)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="classrooms",
        verbose_name=_("강사"),
    )
    code = models.CharField(_("참여 코드"), max_length=6, unique=True)
    mode = models.CharField(_("진행 방식"), max_length=10, choices=Mode.choices)
    situations = models.JSONField(
        _("페르소나 상황"), default=list, help_text=_("자리 순서대로 돌아가며 배정")
    )
    scenario_defaults = models.JSONField(
        _("기본 시나리오"), default=list, blank=True, help_text=_("새 자리에 켜 둘 시나리오")
    )
    language = models.CharField(
        _("학습자 화면의 기본 언어"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ko",
        help_text=_(
            "언어를 고르지 않은 학습자에게 처음 보이는 언어입니다. 학습자는 바꿀 수 있습니다."
        ),
    )
    keypad = models.BooleanField(
        _("보안 키패드 기본 사용"),
        default=True,
        help_text=_("비밀번호·PIN을 화면의 보안 키패드로 입력합니다. 학습자는 끌 수 있습니다."),
    )
    takehome = models.BooleanField(
        _("집에서 이어 하기"),
        default=True,
        help_text=_("학습자가 이어 하기 카드로 다른 기기에서 자기 연습을 이어 갈 수 있습니다."),
    )
    lesson = models.ForeignKey(
        "lessons.Lesson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("수업 과정"),
        help_text=_("학습자의 '오늘의 할 일'과 강사 화면의 과제 표가 이 과정의 과제를 따릅니다."),
    )
    stuck_minutes = models.PositiveSmallIntegerField(_("막힘 표시: 한 단계 (분)"), default=3)
    stuck_failures = models.PositiveSmallIntegerField(_("막힘 표시: 오류 (회)"), default=3)
    created_at = models.DateTimeField(_("만든 시각"), default=timezone.now)
    closed_at = models.DateTimeField(_("참여 마감"), null=True, blank=True)
    ended_at = models.DateTimeField(_("수업 마침"), null=True, blank=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        verbose_name = _("수업")
        verbose_name_plural = _("수업")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None

    @property
    def is_guided(self) -> bool:
        return self.mode == self.Mode.GUIDED


class Seat(models.Model):
    """One learner's place in a class: a display name, a situation, their own scenario."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="seats")
    number = models.PositiveSmallIntegerField(_("자리 번호"))
    display_name = models.CharField(_("표시 이름"), max_length=40)
    situation = models.CharField(_("상황"), max_length=30)
    scenario = models.OneToOneField(
        "issuance.Scenario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seat",
        verbose_name=_("이 자리의 시나리오"),
    )
    message = models.CharField(_("강사 메시지"), max_length=300, blank=True)
    message_sent_at = models.DateTimeField(_("메시지 보낸 시각"), null=True, blank=True)
    keypad_shuffles = models.PositiveIntegerField(_("보안 키패드 재배열"), default=0)
    keypad_shuffled_at = models.DateTimeField(_("마지막 재배열"), null=True, blank=True)
    joined_at = models.DateTimeField(_("참여 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("자리")
        verbose_name_plural = _("자리")
        ordering = ["classroom", "number"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "number"], name="seat_number_per_class")
        ]

    def __str__(self) -> str:
        return f"{self.classroom.code} #{self.number} {self.display_name}"


class SeatPersonaQuerySet(models.QuerySet):
    def current(self):
        """The persona each seat holds now (a reset retires the one before)."""
        return self.filter(retired_at__isnull=True)


class SeatPersona(models.Model):
    """A persona a seat holds or held: its customer and its handout (encrypted)."""

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="personas")
    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="seat_persona",
        verbose_name=_("고객"),
    )
    handout_encrypted = models.BinaryField(_("안내 자료(암호화)"), editable=False)
    created_at = models.DateTimeField(_("배정 시각"), default=timezone.now)
    retired_at = models.DateTimeField(_("교체 시각"), null=True, blank=True)

    objects = SeatPersonaQuerySet.as_manager()

    class Meta:
        verbose_name = _("자리의 페르소나")
        verbose_name_plural = _("자리의 페르소나")
        ordering = ["seat", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat"], condition=Q(retired_at__isnull=True), name="one_current_persona"
            )
        ]

    def __str__(self) -> str:
        return f"{self.seat} → {self.customer.user_id}"


class Hint(models.Model):
    """The seed document's advice for a step: 주의사항 and 회피 팁 (guided mode shows them)."""

    class Kind(models.TextChoices):
        CAUTION = "caution", _("주의사항")
        TIP = "tip", _("회피 팁")

    step = models.CharField(_("단계"), max_length=16, choices=IssuanceStep.choices)
    kind = models.CharField(_("종류"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("내용"), max_length=300)
    translations = models.JSONField(
        _("번역"), default=dict, blank=True, help_text=_('언어별 번역: {"en": {"text": "…"}, …}')
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("도움말")
        verbose_name_plural = _("도움말")
        ordering = ["step", "kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} · {self.get_kind_display()}: {self.text[:30]}"

    @property
    def text_said(self) -> str:
        """The advice in the page's language, where the data has it; else the Korean."""
        return in_language(self.text, self.translations, "text")


class DemoReset(models.Model):
    """When the public demo's personas were last put back (``manage.py demo_reset``)."""

    done_at = models.DateTimeField(_("초기화 시각"), default=timezone.now)
    personas = models.PositiveSmallIntegerField(_("초기화한 페르소나"), default=0)

    class Meta:
        verbose_name = _("데모 초기화")
        verbose_name_plural = _("데모 초기화")
        ordering = ["-done_at"]
        get_latest_by = "done_at"

    def __str__(self) -> str:
        return f"{self.done_at:%Y-%m-%d %H:%M}"


class Question(models.Model):
    """A 골든벨 question, as data (seeded from the seed document; admins edit it)."""

    text = models.CharField(_("문제"), max_length=200)
    english = models.CharField(_("영어 문제"), max_length=260, blank=True)
    choices = models.JSONField(_("보기"), help_text=_('["보기 1", "보기 2", …] 2~4개'))
    answer = models.PositiveSmallIntegerField(_("정답 (0부터)"))
    explanation = models.CharField(_("해설"), max_length=300)
    seconds = models.PositiveSmallIntegerField(_("제한 시간(초)"), default=20)
    translations = models.JSONField(
        _("번역"),
        default=dict,
        blank=True,
        help_text=_(
            '언어별 번역: {"en": {"choices": […], "explanation": "…"}, '
            '"vi": {"text": "…", "choices": […], "explanation": "…"}, "zh-hans": {…}}'
        ),
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("골든벨 문제")
        verbose_name_plural = _("골든벨 문제")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text_said(self) -> str:
        """The question in the page's language (the English is its own field)."""
        translations = with_english(self.translations, self.english, "text")
        return in_language("", translations, "text")  # "" on a Korean page

    @property
    def choice_pairs(self) -> list[tuple[str, str]]:
        """Each choice's Korean and, beside it, the page's language (or "")."""
        said = in_language(self.choices, self.translations, "choices")
        return [
            (korean, "" if text == korean else text)
            for korean, text in zip(self.choices, said, strict=True)
        ]

    @property
    def explanation_said(self) -> str:
        return in_language(self.explanation, self.translations, "explanation")

    def clean(self):
        choices = self.choices
        if not isinstance(choices, list) or not 2 <= len(choices) <= 4:
            raise ValidationError({"choices": _("보기는 2~4개의 목록이어야 합니다.")})
        if not all(isinstance(choice, str) and choice.strip() for choice in choices):
            raise ValidationError({"choices": _("빈 보기가 있습니다.")})
        if self.answer is not None and self.answer >= len(choices):
            raise ValidationError({"answer": _("정답은 보기 번호 안에서 골라야 합니다 (0부터).")})


class QuizRun(models.Model):
    """A live 골든벨 in a class: the trainer asks its questions one by one on the
    projector; each is open until its deadline, then revealed (classroom/quiz.py)."""

    class State(models.TextChoices):
        ASKING = "asking", _("문제 푸는 중")
        REVEALED = "revealed", _("정답 공개")
        FINISHED = "finished", _("끝남")

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="quiz_runs")
    questions = models.ManyToManyField(Question, through="QuizItem", related_name="+")
    state = models.CharField(_("상태"), max_length=10, choices=State.choices)
    current = models.PositiveSmallIntegerField(_("지금 문제 (0부터)"), default=0)
    asked_at = models.DateTimeField(_("문제를 낸 시각"), default=timezone.now)
    deadline = models.DateTimeField(_("마감 시각"))
    created_at = models.DateTimeField(_("시작"), default=timezone.now)

    class Meta:
        verbose_name = _("골든벨")
        verbose_name_plural = _("골든벨")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.classroom} · {self.created_at:%Y-%m-%d %H:%M}"


class QuizItem(models.Model):
    run = models.ForeignKey(QuizRun, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("순서"))

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="quiz_item_position_once")
        ]

    def __str__(self) -> str:
        return f"{self.position + 1}. {self.question}"


class QuizAnswer(models.Model):
    """A learner's answer to one question of a run: once, before its deadline."""

    run = models.ForeignKey(QuizRun, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(_("문제 순서"))
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="+")
    choice = models.PositiveSmallIntegerField(_("고른 보기"))
    correct = models.BooleanField(_("정답"))
    answered_at = models.DateTimeField(_("답한 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("골든벨 답")
        verbose_name_plural = _("골든벨 답")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "position", "seat"], name="quiz_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.seat} · {self.position + 1}: {self.choice}"


class TakeHomeCard(models.Model):
    """A learner's 이어 하기 카드: a short code (on the card and in its QR code) and a
    4-digit number (on the card only, kept as an Argon2 hash) that bring any browser back
    to this persona until ``expires_at`` (TAKEHOME_DAYS); then the persona is removed.
    A new card replaces the old one; wrong numbers lock it (N/5)."""

    persona = models.OneToOneField(
        SeatPersona, on_delete=models.CASCADE, related_name="takehome_card"
    )
    code = models.CharField(_("카드 코드"), max_length=12, unique=True)
    number_hash = models.CharField(_("번호 (해시)"), max_length=200)
    created_at = models.DateTimeField(_("만든 시각"), default=timezone.now)
    expires_at = models.DateTimeField(_("만료 시각"))
    failure_count = models.PositiveSmallIntegerField(_("틀린 횟수"), default=0)
    locked_at = models.DateTimeField(_("잠긴 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("이어 하기 카드")
        verbose_name_plural = _("이어 하기 카드")

    def __str__(self) -> str:
        return f"{self.persona} · {self.code}"


# 보조강사 and the 도와주세요 queue live in a module of their own (models.py stays short).
from classroom.help_models import ClassroomHelper, HelpRequest  # noqa: E402, F401
