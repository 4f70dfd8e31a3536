"""The learner's pages: /join/ (take a seat, get a persona), the wallet, the trainer's
message and 도와주세요 (polled), dismissing the one, asking and cancelling the other."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts import throttle
from accounts.redirects import safe_next
from classroom import codes, help_queue, quiz, services
from classroom.learner import browser
from classroom.learner.forms import JoinForm
from classroom.models import Classroom
from lessons import selectors as lesson_selectors
from lessons.completion.page import certificate_page
from portal.refusals import Refused, refuse


@require_http_methods(["GET", "POST"])
def join(request):
    """Take a seat with the class's code; the page's language is chosen here too
    (preselected from the browser, else the class's default)."""
    persona = browser.persona_of(request)
    code = request.GET.get("code", "")
    form = JoinForm(
        request.POST or None,
        initial={"code": code, "language": _initial_language(request, code)},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["language"]  # "" when not given
        if returning := browser.returning_persona(request, form.cleaned_data["code"]):
            browser.sit_down(request, returning)  # back from 자동 로그아웃: the same seat
            welcome = redirect("learner:welcome")
            return browser.with_language(request, welcome, chosen, chosen=True)
        try:
            seat = services.seat_join(
                code=form.cleaned_data["code"],
                display_name=form.cleaned_data["display_name"],
                client=throttle.client_of(request),
            )
        except Refused as exc:
            refuse(form, exc)
        else:
            browser.sit_down(request, seat.personas.current().get())
            language = chosen or seat.classroom.language
            welcome = redirect("learner:welcome")
            return browser.with_language(request, welcome, language, chosen=bool(chosen))
    context = {"form": form, "persona": persona, "gone": request.GET.get("gone") == "1"}
    return render(request, "classroom/learner/join.html", context)


def _initial_language(request, code: str) -> str:
    if language := browser.preferred_language(request):
        return language
    code = codes.normalize(code)
    # Only a code a class could have is looked up (never, say, a NUL PostgreSQL refuses).
    classroom = Classroom.objects.filter(code=code).first() if codes.could_exist(code) else None
    return classroom.language if classroom else settings.LANGUAGES[0][0]


@require_GET
def welcome(request):
    """Right after joining: who the learner is now, and where to start."""
    persona = browser.persona_of(request)
    if persona is None:
        return redirect("learner:join")
    context = {"persona": persona, "changed": request.GET.get("changed") == "1"}
    return render(request, "classroom/learner/welcome.html", context)


@never_cache
@require_GET
def wallet(request):
    """The wallet as a page of its own (the drawer loads it on every page)."""
    if browser.persona_of(request) is None:
        return redirect("learner:join")
    return render(request, "classroom/learner/wallet.html")


@never_cache
@require_GET
def checklist(request):
    """오늘의 할 일 for the class's learner: the class's lesson and the seed's checklist,
    ticked from the persona's own events (the drawer loads ``#checklist``)."""
    persona = browser.persona_of(request)
    if persona is None:
        return redirect("learner:join")
    classroom = persona.seat.classroom
    state = lesson_selectors.checklist(classroom.lesson, [persona.customer_id])
    context = {
        "checklist": state,
        "guided": classroom.is_guided,
        "certificate_url": reverse("learner:certificate") if state.complete else "",
    }
    return render(request, "lessons/checklist.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def certificate(request):
    """수료증 받기 for the class's learner: the name to print is the seat's (as joined);
    the PDF also names the class, the trainer and the 골든벨 score."""
    persona = browser.persona_of(request)
    if persona is None:
        return redirect("learner:join")
    seat, classroom = persona.seat, persona.seat.classroom
    return certificate_page(
        request,
        lesson=classroom.lesson,
        checklist=lesson_selectors.checklist(classroom.lesson, [persona.customer_id]),
        customer=persona.customer,
        learner_name=seat.display_name,
        class_name=classroom.name,
        trainer_name=classroom.trainer.name,
        quiz_score=quiz.score_of(seat),
    )


@require_GET
def panel(request):
    """Polled every 10 s on every page of a learner: the trainer's message, else a way to
    a running 골든벨 (204 when there is neither). ``seen`` is the persona the page shows:
    after a reset (or when the class is gone) the page goes to who the learner is now,
    with a notice."""
    persona = browser.persona_of(request)
    seen = request.GET.get("seen", "")
    if seen and persona is None:
        return HttpResponseClientRedirect(f"{reverse('learner:join')}?gone=1")
    if seen and seen != str(persona.pk):
        return HttpResponseClientRedirect(f"{reverse('learner:welcome')}?changed=1")
    seat = persona.seat if persona else None
    if seat is None:
        return HttpResponse(status=204)
    context = {
        "seat": seat,
        # 골든벨: a way to the question, on every page (the trainer's message comes first)
        "quiz_running": not seat.message and quiz.is_running(seat.classroom_id),
        "help_request": help_queue.open_request(seat),
        "helps": not seat.classroom.has_ended,
    }
    if not (seat.message or any(context[key] for key in ("quiz_running", "help_request", "helps"))):
        return HttpResponse(status=204)  # the class has ended: nothing to show
    return render(request, "classroom/learner/_panel.html", context)


@require_POST
def message_dismiss(request):
    seat = browser.seat_of(request)
    if seat is not None:
        services.message_dismiss(seat=seat)
    if request.htmx:
        return HttpResponse("")
    return HttpResponseRedirect(safe_next(request, "portal:home"))


def _help_box(request, seat, help_request, *, already: bool = False):
    if request.htmx:
        helps = not seat.classroom.has_ended
        context = {"help_request": help_request, "helps": helps, "already": already}
        return render(request, "classroom/learner/_help.html", context)
    if already:
        messages.info(request, _("이미 도움을 요청했습니다. 조금만 기다려 주세요."))
    return HttpResponseRedirect(safe_next(request, "portal:home"))


@require_POST
def help_ask(request):
    """도와주세요: the seat's step and last error go to the dashboard's queue (a second
    press while it is open adds nothing)."""
    persona = browser.persona_of(request)
    if persona is None:
        return redirect("learner:join")
    if persona.seat.classroom.has_ended:
        return _help_box(request, persona.seat, None)
    help_request, created = help_queue.help_ask(persona=persona)
    return _help_box(request, persona.seat, help_request, already=not created)


@require_POST
def help_cancel(request):
    seat = browser.seat_of(request)
    if seat is None:
        return redirect("learner:join")
    help_queue.help_cancel(seat=seat)
    return _help_box(request, seat, None)
