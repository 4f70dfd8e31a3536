"""The virtual phone (/phone/): the ARS call with its keypad, the banking app's
push approval with its PIN pad, and the app-update screen.

The phone belongs to one issuance session: the learner's own browser (beside
the page or in a second window) or a real smartphone that scanned the QR code,
whose signed, short-lived token binds that browser to the session. Nothing from
the client names a session, so nobody else's phone can see or answer it.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseStopPolling

from issuance import flow
from issuance.flow import Step, StepRefused, WrongStep
from issuance.flow_views import SESSION_KEY, pairing_session_id
from issuance.forms import ArsKeypadForm, PushPinForm
from issuance.models import IssuanceSession

PHONE_KEY = "phone_issuance_session"


def framable(view):
    """The phone is shown beside the bank page in a same-origin frame."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    return csp_override(policy)(xframe_options_sameorigin(view))


def phone_session(request) -> IssuanceSession | None:
    pk = request.session.get(PHONE_KEY) or request.session.get(SESSION_KEY)
    if not pk:
        return None
    return (
        IssuanceSession.objects.select_related("customer__mobile_authenticator", "scenario")
        .filter(pk=pk)
        .first()
    )


def screen_context(session: IssuanceSession | None) -> dict:
    """What the phone shows now: idle, a ringing call, a push request, or the update."""
    if session is None or session.is_expired or session.is_finished:
        return {"screen": "idle", "session": session}
    if session.status == Step.ARS and flow.ars_call_visible(session):
        return {"screen": "call", "session": session, "keypad": ArsKeypadForm()}
    if session.status == Step.PUSH:
        state = flow.push_view_state(session)
        if state == "outdated":
            return {"screen": "update", "session": session}
        if state == IssuanceSession.PushState.PENDING:
            return {"screen": "push", "session": session, "pin_form": PushPinForm()}
    return {"screen": "idle", "session": session}


@require_GET
@framable
def phone(request):
    session = phone_session(request)
    return render(request, "issuance/phone/phone.html", screen_context(session))


@require_GET
@framable
def screen(request):
    """Polled every 2 s; stops polling (HTTP 286) once nothing can ever be pending."""
    session = phone_session(request)
    if session is None or session.is_finished or session.is_expired:
        final = render_to_string("issuance/phone/_screen.html", {"screen": "idle"}, request)
        return HttpResponseStopPolling(final)
    return render(request, "issuance/phone/_screen.html", screen_context(session))


@require_GET
def pair(request, token):
    """The QR code's target on a real smartphone: bind this browser to the session."""
    pk = pairing_session_id(token)
    if pk is None:
        return render(request, "issuance/phone/pairing_failed.html", status=400)
    request.session[PHONE_KEY] = pk
    return redirect("phone:phone")


def _answer(request, context_update: dict, status: int = 200):
    session = phone_session(request)
    context = {**screen_context(session), **context_update}
    return render(request, "issuance/phone/_screen.html", context, status=status)


@require_POST
@framable
def ars_keypad(request):
    session = phone_session(request)
    if session is None:
        raise Http404
    form = ArsKeypadForm(request.POST)
    if not form.is_valid():
        return _answer(request, {"keypad": form}, status=400)
    try:
        matched = flow.ars_answer(session=session, digits=form.cleaned_data["digits"])
    except WrongStep:
        return _answer(request, {"notice": "통화가 종료되었습니다."}, status=409)
    notice = "인증되었습니다. 은행 화면으로 돌아가세요." if matched else "번호가 일치하지 않습니다."
    return _answer(request, {"notice": notice})


@require_POST
@framable
def push_approve(request):
    session = phone_session(request)
    if session is None:
        raise Http404
    form = PushPinForm(request.POST)
    if not form.is_valid():
        return _answer(request, {"pin_form": form}, status=400)
    try:
        flow.push_approve(session=session, pin=form.cleaned_data["pin"])
    except StepRefused as exc:
        form.add_error("pin", exc.message)
        return _answer(request, {"pin_form": form}, status=400)
    except WrongStep:
        return _answer(request, {"notice": "처리할 인증 요청이 없습니다."}, status=409)
    return _answer(request, {"notice": "승인되었습니다. 은행 화면에서 계속 진행하세요."})


@require_POST
@framable
def push_deny(request):
    session = phone_session(request)
    if session is None:
        raise Http404
    try:
        flow.push_deny(session=session)
    except WrongStep:
        return _answer(request, {"notice": "처리할 인증 요청이 없습니다."}, status=409)
    return _answer(request, {"notice": "인증 요청을 거부했습니다."})


@require_POST
@framable
def app_update(request):
    session = phone_session(request)
    if session is None or session.status != Step.PUSH:
        return _answer(request, {"notice": "업데이트할 앱이 없습니다."}, status=409)
    flow.app_update(session=session)
    return _answer(
        request,
        {"notice": "앱을 최신 버전으로 업데이트했습니다. 은행 화면에서 '다시 요청'을 누르세요."},
    )
