"""The printed class pack (수업 자료 인쇄), under /trainer/<code>/pack/: the persona cards
and 보안카드 of every seat, the large-print step cards, the lesson plans (classroom/pack.py).

Only the class's trainer (or staff) opens it: a visitor goes to the trainer login, a
learner gets 403, another trainer's class is a 404. The page shows every learner's
secrets, so it is never cached (no-store) and its data stays out of error reports.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET

from classroom import pack
from classroom.trainer.access import classroom_of, trainer_required
from lessons.models import Lesson

SECTIONS = ("cards", "steps", "plan")


@sensitive_variables()
def _render_pack(request, code: str, sections: tuple[str, ...]):
    classroom = classroom_of(request, code)
    context = {"classroom": classroom, "sections": sections, "section_names": SECTIONS}
    if "cards" in sections:
        context["cards"] = pack.persona_cards(classroom)
    if "steps" in sections:
        context["steps"] = pack.step_cards()
    if "plan" in sections:
        plans = pack.lesson_plans()
        lessons = Lesson.objects.in_bulk({plan.lesson for plan in plans}, field_name="key")
        context["plans"] = [(plan, lessons.get(plan.lesson)) for plan in plans]
    return render(request, "classroom/trainer/pack/pack.html", context)


@trainer_required
@require_GET
@never_cache
def pack_all(request, code):
    """The whole pack: cards, then step cards, then lesson plans (a page break between)."""
    return _render_pack(request, code, SECTIONS)


@trainer_required
@require_GET
@never_cache
def pack_section(request, code, section):
    """One section of the pack alone: cards, steps or plan."""
    if section not in SECTIONS:
        raise Http404
    return _render_pack(request, code, (section,))
