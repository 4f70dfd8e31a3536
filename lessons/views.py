"""Lessons for a learner outside a class (/lessons/): pick one, and the "오늘의 할 일"
panel (the lesson's tasks and the seed's checklist, ticked from real events). A class's
learner gets the same panel from the class (classroom/learner/views.py)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from issuance.devices import device_customer_ids
from issuance.flow.browser import current_session_id
from issuance.models import IssuanceSession
from lessons import selectors
from lessons.models import Lesson

LESSON_KEY = "lesson"  # the self-paced learner's lesson, in the browser's session


def self_paced_customers(request) -> list[int]:
    """Whose events count for a learner practising alone: the customers whose
    certificates this browser holds (or who logged in), and the one its flow identified."""
    ids = device_customer_ids(request)
    flow = current_session_id(request)
    if flow:
        customer = IssuanceSession.objects.filter(pk=flow).values_list("customer_id", flat=True)
        ids += [pk for pk in customer if pk and pk not in ids]
    return ids


def chosen_lesson(request) -> Lesson | None:
    key = request.session.get(LESSON_KEY)
    return Lesson.objects.filter(key=key, active=True).first() if key else None


@never_cache
@require_GET
def home(request):
    """The lessons, each with its tasks and length; the chosen one marked."""
    lessons = Lesson.objects.filter(active=True).prefetch_related("lesson_tasks__task")
    context = {"lessons": lessons, "chosen": chosen_lesson(request)}
    return render(request, "lessons/home.html", context)


@require_POST
def choose(request, key):
    lesson = get_object_or_404(Lesson, key=key, active=True)
    request.session[LESSON_KEY] = lesson.key
    messages.success(
        request,
        _("「%(lesson)s」 과정을 골랐습니다. 위의 '오늘의 할 일'에서 과제를 확인하세요.")
        % {"lesson": lesson.name},
    )
    return redirect("lessons:home")


@never_cache
@require_GET
def checklist(request):
    """오늘의 할 일 for a learner practising alone (the drawer loads ``#checklist``)."""
    context = {
        "checklist": selectors.checklist(chosen_lesson(request), self_paced_customers(request)),
        "guided": True,
        "self_paced": True,
    }
    return render(request, "lessons/checklist.html", context)
