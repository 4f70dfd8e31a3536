"""The virtual phone's pages: its screen (polled), the ARS keypad, the banking
app's push approval with its PIN pad, the app update, the QR pairing, and the
banking app's answers to the centre's requests (a large 이체's approval, the two
sides of 스마트폰 인증서 복사, the ARS call of 타기관 인증서 등록).

Nothing from the client names a session: the phone answers for the session it
is paired with (``inbox.paired_session``), so nobody else's phone can see or
answer a learner's request.
"""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseStopPolling

from issuance.center import copying
from issuance.center import messages as center_messages
from issuance.center import requests as center_requests
from issuance.center.selectors import device_copies
from issuance.devices import device_customer_ids
from issuance.flow import authentication, finance
from issuance.flow import browser as flow_browser
from issuance.flow.machine import Step
from issuance.models import PhoneRequest, StorageMedium
from issuance.phone.forms import PhoneCopySendForm, PushPinForm
from issuance.phone.inbox import (
    IDLE,
    followed_flow,
    paired_session,
    phone_pair,
    phone_screen,
    screen_template,
)
from issuance.phone.screens import (
    FORMS,
    answer,
    current_screen,
    framable,
    phone_customers,
    screen_context,
)
from issuance.phone.tokens import pairing_token_generator
from issuance.transitions import WrongState
from portal.refusals import Refused, refuse


@require_GET
@framable
def phone(request):
    return render(
        request, "issuance/phone/phone.html", screen_context(request, followed_flow(request))
    )


@require_GET
@framable
def screen(request):
    """Polled (every 2 s while a call or a request may come, every 10 s otherwise); a
    paired phone whose flow is over stops polling (HTTP 286). The poll says what its
    phone shows (X-Phone-Screen): the same screen is answered 204, nothing drawn."""
    follow = followed_flow(request)
    shown = current_screen(request, follow)
    if not shown.may_receive:
        idle = {"screen": IDLE, "screen_template": screen_template(IDLE)}
        final = render_to_string("issuance/phone/_screen.html", idle, request)
        return HttpResponseStopPolling(final)
    context = screen_context(request, follow, shown)
    if request.headers.get("X-Phone-Screen") == context["screen_key"]:
        return HttpResponse(status=204)  # htmx swaps nothing; the poll goes on
    return render(request, "issuance/phone/_poller.html", context)


# --- Pairing a real smartphone ------------------------------------------------------------


def pairing_url(request, session) -> str:
    """Where the smartphone goes: on a LAN, the address learners reach (``SITE_URL``)."""
    path = reverse("phone:pair", args=[pairing_token_generator.make_token(session.pk)])
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)


@require_GET
def pairing_qr(request, pk):
    """The QR code beside the bank page: scanned, it opens this flow's phone.

    It is drawn once per session and kept, in the shared cache for 2/5 of the token's
    life and in the learner's browser for 1/5 (every step page shows it; drawing it
    costs tens of milliseconds), so the token it carries is always still valid.
    """
    life = settings.PHONE_PAIRING_SECONDS
    session = flow_browser.owned_session(request, pk)
    key = f"phone:pairing-qr:{session.pk}:{settings.SITE_URL or request.get_host()}"
    svg = cache.get(key)
    if svg is None:
        url = pairing_url(request, session)
        svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).to_string()
        cache.set(key, svg, max(life * 2 // 5, 1))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = f"private, max-age={max(life // 5, 1)}"
    return response


@require_GET
def pair(request, token):
    """The QR code's target on a real smartphone: bind this browser to the session."""
    session_id = pairing_token_generator.check_token(token)
    if session_id is None:
        return render(request, "issuance/phone/pairing_failed.html", status=400)
    if not phone_pair(request, session_id):
        context = {"reason": "taken"}
        return render(request, "issuance/phone/pairing_failed.html", context, status=400)
    return redirect("phone:phone")


# --- Answers from the phone -----------------------------------------------------------------


_answer = answer


def _session_or_404(request):
    session = paired_session(request)
    if session is None:
        raise Http404
    return session


def _flow_answer(request, screen: str, act, gone: str):
    """The flow's request on ``screen`` answered with the screen's form: ``act(session,
    <field>=…)`` returns what the phone then says; a refusal stays beside its field;
    ``gone``: the request is over (409)."""
    session = _session_or_404(request)
    name, form_class = FORMS[screen]
    form = form_class(request.POST)
    if not form.is_valid():
        return _answer(request, {name: form}, status=400)
    try:
        notice = act(session, **form.cleaned_data)
    except Refused as refused:
        refuse(form, refused)
        return _answer(request, {name: form}, status=400)
    except WrongState:
        return _answer(request, {"notice": gone}, status=409)
    return _answer(request, {"notice": notice})


def _ars_answer(session, digits: str) -> str:
    if authentication.ars_answer(session=session, digits=digits):
        return _("인증되었습니다. 은행 화면으로 돌아가세요.")
    return _("번호가 일치하지 않습니다.")


def _sms_reply(session, digits: str) -> str:
    if finance.cloud_reply(session=session, digits=digits):
        return _("답장을 보냈습니다. 은행 화면에서 비밀번호를 정하세요.")
    return _("보낸 숫자가 화면의 숫자와 다릅니다. 은행 화면을 확인하세요.")


def _push_approve(session, pin: str) -> str:
    authentication.push_approve(session=session, pin=pin)
    return _("승인되었습니다. 은행 화면에서 계속 진행하세요.")


@require_POST
@framable
def ars_keypad(request):
    return _flow_answer(request, "call", _ars_answer, gone=_("통화가 종료되었습니다."))


@require_POST
@framable
def sms_reply(request):
    """The 문자 app: the learner sends the 2 digits back (금융인증서 클라우드 연결)."""
    return _flow_answer(request, "sms", _sms_reply, gone=_("이미 처리되었거나 만료된 문자입니다."))


@sensitive_post_parameters("pin")
@require_POST
@framable
def push_approve(request):
    return _flow_answer(request, "push", _push_approve, gone=_("처리할 인증 요청이 없습니다."))


@require_POST
@framable
def push_deny(request):
    """거부 without the PIN: one QR code pairs one phone, and whoever holds it may say no
    to a request they did not make (as real authenticator apps let you cancel)."""
    session = _session_or_404(request)
    try:
        authentication.push_deny(session=session)
    except WrongState:
        return _answer(request, {"notice": _("처리할 인증 요청이 없습니다.")}, status=409)
    return _answer(request, {"notice": _("인증 요청을 거부했습니다.")})


def _after_update(session) -> str:
    """What to do next, as the screen really is: the request again, or 다시 요청."""
    if phone_screen(session).name == "push":
        return _("앱을 최신 버전으로 업데이트했습니다. 아래 인증 요청을 확인하고 승인하세요.")
    return _("앱을 최신 버전으로 업데이트했습니다. 은행 화면에서 '다시 요청'을 누르세요.")


@require_POST
@framable
def app_update(request):
    session = paired_session(request)
    nothing = {"notice": _("업데이트할 앱이 없습니다.")}
    if session is None or session.status != Step.PUSH:
        return _answer(request, nothing, status=409)
    try:
        authentication.app_update(session=session)
    except WrongState:
        return _answer(request, nothing, status=409)
    return _answer(
        request,
        {"notice": _after_update(session)},
    )


# --- The banking app's answers to the centre's requests -------------------------------------


def _customer_request(request, kind: str) -> PhoneRequest:
    """The waiting request of ``kind`` named by the form, of this browser's customers."""
    customers = phone_customers(request)
    phone_request = center_requests.owned(customers, request.POST.get("request"))
    if phone_request is None or phone_request.kind != kind:
        raise Http404
    return phone_request


def _refused(request, refused, screen: str, forms: dict):
    """The refusal beside its field while the request is still on screen, else as a notice
    (the request ended: locked, too many wrong numbers, time up)."""
    follow = followed_flow(request)
    form = next(iter(forms.values()))
    if refused.field and current_screen(request, follow).name == screen:
        refuse(form, refused)
        return _answer(request, forms, status=400)
    return _answer(request, {"notice": refused.message}, status=409)


# A request answered with the form of its screen (the PIN, the keypad): its kind, the
# service that takes the answer (``phone_request=…, <field>=…``), what the phone then says.
ANSWERS = {
    "approve": (
        PhoneRequest.Kind.APPROVAL,
        center_requests.approval_approve,
        gettext_lazy("승인되었습니다. 은행 화면에서 계속 진행하세요."),
    ),
    "call": (
        PhoneRequest.Kind.ARS,
        center_requests.ars_answer,
        gettext_lazy("인증되었습니다. 은행 화면으로 돌아가세요."),
    ),
    "sms": (
        PhoneRequest.Kind.CLOUD_SMS,
        center_requests.cloud_sms_answer,
        gettext_lazy("답장을 보냈습니다. 은행 화면으로 돌아가세요."),
    ),
}


def _request_answer(request, screen: str):
    """The request on ``screen`` of this browser's customers, answered (``ANSWERS``); a
    wrong entry stays beside its field (``_refused``)."""
    kind, answer, done = ANSWERS[screen]
    phone_request = _customer_request(request, kind)
    name, form_class = FORMS[screen]
    form = form_class(request.POST)
    if not form.is_valid():
        return _answer(request, {name: form}, status=400)
    try:
        answer(phone_request=phone_request, **form.cleaned_data)
    except Refused as refused:
        return _refused(request, refused, screen, {name: form})
    return _answer(request, {"notice": done})


@sensitive_post_parameters("pin")
@require_POST
@framable
def request_approve(request):
    """승인 of a large 이체, with the app's PIN."""
    return _request_answer(request, "approve")


@require_POST
@framable
def request_sms(request):
    """The 문자 app's reply to a new device's 금융인증서 클라우드 연결."""
    return _request_answer(request, "sms")


@require_POST
@framable
def request_deny(request):
    """거부 without the PIN, as for the issuance's push request."""
    phone_request = _customer_request(request, PhoneRequest.Kind.APPROVAL)
    try:
        center_requests.approval_deny(phone_request=phone_request)
    except Refused as refused:
        return _refused(request, refused, "approve", {"pin_form": PushPinForm()})
    return _answer(request, {"notice": _("요청을 거부했습니다.")})


@require_POST
@framable
def request_ars(request):
    """타기관 인증서 등록's ARS call: the 2 digits the PC shows, on the keypad."""
    return _request_answer(request, "call")


@require_POST
@framable
def copy_receive(request):
    """인증서 가져오기 (PC → 스마트폰): the phone shows a 12-digit 인증번호 for 3 minutes."""
    customers = device_customer_ids(request)
    if not customers:
        return _answer(request, {"notice": center_messages.NO_CUSTOMER}, status=409)
    customer_id = request.user.pk if request.user.is_authenticated else customers[-1]
    copying.copy_receive_start(
        request, customer_id=customer_id, kind=PhoneRequest.Kind.COPY_TO_PHONE
    )
    return _answer(request, {})


@require_POST
@framable
def copy_cancel(request):
    customers = phone_customers(request)
    phone_request = center_requests.owned(customers, request.POST.get("request"))
    if phone_request is not None:
        center_requests.finish(phone_request, PhoneRequest.State.FAILED)
    return _answer(request, {"notice": _("인증서 복사를 취소했습니다.")})


@sensitive_post_parameters("password", "code")
@require_POST
@framable
def copy_send(request):
    """인증서 내보내기 (스마트폰 → PC): the PC's 인증번호, then the certificate password."""
    customers = device_customer_ids(request)
    copies = list(device_copies(customers, StorageMedium.PHONE))
    form = PhoneCopySendForm(request.POST, copies=copies)
    if not form.is_valid():
        return _answer(request, {"copy_form": form, "copies": copies}, status=400)
    try:
        copying.copy_send(
            customer_ids=customers,
            kind=PhoneRequest.Kind.COPY_TO_PC,
            copy=form.cleaned_data["copy"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password"],
        )
    except Refused as refused:
        return _refused(request, refused, "copy-send", {"copy_form": form, "copies": copies})
    return _answer(request, {"notice": _("인증서를 PC로 보냈습니다. PC 화면을 확인하세요.")})
