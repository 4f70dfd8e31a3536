"""The issuance flow's pages: thin views over ``services``.

Every step has its own URL. ``flow_step`` (pages.py) loads the learner's own
session, shows the "처음부터 다시" page once it expired, and sends any step URL
to the step the session is really at (``machine.page_url``).
"""

import contextlib

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import throttle
from issuance import pki
from issuance.ca.downloads import npki_zip_download, pkcs12_download
from issuance.ca.selectors import replaceable_certificate, replaceable_certificates
from issuance.devices import remember_device_customer
from issuance.flow import authentication, browser, clock, limits, machine, selectors, services
from issuance.flow.forms import (
    TERMS,
    ArsForm,
    FindIdForm,
    IdentifyForm,
    MediumForm,
    Pkcs12Form,
    StorageForm,
    TermsForm,
)
from issuance.flow.machine import Step
from issuance.flow.pages import (
    flow_step,
    render_expired,
    render_step,
    step_context,
    step_moved_on,
)
from issuance.pki_messages import password_rule_messages
from issuance.transitions import WrongState
from portal.display import easy_view_on
from portal.refusals import Refused, refuse
from portal.secret_fields import typed_secret

# --- 1. 발급 전 확인 ---------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def prerequisites(request):
    customer = request.user if request.user.is_authenticated and request.user.rrn else None
    problem = selectors.prerequisite_problem(customer) if customer else None
    if request.method == "POST" and problem is None:
        session = services.session_start(
            customer=customer, time_factor=clock.time_factor(easy_view_on(request))
        )
        browser.remember(request, session)
        return redirect(machine.page_url(session))
    return render(
        request, "issuance/flow/prerequisites.html", {**step_context(None), "problem": problem}
    )


@never_cache
@require_GET
def resume(request, pk):
    session = browser.owned_session(request, pk)
    if machine.is_expired(session):
        return render_expired(request, session)
    return redirect(machine.page_url(session))


# --- 3. 사용자 확인 ------------------------------------------------------------------------


@sensitive_post_parameters("rrn_front", "rrn_back")
@require_http_methods(["GET", "POST"])
@flow_step(Step.IDENTIFY)
def identify(request, session):
    form = IdentifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_identify(
                session=session,
                user_id=form.cleaned_data["user_id"],
                rrn=form.rrn,
                client=throttle.client_of(request),
            )
            return redirect(machine.page_url(session))
        except Refused as exc:
            if session.status == Step.STOPPED:
                return redirect(machine.page_url(session))
            refuse(form, exc)
        except WrongState:
            return redirect(reverse("flow:resume", args=[session.pk]))
    return render_step(request, session, "identify.html", {"form": form})


@never_cache
@sensitive_post_parameters("rrn_front", "rrn_back")
@require_http_methods(["GET", "POST"])
def find_id(request):
    """아이디 조회: name + 주민등록번호 + account number → the ID, partly masked (the form
    looks it up, counting the misses per client)."""
    form = FindIdForm(request.POST or None, client=throttle.client_of(request))
    found = form.found if request.method == "POST" and form.is_valid() else None
    return _find_id_page(request, form, found)


def _find_id_page(request, form, found):
    return render(
        request,
        "issuance/flow/find_id.html",
        {"form": form, "found": found, "back": browser.current_session_id(request)},
    )


# --- 4. 약관 동의 / 인증서 종류 -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.TERMS)
def terms(request, session):
    form = TermsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.terms_accept(session=session, cert_type=form.cleaned_data["cert_type"])
        except Refused as exc:
            refuse(form, exc)
        except WrongState:
            pass
        else:
            return redirect(machine.page_url(session))
    existing = replaceable_certificates(customer_id=session.customer_id)
    context = {"form": form, "terms": TERMS, "existing": existing}
    return render_step(request, session, "terms.html", context)


TERM_TEXTS = dict(TERMS)


@require_GET
def term_text(request, slug):
    if slug not in TERM_TEXTS:
        raise Http404
    return render(request, f"issuance/flow/terms/{slug}.html", {"title": TERM_TEXTS[slug]})


# --- 5. ARS ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.ARS)
def ars(request, session):
    form = ArsForm(request.POST or None, customer=session.customer)
    if request.method == "POST" and form.is_valid():
        try:
            authentication.ars_call(session=session, phone=form.cleaned_data["phone"])
        except Refused as exc:
            refuse(form, exc)
        except WrongState:
            pass
        else:
            return redirect(machine.page_url(session))
    authentication.ars_missed(session=session)
    return render_step(request, session, "ars.html", {"form": form, **_ars_context(session)})


def _ars_context(session):
    return {
        "call_state": selectors.ars_view_state(session),
        "threshold": limits.lock_threshold(session, "ars"),
        "timeout_seconds": int(limits.ars_timeout(session).total_seconds()),
    }


@require_GET
@flow_step(Step.ARS)
def ars_status(request, session):
    """Polled while the phone rings: the page changes when the call is over."""
    authentication.ars_missed(session=session)
    if session.status != Step.ARS:
        return step_moved_on(request, session)
    context = {"session": session, **_ars_context(session)}
    return render(request, "issuance/flow/_ars_status.html", context)


# --- 6. 보안매체 확인 ------------------------------------------------------------------------


@sensitive_post_parameters("pin", "card_first_two", "card_last_two")
@require_http_methods(["GET", "POST"])
@flow_step(Step.MEDIUM)
def medium(request, session):
    slots = authentication.medium_challenge(session)
    form = MediumForm(request.POST or None, customer=session.customer, slots=slots)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            authentication.medium_verify(
                session=session,
                account=data["account"],
                pin=data["pin"],
                first_two=data.get("card_first_two", ""),
                last_two=data.get("card_last_two", ""),
            )
        except Refused as exc:
            if exc.field == "card":
                # A new challenge was drawn: show it, with the message above the form.
                form = MediumForm(
                    initial={"account": data["account"]},
                    customer=session.customer,
                    slots=authentication.medium_challenge(session),
                )
                form.cleaned_data = {}  # an unbound form can still carry a message
                form.add_error(None, exc.message)
            else:
                refuse(form, exc)
        except WrongState:
            pass
        else:
            return redirect(machine.page_url(session))
    return render_step(request, session, "medium.html", {"form": form})


# --- 7. 모바일 인증 ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.PUSH)
def push(request, session):
    if request.method == "POST":
        with contextlib.suppress(WrongState):
            authentication.push_resend(session=session)
        return redirect(machine.page_url(session))
    context = {"push_state": selectors.push_view_state(session)}
    return render_step(request, session, "push.html", context)


@require_GET
@flow_step(Step.PUSH)
def push_status(request, session):
    context = {"session": session, "push_state": selectors.push_view_state(session)}
    return render(request, "issuance/flow/_push_status.html", context)


# --- 8. 저장 위치 + 인증서 암호 ----------------------------------------------------------------


@sensitive_post_parameters("password", "password_confirm")
@require_http_methods(["GET", "POST"])
@flow_step(Step.STORAGE, Step.ISSUING)
def storage(request, session):
    if session.status == Step.ISSUING:
        with contextlib.suppress(WrongState):
            services.storage_recover(session=session)
    rules_url = reverse("flow:password_rules", args=[session.pk])
    form = StorageForm(request.POST or None, rules_url=rules_url)
    if request.method == "POST" and session.status == Step.STORAGE and form.is_valid():
        data = form.cleaned_data
        try:
            services.storage_submit(
                session=session,
                medium=data["medium"],
                password=data["password"],
                password_confirm=data["password_confirm"],
            )
        except Refused as exc:
            refuse(form, exc)
        except WrongState:
            return redirect(reverse("flow:resume", args=[session.pk]))
        else:
            # The certificate is now on this browser's virtual PC or phone.
            remember_device_customer(request, session.customer_id)
            return redirect(machine.page_url(session))
    replacing = replaceable_certificate(
        customer_id=session.customer_id, cert_type=session.cert_type
    )
    context = {"form": form, "rules": password_rule_messages(), "replacing": replacing}
    return render_step(request, session, "storage.html", context)


@sensitive_post_parameters("password")
@require_POST
@flow_step(Step.STORAGE)
def password_rules(request, session):
    """Live feedback while typing: every rule, kept or broken (htmx). Typed on the 보안
    키패드, the positions are read without using the layout up (the form's post will)."""
    password = typed_secret(request.POST, "password")
    broken = set(pki.password_problems(password)) if password else set()
    return render(
        request,
        "issuance/flow/_password_rules.html",
        {"rules": password_rule_messages(), "broken": broken, "typed": bool(password)},
    )


# --- 9. 발급 완료, 중단 -----------------------------------------------------------------------


def _done_context(session, p12_form):
    certificate = session.certificate
    return {"certificate": certificate, "copy": certificate.copies.first(), "p12_form": p12_form}


@require_GET
@flow_step(Step.COMPLETED)
def done(request, session):
    return render_step(request, session, "done.html", _done_context(session, Pkcs12Form()))


@require_GET
@flow_step(Step.COMPLETED)
def download_npki(request, session):
    copy = session.certificate.copies.select_related("certificate").first()
    return npki_zip_download(copy)


@sensitive_post_parameters("password")
@require_POST
@flow_step(Step.COMPLETED)
def download_p12(request, session):
    """The .p12 needs the key: decrypted with the password, only for this answer."""
    form = Pkcs12Form(request.POST)
    if form.is_valid():
        copy = session.certificate.copies.select_related("certificate__issuer").first()
        try:
            return pkcs12_download(copy, form.cleaned_data["password"])
        except Refused as refused:  # counted like at 인증서 로그인: N/5, then locked
            refuse(form, refused)
    return render_step(request, session, "done.html", _done_context(session, form), status=400)


@require_GET
@flow_step(Step.STOPPED)
def stopped(request, session):
    return render_step(request, session, "stopped.html")
