"""What the virtual phone's screen holds: which screen (``inbox.phone_screen``) for the
customers whose requests this browser's phone receives, and the form its screen needs.
The phone's views draw it (``screen_context``) and answer with it."""

from django.conf import settings
from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from issuance.center import requests as center_requests
from issuance.center.selectors import device_copies
from issuance.devices import cloud_pending_ids, device_customer_ids
from issuance.drills import selectors as drill_selectors
from issuance.drills.fake_page import SECURITY_CARD_SLOTS
from issuance.flow import selectors as flow_selectors
from issuance.models import StorageMedium
from issuance.phone.forms import ArsKeypadForm, PhoneCopySendForm, PushPinForm, SmsReplyForm
from issuance.phone.inbox import Follow, flow_active, followed_flow, phone_screen, screen_key


def phone_customers(request, follow: Follow | None = None) -> list[int]:
    """The customers whose requests this phone receives: those whose certificates this
    browser holds, and one whose cloud it is connecting to (금융인증서); a phone paired
    by a QR code follows only its flow."""
    if follow is not None and follow.paired:
        return []
    ids = device_customer_ids(request)
    return ids + [pk for pk in cloud_pending_ids(request) if pk not in ids]


FORMS = {
    "call": ("keypad", ArsKeypadForm),
    "sms": ("reply_form", SmsReplyForm),
    "push": ("pin_form", PushPinForm),
    "approve": ("pin_form", PushPinForm),
}


def current_screen(request, follow: Follow):
    customers = phone_customers(request, follow)
    drill = None if follow.paired else drill_selectors.phone_drill(request, customers)
    return phone_screen(follow.session, paired=follow.paired, customer_ids=customers, drill=drill)


def screen_context(request, follow: Follow, screen=None) -> dict:
    """What the phone shows now (``screen``, worked out here unless given), with the
    form its screen needs."""
    screen = screen or current_screen(request, follow)
    customers = phone_customers(request, follow)
    context = {
        "screen": screen.name,
        "screen_template": screen.template_name,
        "session": screen.session,
        "poll_seconds": screen.poll_seconds,
        "phone_request": screen.request,
        "drill": screen.drill,
        "has_customer": bool(customers),
        "flow_active": flow_active(screen.session),
        "recent": center_requests.recent(customers) if screen.name == "idle" else [],
    }
    if screen.name in FORMS:
        name, form_class = FORMS[screen.name]
        context[name] = form_class()
    if screen.name == "drill-fake":
        context["fake_slots"] = range(1, SECURITY_CARD_SLOTS + 1)
    if screen.name == "update":
        context["installed_app_version"] = flow_selectors.installed_app_version(screen.session)
        context["current_app_version"] = settings.MOBILE_APP_CURRENT_VERSION
    if screen.name == "copy-receive":
        context["code"] = center_requests.shown_code(request, screen.request)
    if screen.name == "copy-send":
        copies = list(device_copies(customers, StorageMedium.PHONE))
        context["copy_form"] = PhoneCopySendForm(copies=copies)
        context["copies"] = copies
    context["screen_key"] = screen_key(context)
    return context


def framable(view):
    """The phone is shown beside the bank page in a same-origin frame, never cached."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    return never_cache(csp_override(policy)(xframe_options_sameorigin(view)))


def answer(request, context_update: dict, status: int = 200):
    """The phone's screen after an answer, with what the answer adds (a notice, a form)."""
    context = {**screen_context(request, followed_flow(request)), **context_update}
    return render(request, "issuance/phone/_screen.html", context, status=status)
