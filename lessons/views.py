"""Lessons for a learner outside a class (/lessons/): pick one, and the "오늘의 할 일"
panel (the lesson's tasks and the seed's checklist, ticked from real events). A class's
learner gets the same panel from the class (classroom/learner/views.py).

The 수료증 (lessons/completion/): the self-paced learner's, once the chosen lesson is
complete; its PDF and signature for the browser it was issued to; the public
verification page its QR code opens."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Customer
from issuance.devices import device_customer_ids
from issuance.flow.browser import current_session_id
from issuance.models import IssuanceSession
from lessons import selectors
from lessons.completion import browser
from lessons.completion import verify as checks
from lessons.completion.forms import UploadForm
from lessons.completion.page import certificate_page
from lessons.models import Completion, Lesson

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
    state = selectors.checklist(chosen_lesson(request), self_paced_customers(request))
    context = {
        "checklist": state,
        "guided": True,
        "self_paced": True,
        "certificate_url": reverse("lessons:certificate") if state.complete else "",
    }
    return render(request, "lessons/checklist.html", context)


# --- 수료증 -------------------------------------------------------------------------------


def _learner(request, customer_ids) -> Customer | None:
    """Whose 수료증 it is: the logged-in customer if the lesson counted them, else the
    first customer this browser practised as."""
    if request.user.is_authenticated and request.user.pk in customer_ids:
        return request.user
    return Customer.objects.filter(pk__in=customer_ids[:1]).first()


@never_cache
@require_http_methods(["GET", "POST"])
def certificate(request):
    """수료증 받기 for a learner practising alone: whose it is, the first customer this
    browser practised as unless the lesson counted the one logged in."""
    lesson, customer_ids = chosen_lesson(request), self_paced_customers(request)
    learner = _learner(request, customer_ids)
    return certificate_page(
        request,
        lesson=lesson,
        checklist=selectors.checklist(lesson, customer_ids),
        customer=learner,
        learner_name=learner.name if learner else "",
    )


def _owned(request, completion_id) -> Completion:
    """This browser's 수료증, or a 404 (another browser's is as good as none)."""
    if not browser.owns_completion(request, completion_id):
        raise Http404
    return get_object_or_404(Completion, pk=completion_id)


def _attachment(data: bytes, content_type: str, filename: str, *, inline=False):
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def certificate_pdf(request, completion_id):
    completion = _owned(request, completion_id)
    filename = f"certificate-{completion.pk}.pdf"
    return _attachment(bytes(completion.pdf), "application/pdf", filename, inline=True)


@require_GET
def certificate_signature(request, completion_id):
    """The detached CMS signature over the PDF's exact bytes (DER)."""
    completion = _owned(request, completion_id)
    filename = f"certificate-{completion.pk}.p7s"
    return _attachment(bytes(completion.signature), "application/pkcs7-signature", filename)


@never_cache
@require_http_methods(["GET", "POST"])
def certificate_verify(request, completion_id):
    """Anyone's check of a 수료증 (its QR code opens this): the record and whether the
    signature holds; a PDF uploaded is checked against the record."""
    completion = checks.record(completion_id)
    if completion is None:
        context = {"verdict": checks.UNKNOWN, "completion": None}
        return render(request, "lessons/verify.html", context, status=404)
    form = UploadForm(request.POST or None, request.FILES or None)
    uploaded = form.cleaned_data["upload"] if form.is_bound and form.is_valid() else None
    context = {
        "completion": completion,
        "verdict": checks.verdict_of(completion, uploaded),
        "checked_upload": uploaded is not None,
        "form": form,
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "lessons/verify.html", context, status=status)
