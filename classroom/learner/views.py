"""The learner's pages: /join/ (take a seat, get a persona), the wallet, the trainer's
message (polled), and dismissing it."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from classroom import services
from classroom.learner import browser
from classroom.learner.forms import JoinForm


@require_http_methods(["GET", "POST"])
def join(request):
    persona = browser.persona_of(request)
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        if returning := browser.returning_persona(request, form.cleaned_data["code"]):
            browser.sit_down(request, returning)  # back from 자동 로그아웃: the same seat
            return redirect("learner:welcome")
        try:
            seat = services.seat_join(
                code=form.cleaned_data["code"], display_name=form.cleaned_data["display_name"]
            )
        except services.JoinRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            browser.sit_down(request, seat.personas.get(retired_at__isnull=True))
            return browser.with_class_language(request, redirect("learner:welcome"), seat)
    return render(request, "classroom/learner/join.html", {"form": form, "persona": persona})


@require_GET
def welcome(request):
    """Right after joining: who the learner is now, and where to start."""
    persona = browser.persona_of(request)
    if persona is None:
        return redirect("learner:join")
    return render(request, "classroom/learner/welcome.html", {"persona": persona})


@never_cache
@require_GET
def wallet(request):
    """The wallet as a page of its own (the drawer loads it on every page)."""
    if browser.persona_of(request) is None:
        return redirect("learner:join")
    return render(request, "classroom/learner/wallet.html")


@require_GET
def panel(request):
    """Polled: the trainer's message for this learner (204 when there is none)."""
    seat = browser.seat_of(request)
    if seat is None or not seat.message:
        return HttpResponse(status=204)
    return render(request, "classroom/learner/_message.html", {"seat": seat})


@require_POST
def message_dismiss(request):
    seat = browser.seat_of(request)
    if seat is not None:
        services.message_dismiss(seat=seat)
    if request.htmx:
        return HttpResponse("")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "portal:home"
    return redirect(target)
