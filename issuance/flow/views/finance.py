"""The 금융인증서's issuance pages, /cert/finance/…: thin views over ``flow.finance``.

사용자 확인, 출금계좌 + 보안매체 and 중단 are the 공동인증서's own views under this
flow's addresses (urls.py); the session's product picks its table, so every
redirect lands on the finance step the session is at (``machine.page_url``).
"""

import contextlib

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.rrn import birth_date
from issuance.ca import cloud
from issuance.devices import cloud_connect_here
from issuance.flow import browser, clock, finance, limits, machine
from issuance.flow.forms import FINANCE_TERMS, CloudForm, FinancePinForm, FinanceTermsForm
from issuance.flow.machine import Step
from issuance.flow.pages import flow_step, render_step, step_context, step_moved_on
from issuance.models import CertificateProduct, IssuanceSession
from issuance.pki_messages import pin_rule_messages
from issuance.transitions import WrongState
from portal.display import easy_view_on
from portal.refusals import Refused, refuse


@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    """금융인증서 발급/재발급: what it is and what to have ready, then 사용자 확인."""
    if request.method == "POST":
        customer = request.user if request.user.is_authenticated and request.user.rrn else None
        session = finance.finance_start(
            customer=customer, time_factor=clock.time_factor(easy_view_on(request))
        )
        browser.remember(request, session)
        return redirect(machine.page_url(session))
    context = {**step_context(None), "current_step": None, "finance_page": True}
    context["steps"] = machine.indicator_shown(IssuanceSession(product=CertificateProduct.FINANCE))
    return render(request, "issuance/flow/finance/start.html", context)


@require_http_methods(["GET", "POST"])
@flow_step(Step.TERMS)
def terms(request, session):
    form = FinanceTermsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with contextlib.suppress(WrongState):
            finance.finance_terms_accept(session=session)
        return redirect(machine.page_url(session))
    context = {"form": form, "terms": FINANCE_TERMS}
    return render_step(request, session, "finance/terms.html", context)


# --- 클라우드 연결 -------------------------------------------------------------------------


def _cloud_context(session):
    return {
        "sms_state": finance.sms_view_state(session),
        "masked_phone": cloud.phone_mask(session.cloud_phone) if session.cloud_phone else "",
        "threshold": limits.lock_threshold(session, "cloud_sms"),
        "timeout_seconds": int(finance.sms_timeout(session).total_seconds()),
    }


@require_http_methods(["GET", "POST"])
@flow_step(Step.CLOUD)
def cloud_connect(request, session):
    form = CloudForm(request.POST or None, initial=_typed_before(session))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finance.cloud_request(
                session=session, name=data["name"], phone=data["phone"], birth=data["birth"]
            )
        except Refused as exc:
            refuse(form, exc)
        except WrongState:
            pass
        else:
            return redirect(machine.page_url(session))
    finance.cloud_expired(session=session)
    if session.status != Step.CLOUD:
        return redirect(machine.page_url(session))
    context = {"form": form, **_cloud_context(session)}
    return render_step(request, session, "finance/cloud.html", context)


def _typed_before(session) -> dict:
    """What the learner typed for the message already sent (it passed the checks), so
    "문자 다시 받기" or a corrected number needs no retyping."""
    if not session.cloud_phone:
        return {}
    birth = birth_date(session.customer.rrn) if session.customer.rrn else None
    return {
        "name": session.customer.name,
        "phone": session.cloud_phone,
        "birth": f"{birth:%Y%m%d}" if birth else "",
    }


@require_GET
@flow_step(Step.CLOUD)
def cloud_status(request, session):
    """Polled while the message waits for its answer: the page moves on with it."""
    finance.cloud_expired(session=session)
    if session.status != Step.CLOUD:
        return step_moved_on(request, session)
    context = {"session": session, **_cloud_context(session)}
    return render(request, "issuance/flow/finance/_cloud_status.html", context)


# --- 비밀번호(PIN) → 발급 완료 --------------------------------------------------------------


@sensitive_post_parameters("pin", "pin_confirm")
@require_http_methods(["GET", "POST"])
@flow_step(Step.PIN)
def pin(request, session):
    form = FinancePinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finance.pin_submit(session=session, pin=data["pin"], pin_confirm=data["pin_confirm"])
        except Refused as exc:
            refuse(form, exc)
        except WrongState:
            return redirect(reverse("flow:resume", args=[session.pk]))
        else:
            # Issued through this browser: it is connected to the cloud for this visit.
            cloud_connect_here(request, session.customer_id)
            return redirect(machine.page_url(session))
    context = {"form": form, "rules": pin_rule_messages()}
    return render_step(request, session, "finance/pin.html", context)


@require_GET
@flow_step(Step.COMPLETED)
def done(request, session):
    certificate = session.certificate
    context = {"certificate": certificate, "copy": certificate.copies.first()}
    return render_step(request, session, "finance/done.html", context)


@require_POST
@flow_step(Step.COMPLETED)
def auto_connect(request, session):
    """이 기기에서 자동연결: this browser stays connected to the cloud (a cookie and a row of
    연결된 기기), so the next 금융인증서 login asks only the PIN."""
    response = redirect(reverse("center:finance_devices"))
    cloud_connect_here(request, session.customer_id, auto=True, response=response)
    return response
