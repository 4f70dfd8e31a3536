"""수료증 받기: the one page for both ways of practising (alone, lessons/views.py; in a
class, classroom/learner/views.py). It shows the lesson's checklist, the name to print
and the 수료증 this browser already has; a POST issues one, only when every task is
done, and opens its PDF. The caller says whose it is and what else the PDF prints (a
class's name, its trainer, the 골든벨 score)."""

from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Customer
from lessons.completion import browser, services
from lessons.completion.forms import IssueForm
from lessons.models import Completion, Lesson
from lessons.selectors import Checklist

NOT_DONE = _("과정의 과제를 모두 마쳐야 수료증을 받을 수 있습니다.")
TEMPLATE = "lessons/certificate.html"


def certificate_page(
    request,
    *,
    lesson: Lesson,
    checklist: Checklist,
    customer: Customer | None,
    learner_name: str,
    **printed,
):
    """GET: the page; POST: a 수료증 for ``customer`` (403 before the tasks are done, 400
    for a bad name), then its PDF. ``printed``: class_name, trainer_name, quiz_score."""
    ready = checklist.complete and customer is not None
    form = IssueForm(request.POST or None, initial={"learner_name": learner_name})
    context = {"checklist": checklist, "lesson": lesson, "ready": ready, "form": form}
    context["issued"] = Completion.objects.filter(
        pk__in=browser.owned_completion_ids(request), lesson=lesson
    ).only("id", "learner_name", "issued_at")
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    if not ready:
        context["refused"] = NOT_DONE
        return render(request, TEMPLATE, context, status=403)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    completion = services.completion_issue(
        customer=customer,
        lesson=lesson,
        learner_name=form.cleaned_data["learner_name"],
        tasks_done=[tick.title for tick in checklist.tasks],
        language=translation.get_language() or "ko",
        verify_url_for=browser.verify_url_for(request),
        **printed,
    )
    browser.remember_completion(request, completion.pk)
    return redirect("lessons:certificate_pdf", completion_id=completion.pk)
