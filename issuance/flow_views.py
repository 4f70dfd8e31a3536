"""The issuance flow's pages: thin views over issuance/flow.py.

Every step has its own URL. ``flow_step`` loads the learner's own session
(its id must be the one kept in their browser session: nobody else's session
can be opened or posted to), shows the "처음부터 다시" page once it expired,
and sends any step URL to the step the session is really at.
"""

import contextlib
import functools

import qrcode
import qrcode.image.svg
from cryptography import x509
from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from issuance import flow, pki
from issuance.center_views import remember_device_customer
from issuance.flow import Step, StepRefused, WrongStep
from issuance.forms import (
    TERMS,
    ArsForm,
    FindIdForm,
    IdentifyForm,
    InstallForm,
    MediumForm,
    Pkcs12Form,
    StorageForm,
    TermsForm,
)
from issuance.models import IssuanceSession

SESSION_KEY = "issuance_session"
PHONE_PAIRING_SALT = "issuance.phone-pairing"

STEP_URLS = {
    Step.INSTALL: "issuance:install",
    Step.IDENTIFY: "issuance:identify",
    Step.TERMS: "issuance:terms",
    Step.ARS: "issuance:ars",
    Step.MEDIUM: "issuance:medium",
    Step.PUSH: "issuance:push",
    Step.STORAGE: "issuance:storage",
    Step.ISSUING: "issuance:storage",
    Step.COMPLETED: "issuance:done",
    Step.STOPPED: "issuance:stopped",
}


def step_url(session: IssuanceSession) -> str:
    return reverse(STEP_URLS[session.status], args=[session.pk])


def owned_session(request, pk) -> IssuanceSession:
    """The session ``pk`` if this browser started it; 404 otherwise (never someone else's)."""
    if request.session.get(SESSION_KEY) != str(pk):
        raise Http404
    return get_object_or_404(IssuanceSession.objects.select_related("customer", "scenario"), pk=pk)


def flow_step(*steps: str):
    """Open the view only at ``steps``; anywhere else, go where the session really is."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            session = owned_session(request, pk)
            if session.is_expired:
                if request.htmx:  # a poll: the whole page must show the expiry
                    return HttpResponseClientRedirect(reverse("issuance:resume", args=[pk]))
                return render(request, "issuance/flow/expired.html", {"session": session})
            if session.status not in steps:
                if request.htmx:
                    return HttpResponseClientRedirect(step_url(session))
                return redirect(step_url(session))
            return view(request, session, *args, **kwargs)

        return wrapper

    return decorator


def render_step(request, session, template, context=None, status=200):
    context = {
        "session": session,
        "steps": flow.FLOW_ORDER,
        "done_steps": flow.session_steps_before(
            Step.STORAGE if session.status == Step.ISSUING else session.status
        ),
        **(context or {}),
    }
    return render(request, f"issuance/flow/{template}", context, status=status)


def refused(form, exc: StepRefused) -> None:
    """Put a refusal beside its field (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


# --- 0-1. 인증센터, 발급 전 확인 --------------------------------------------------------------


@require_GET
def cert_center(request):
    return render(request, "issuance/cert_center.html")


@require_http_methods(["GET", "POST"])
def prerequisites(request):
    customer = request.user if request.user.is_authenticated else None
    problem = flow.prerequisite_problem(customer) if customer and customer.rrn else None
    if request.method == "POST" and problem is None:
        session = flow.session_start(customer=customer if customer and customer.rrn else None)
        request.session[SESSION_KEY] = str(session.pk)
        return redirect(step_url(session))
    return render(
        request, "issuance/flow/prerequisites.html", {"problem": problem, "steps": flow.FLOW_ORDER}
    )


@require_GET
def resume(request, pk):
    session = owned_session(request, pk)
    if session.is_expired:
        return render(request, "issuance/flow/expired.html", {"session": session})
    return redirect(step_url(session))


# --- 2. 보안프로그램 설치 --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.INSTALL)
def install(request, session):
    form = InstallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with contextlib.suppress(WrongStep):  # a double click: the install already runs
            flow.install_start(session=session, full=form.cleaned_data["full"])
        return redirect(step_url(session))
    if session.install_started_at is not None and not flow.install_progress(session).running:
        # The bar is full (a reload, or no JavaScript): finish here as the poll would.
        with contextlib.suppress(WrongStep):
            flow.install_finish(session=session)
        return redirect(step_url(session))
    failed = session.install_failures and session.install_started_at is None
    return render_step(
        request,
        session,
        "install.html",
        {
            "form": form,
            "progress": flow.install_progress(session),
            "failed_message": flow.INSTALL_FAILED_MESSAGE if failed else "",
        },
    )


@require_GET
@flow_step(Step.INSTALL)
def install_progress(request, session):
    """Polled by the progress bar; finishes the install when the bar is full."""
    progress = flow.install_progress(session)
    if session.install_started_at is not None and not progress.running:
        try:
            flow.install_finish(session=session)
        except WrongStep:
            session.refresh_from_db()
        return HttpResponseClientRedirect(step_url(session))
    return render(
        request, "issuance/flow/_install_progress.html", {"session": session, "progress": progress}
    )


# --- 3. 사용자 확인 ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.IDENTIFY)
def identify(request, session):
    form = IdentifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flow.identify(session=session, user_id=form.cleaned_data["user_id"], rrn=form.rrn)
            return redirect(step_url(session))
        except StepRefused as exc:
            if session.status == Step.STOPPED:
                return redirect(step_url(session))
            refused(form, exc)
        except WrongStep:
            return redirect(reverse("issuance:resume", args=[session.pk]))
    return render_step(request, session, "identify.html", {"form": form})


@require_http_methods(["GET", "POST"])
def find_id(request):
    """ID 조회: name + 주민등록번호 + account number → the ID, partly masked."""
    form = FindIdForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = flow.find_user_id(
            name=form.cleaned_data["name"],
            rrn=form.rrn,
            account_number=form.cleaned_data["account_number"],
        )
        if found is None:
            form.add_error(None, "입력하신 정보와 일치하는 사용자 ID가 없습니다.")
    return render(
        request,
        "issuance/find_id.html",
        {"form": form, "found": found, "back": request.session.get(SESSION_KEY)},
    )


# --- 4. 약관 동의 / 인증서 종류 -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.TERMS)
def terms(request, session):
    form = TermsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flow.terms_accept(session=session, cert_type=form.cleaned_data["cert_type"])
        except StepRefused as exc:
            refused(form, exc)
        except WrongStep:
            pass
        else:
            return redirect(step_url(session))
    existing = flow.current_certificates(session.customer)
    return render_step(
        request,
        session,
        "terms.html",
        {"form": form, "terms": TERMS, "existing": existing},
    )


TERM_TEXTS = dict(TERMS)


@require_GET
def term_text(request, slug):
    if slug not in TERM_TEXTS:
        raise Http404
    return render(request, f"issuance/terms/{slug}.html", {"title": TERM_TEXTS[slug]})


# --- 5. ARS ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.ARS)
def ars(request, session):
    form = ArsForm(request.POST or None, customer=session.customer)
    if request.method == "POST" and form.is_valid():
        try:
            flow.ars_call(session=session, phone=form.cleaned_data["phone"])
        except StepRefused as exc:
            refused(form, exc)
        except WrongStep:
            pass
        else:
            return redirect(step_url(session))
    flow.ars_missed(session=session)
    return render_step(request, session, "ars.html", _ars_context(session, form))


def _ars_context(session, form=None):
    state = flow.ars_view_state(session)
    return {
        "form": form,
        "call_state": state,
        "threshold": flow.lock_threshold(session, "ars"),
        "timeout_seconds": int(flow.ars_timeout(session).total_seconds()),
    }


@require_GET
@flow_step(Step.ARS)
def ars_status(request, session):
    """Polled while the phone rings: the page changes when the call is over."""
    flow.ars_missed(session=session)
    if session.status != Step.ARS:
        return HttpResponseClientRedirect(step_url(session))
    return render(
        request, "issuance/flow/_ars_status.html", {"session": session, **_ars_context(session)}
    )


# --- 6. 보안매체 확인 ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.MEDIUM)
def medium(request, session):
    slots = flow.medium_challenge(session)
    form = MediumForm(request.POST or None, customer=session.customer, slots=slots)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            flow.medium_verify(
                session=session,
                account=data["account"],
                pin=data["pin"],
                first_two=data.get("card_first_two", ""),
                last_two=data.get("card_last_two", ""),
            )
        except StepRefused as exc:
            if exc.field == "card":
                # A new challenge was drawn: show it, with the message above the form.
                form = MediumForm(
                    initial={"account": data["account"]},
                    customer=session.customer,
                    slots=flow.medium_challenge(session),
                )
                form.cleaned_data = {}  # an unbound form can still carry a message
                form.add_error(None, exc.message)
            else:
                refused(form, exc)
        except WrongStep:
            pass
        else:
            return redirect(step_url(session))
    return render_step(request, session, "medium.html", {"form": form})


# --- 7. 모바일 인증 ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.PUSH)
def push(request, session):
    if request.method == "POST":
        with contextlib.suppress(WrongStep):
            flow.push_resend(session=session)
        return redirect(step_url(session))
    return render_step(request, session, "push.html", {"push_state": flow.push_view_state(session)})


@require_GET
@flow_step(Step.PUSH)
def push_status(request, session):
    return render(
        request,
        "issuance/flow/_push_status.html",
        {"session": session, "push_state": flow.push_view_state(session)},
    )


# --- 8. 저장 위치 + 인증서 암호 ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@flow_step(Step.STORAGE, Step.ISSUING)
def storage(request, session):
    form = StorageForm(request.POST or None)
    if request.method == "POST" and session.status == Step.STORAGE and form.is_valid():
        data = form.cleaned_data
        try:
            flow.storage_submit(
                session=session,
                medium=data["medium"],
                password=data["password"],
                password_confirm=data["password_confirm"],
            )
        except StepRefused as exc:
            refused(form, exc)
        except WrongStep:
            return redirect(reverse("issuance:resume", args=[session.pk]))
        else:
            # The certificate is now on this browser's virtual PC or phone.
            remember_device_customer(request, session.customer_id)
            return redirect(step_url(session))
    return render_step(
        request,
        session,
        "storage.html",
        {
            "form": form,
            "rules": pki.PASSWORD_RULES,
            "replacing": flow.current_certificate(session),
        },
    )


@require_POST
@flow_step(Step.STORAGE)
def password_rules(request, session):
    """Live feedback while typing: every rule, kept or broken (htmx)."""
    password = request.POST.get("password", "")
    broken = {p.code for p in pki.password_problems(password)} if password else set()
    return render(
        request,
        "issuance/flow/_password_rules.html",
        {"rules": pki.PASSWORD_RULES, "broken": broken, "typed": bool(password)},
    )


# --- 9. 발급 완료, 중단 -----------------------------------------------------------------------


@require_GET
@flow_step(Step.COMPLETED)
def done(request, session):
    certificate = session.certificate
    return render_step(
        request,
        session,
        "done.html",
        {"certificate": certificate, "copy": certificate.copies.first(), "p12_form": Pkcs12Form()},
    )


@require_GET
@flow_step(Step.COMPLETED)
def download_npki(request, session):
    certificate = session.certificate
    key_file = bytes(certificate.copies.first().key_file)
    archive = pki.npki_zip(bytes(certificate.der), key_file)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="NPKI-{certificate.serial}.zip"'
    return response


@require_http_methods(["POST"])
@flow_step(Step.COMPLETED)
def download_p12(request, session):
    """The .p12 needs the key: decrypted with the password, only for this answer."""
    certificate = session.certificate
    form = Pkcs12Form(request.POST)
    if form.is_valid():
        password = form.cleaned_data["password"]
        try:
            contents = pki.read_key_file(
                bytes(certificate.copies.first().key_file), password, validate_key=False
            )
        except pki.WrongPasswordError as exc:
            form.add_error("password", str(exc))
        else:
            cert = x509.load_der_x509_certificate(bytes(certificate.der))
            issuer = x509.load_der_x509_certificate(bytes(certificate.issuer.certificate_der))
            p12 = pki.pkcs12(cert, contents.private_key, password, [issuer], certificate.serial)
            response = HttpResponse(p12, content_type="application/x-pkcs12")
            response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.p12"'
            return response
    return render_step(
        request,
        session,
        "done.html",
        {"certificate": certificate, "copy": certificate.copies.first(), "p12_form": form},
        status=400,
    )


@require_GET
@flow_step(Step.STOPPED)
def stopped(request, session):
    return render_step(request, session, "stopped.html")


# --- The phone beside the page: QR pairing ---------------------------------------------------


def phone_pairing_url(request, session) -> str:
    token = signing.dumps(str(session.pk), salt=PHONE_PAIRING_SALT)
    return request.build_absolute_uri(reverse("phone:pair", args=[token]))


@require_GET
def phone_qr(request, pk):
    session = owned_session(request, pk)
    image = qrcode.make(
        phone_pairing_url(request, session), image_factory=qrcode.image.svg.SvgPathImage
    )
    response = HttpResponse(image.to_string(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


def pairing_session_id(token: str) -> str | None:
    try:
        return signing.loads(token, salt=PHONE_PAIRING_SALT, max_age=settings.PHONE_PAIRING_SECONDS)
    except signing.BadSignature:
        return None
