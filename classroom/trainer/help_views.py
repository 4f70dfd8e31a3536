"""The dashboard's 도와주세요 queue (polled every 5 s; 맡기 and 완료 for the trainer and
the 보조강사) and the trainer's 보조강사 (add one: its password shown once; remove).
Thin views over classroom.help_queue and classroom.helpers; classroom/trainer/access.py
says who may."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from classroom import help_queue, helpers
from classroom.trainer.access import classroom_of, manages, trainer_required
from classroom.trainer.forms import HelperForm


def _queue(request, classroom, notice: str = ""):
    context = {"classroom": classroom, "help_queue": help_queue.queue(classroom)}
    context["notice"] = notice
    return render(request, "classroom/trainer/_help_queue.html", context)


@never_cache
@trainer_required
@require_GET
def queue(request, code):
    """Polled every 5 s: the open requests, one query whatever the class size."""
    return _queue(request, classroom_of(request, code, helper_may=True))


@trainer_required
@require_POST
def help_action(request, code, request_id, action):
    classroom = classroom_of(request, code, helper_may=True)
    if action == "take":
        as_helper = not manages(request.user, classroom)
        done = help_queue.help_take(
            classroom=classroom, request_id=request_id, user=request.user, as_helper=as_helper
        )
        notice = "" if done else _("이미 다른 사람이 맡았거나 끝난 요청입니다.")
    elif action == "done":
        done = help_queue.help_done(classroom=classroom, request_id=request_id)
        notice = "" if done else _("이미 끝난 요청입니다.")
    else:
        raise Http404
    if request.htmx:
        return _queue(request, classroom, notice)
    if notice:
        messages.info(request, notice)
    return redirect("trainer:dashboard", code=code)


@never_cache
@trainer_required
@require_POST
def helper_add(request, code):
    """The new account's user ID and password, on this page only (never stored in clear)."""
    classroom = classroom_of(request, code)
    form = HelperForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("trainer:dashboard", code=code)
    helper, password = helpers.helper_add(classroom=classroom, name=form.cleaned_data["name"])
    context = {"classroom": classroom, "helper": helper, "password": password}
    return render(request, "classroom/trainer/helper_added.html", context)


@trainer_required
@require_POST
def helper_remove(request, code, helper_id):
    classroom = classroom_of(request, code)
    if not helpers.helper_remove(classroom=classroom, helper_id=helper_id):
        raise Http404
    messages.success(request, _("보조강사를 뺐습니다. 그 계정으로는 더 이상 로그인할 수 없습니다."))
    return redirect("trainer:dashboard", code=code)
