"""집에서 이어 하기: the learner's card (made in class: a code, its QR code and a
4-digit number shown once), and /join/resume/ where any browser typing them becomes that
learner again, with their persona, progress and checklist (classroom/takehome.py)."""

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import throttle
from classroom import takehome
from classroom.learner import browser
from classroom.learner.forms import ResumeForm
from classroom.links import site_url
from portal.refusals import Refused, refuse


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@never_cache
@require_http_methods(["GET", "POST"])
def card(request):
    """The card: made (again) with a POST; the number is shown this once."""
    persona = browser.persona_of(request)
    if persona is None:
        return redirect("learner:join")
    classroom = persona.seat.classroom
    context = {"persona": persona, "classroom": classroom, "takehome_days": settings.TAKEHOME_DAYS}
    if request.method == "POST":
        try:
            made, number = takehome.card_issue(persona=persona)
        except Refused as refused:
            context["refused"] = refused.message
            return render(request, "classroom/learner/takehome.html", context, status=403)
        url = f"{site_url(request)}{reverse('learner:resume')}?code={made.code}"
        context.update(card=made, number=number, resume_url=url, qr=_qr_data_uri(url))
    return render(request, "classroom/learner/takehome.html", context)


@never_cache
@sensitive_post_parameters("number")
@require_http_methods(["GET", "POST"])
def resume(request):
    """The card's code and number bring this browser back to the learner's persona."""
    initial = {"code": request.GET.get("code", "")}
    form = ResumeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            persona = takehome.card_resume(
                code=form.cleaned_data["code"],
                number=form.cleaned_data["number"],
                client=throttle.client_of(request),
            )
        except Refused as refused:
            refuse(form, refused)
        else:
            browser.sit_down(request, persona)
            return redirect("learner:welcome")
    status = 400 if form.is_bound else 200
    return render(request, "classroom/learner/resume.html", {"form": form}, status=status)
