"""골든벨 on the projector (/trainer/<code>/quiz/): start a run, show the question with
its countdown, reveal the answers as a bar chart and who is still standing, next
question, end. The board is polled every 2 s; its deadline closes a question by itself."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from classroom import quiz
from classroom.trainer.access import classroom_of, manages, trainer_required
from classroom.trainer.forms import QuizStartForm


def _context(request, classroom, form=None) -> dict:
    """The run going on, else the last one (its final standing), else nothing yet. A
    보조강사 watches it; only the class's trainer runs it (``manages``)."""
    run = quiz.current_run(classroom) or classroom.quiz_runs.first()
    return {
        "classroom": classroom,
        "manages": manages(request.user, classroom),
        "board": quiz.board(run) if run else None,
        "form": form or QuizStartForm(),
    }


@never_cache
@trainer_required
@require_http_methods(["GET", "POST"])
def quiz_page(request, code):
    classroom = classroom_of(request, code, helper_may=request.method == "GET")
    form = QuizStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        quiz.quiz_start(classroom=classroom, questions=form.cleaned_data["questions"])
        return redirect("trainer:quiz", code=classroom.code)
    context = _context(request, classroom, form)
    board = context["board"]
    wants_new = form.is_bound or request.GET.get("new")
    context["show_form"] = context["manages"] and (board is None or (board.finished and wants_new))
    return render(request, "classroom/trainer/quiz.html", context)


@never_cache
@trainer_required
@require_GET
def quiz_board(request, code):
    """Polled every 2 s: the board (a fixed number of queries whatever the class size)."""
    classroom = classroom_of(request, code, helper_may=True)
    return render(request, "classroom/trainer/_quiz_board.html", _context(request, classroom))


CONTROLS = {"reveal": quiz.quiz_reveal, "next": quiz.quiz_next, "stop": quiz.quiz_stop}


@trainer_required
@require_POST
def quiz_control(request, code, action):
    classroom = classroom_of(request, code)
    control = CONTROLS.get(action)
    if control is None:
        raise Http404
    run = quiz.current_run(classroom)
    if run is None or not control(run=run):
        messages.info(request, _("골든벨이 이미 다음 상태로 넘어갔습니다."))
    if request.htmx:
        return render(request, "classroom/trainer/_quiz_board.html", _context(request, classroom))
    return redirect("trainer:quiz", code=classroom.code)
