"""골든벨 on the learner's screen (/join/quiz/): the question now asked with its choices
and the time left, polled every 2 s while the page is open; the learner's answer, once,
before the deadline (classroom/quiz.py keeps the time)."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from classroom import quiz
from classroom.learner import browser
from portal.refusals import Refused


def _context(seat, run, **extra) -> dict:
    context = {"seat": seat, "run": run, **extra}
    if run is None:
        last = seat.classroom.quiz_runs.first()
        context["score"] = quiz.score_of(seat) if last else ""
        return context
    question = quiz.current_question(run)
    mine = run.answers.filter(seat=seat, position=run.current).first()
    context.update(
        question=question,
        position=run.current + 1,
        total=run.items.count(),
        seconds_left=quiz.seconds_left(run),
        mine=mine,
        revealed=run.state != quiz.State.ASKING,
        score=quiz.score_of(seat),
    )
    return context


@never_cache
@require_GET
def quiz_page(request):
    """The page, and (``?part=1``, its poll) just the question card."""
    seat = browser.seat_of(request)
    if seat is None:
        return redirect("learner:join")
    context = _context(seat, quiz.current_run(seat.classroom))
    if request.GET.get("part"):
        return render(request, "classroom/learner/_quiz.html", context)
    return render(request, "classroom/learner/quiz.html", context)


@require_POST
def quiz_answer(request):
    seat = browser.seat_of(request)
    if seat is None:
        return redirect("learner:join")
    run = quiz.current_run(seat.classroom)
    refusal = None
    if run is not None and str(run.pk) == request.POST.get("run"):
        try:
            quiz.quiz_answer(run=run, seat=seat, choice=int(request.POST.get("choice", "-1")))
        except (ValueError, TypeError):
            refusal = quiz.NOT_ASKING
        except Refused as refused:
            refusal = refused.message
    else:
        refusal = quiz.TIME_OVER
    context = _context(seat, quiz.current_run(seat.classroom), refusal=refusal)
    if request.htmx:  # the card in place, the refusal in it (htmx swaps a 200 only)
        return render(request, "classroom/learner/_quiz.html", context)
    status = 409 if refusal else 200
    return render(request, "classroom/learner/quiz.html", context, status=status)
