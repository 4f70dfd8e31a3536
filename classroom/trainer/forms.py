from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.forms import LoginForm
from classroom import situations
from classroom.models import Classroom, Hint, Question
from classroom.scenarios import SWITCHES
from classroom.trainer.access import may_enter
from issuance.models import Drill, IssuanceStep
from lessons.models import Lesson
from portal.layouts import form_helper
from portal.secret_fields import secret_text_field


class LessonChoiceField(forms.ModelChoiceField):
    """A lesson by its name: in English, its English name with the Korean beside."""

    def label_from_instance(self, obj):
        return _("%(lesson)s · %(minutes)d분") % {"lesson": obj.name, "minutes": obj.minutes}


class ClassroomForm(forms.Form):
    name = forms.CharField(
        label=_("수업 이름"),
        max_length=80,
        error_messages={"required": _("수업 이름을 입력하세요.")},
        widget=forms.TextInput(attrs={"placeholder": _("예: 디지털배움터 3월 화요반")}),
    )
    situations = forms.MultipleChoiceField(
        label=_("학습자 페르소나 상황"),
        choices=situations.CHOICES,
        initial=list(situations.DEFAULT),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "고른 상황을 참여 순서대로 돌아가며 배정합니다. "
            "'발급 준비 완료'만 고르면 모두 같은 상황입니다."
        ),
        error_messages={"required": _("상황을 하나 이상 고르세요.")},
    )
    mode = forms.ChoiceField(
        label=_("진행 방식"),
        choices=Classroom.Mode.choices,
        initial=Classroom.Mode.GUIDED,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("학습자 화면의 기본 언어"),
        choices=settings.LANGUAGES,
        initial="ko",
        required=False,  # an older form (or a script) that does not send it: Korean
        help_text=_(
            "언어를 고르지 않은 학습자에게 처음 보이는 언어입니다. 학습자는 바꿀 수 있습니다."
        ),
    )
    lesson = LessonChoiceField(
        label=_("수업 과정 (과제)"),
        queryset=Lesson.objects.filter(active=True),
        required=False,
        empty_label=_("과정 없이 (과제 표 없음)"),
        to_field_name="key",
        help_text=_(
            "학습자의 '오늘의 할 일'과 강사 화면의 과제 표가 이 과정의 과제를 따릅니다. "
            "과제는 학습자가 실제로 해 보면 저절로 표시됩니다."
        ),
        error_messages={"invalid_choice": _("목록에 있는 과정을 고르세요.")},
    )
    keypad = forms.BooleanField(
        label=_("보안 키패드로 입력 (은행처럼)"),
        initial=True,
        required=False,
        help_text=_("비밀번호·PIN을 화면의 섞인 키로 입력합니다. 학습자는 끌 수 있습니다."),
    )
    scenario_defaults = forms.MultipleChoiceField(
        label=_("처음부터 켜 둘 시나리오"),
        choices=[(switch.key, switch.label) for switch in SWITCHES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stuck_minutes = forms.IntegerField(
        label=_("막힘 표시: 한 단계에 머문 시간 (분)"), min_value=1, max_value=60, initial=3
    )
    stuck_failures = forms.IntegerField(
        label=_("막힘 표시: 한 단계의 오류 (회)"), min_value=1, max_value=20, initial=3
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(*self.fields, required_mark=True)

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or "ko"


class TrainerLoginForm(LoginForm):
    """The trainer's own login: a staff tool, not the bank, so typed on the keyboard
    (no 보안 키패드)."""

    password = secret_text_field(
        _("비밀번호"), autocomplete="current-password", max_length=128, secure_keypad=False
    )

    def may_log_in(self, customer) -> bool:
        """A 보조강사's account is no bank customer, and logs in here all the same."""
        return customer.is_member_or_staff or may_enter(customer)


class HelperForm(forms.Form):
    """보조강사 추가: their name (the learner reads "김○○ 보조강사가 갑니다")."""

    name = forms.CharField(
        label=_("보조강사 이름"),
        max_length=40,
        error_messages={"required": _("보조강사 이름을 입력하세요.")},
        widget=forms.TextInput(attrs={"placeholder": _("예: 김도움"), "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("name")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("보조강사 이름을 입력하세요."))
        return name


class MessageForm(forms.Form):
    """Free text, or one of the built-in hints (the seed's 주의사항 and 회피 팁)."""

    text = forms.CharField(
        label=_("학습자에게 보낼 도움말"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hint = forms.ModelChoiceField(
        queryset=Hint.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("목록에 있는 도움말을 고르세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("text")

    def clean(self):
        cleaned = super().clean()
        hint, text = cleaned.get("hint"), (cleaned.get("text") or "").strip()
        if not hint and not text and not self.errors:
            self.add_error("text", _("보낼 내용을 입력하거나 도움말을 고르세요."))
        cleaned["message"] = hint.text if hint else text
        return cleaned


class ScenarioForm(forms.Form):
    key = forms.ChoiceField(choices=[(switch.key, switch.label) for switch in SWITCHES])
    on = forms.TypedChoiceField(choices=[("1", "on"), ("0", "off")], coerce=lambda v: v == "1")


class DrillChoiceField(forms.ModelChoiceField):
    """A drill by its title, in the page's language with the Korean beside."""

    def label_from_instance(self, obj):
        return obj.name


class DrillLaunchForm(forms.Form):
    """금융사기 예방 연습 for one learner or the class: which drill, and when it comes."""

    drill = DrillChoiceField(
        label=_("연습"),
        queryset=Drill.objects.filter(active=True),
        error_messages={
            "required": _("연습을 고르세요."),
            "invalid_choice": _("목록에 있는 연습을 고르세요."),
        },
    )
    when = forms.ChoiceField(label=_("언제"), initial="now")
    at_step = forms.ChoiceField(
        label=_("단계"),
        choices=[("", "—"), *IssuanceStep.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["when"].choices = [
            ("now", _("지금")),
            (
                "soon",
                _("%(minutes)d분 안에 아무 때나") % {"minutes": settings.DRILL_RANDOM_MINUTES},
            ),
            ("step", _("발급 중 이 단계에 왔을 때")),
        ]
        self.helper = form_helper("drill", "when", "at_step")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "step" and not cleaned.get("at_step"):
            self.add_error("at_step", _("어느 단계에서 나타날지 고르세요."))
        return cleaned


class QuizStartForm(forms.Form):
    """골든벨: which questions, in their order (the first five by default)."""

    questions = forms.ModelMultipleChoiceField(
        label=_("문제"),
        queryset=Question.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("문제를 하나 이상 고르세요."),
            "invalid_choice": _("목록에 있는 문제를 고르세요."),
            "invalid_pk_value": _("목록에 있는 문제를 고르세요."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first = list(Question.objects.filter(active=True).values_list("pk", flat=True)[:5])
        self.fields["questions"].initial = first
        self.helper = form_helper("questions")

    def clean_questions(self):
        chosen = self.cleaned_data["questions"]
        return sorted(chosen, key=lambda question: (question.order, question.pk))
