"""The site shell: home page (and its easy version), the 쉬운 화면 switch, the
customer-centre pages, old menu links, the error pages and /favicon.ico."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST, require_safe

from portal import keypad
from portal.data_language import page_language
from portal.display import easy_view_on, easy_view_remember
from portal.glossary import GLOSSARY, screen_terms

# The old menu placeholders ("준비 중인 메뉴입니다", /menu/<slug>/) are gone: the
# entries that became real pages send an old link there; the others left the menu.
MENU_MOVED: dict[str, str] = {
    "inquiry": "accounts:accounts",
    "transfer": "transfer:start",
    "cert-renew": "center:renew_choose",
    "cert-manage": "center:manage",
    "security-install": "center:security",
}

# The customer-centre pages (고객센터): static content, one template each under
# templates/portal/info/<slug>.html.
INFO_PAGES: frozenset[str] = frozenset(
    {"faq", "notice", "security-center", "privacy", "terms", "certificates"}
)


def home(request):
    """The home page; in 쉬운 화면, a simpler one: a few big buttons, one task each."""
    if easy_view_on(request):
        return render(request, "portal/easy_home.html")
    return render(request, "portal/home.html")


@require_POST
def easy_view_switch(request):
    """쉬운 화면 on (``easy_view=1``) or off (anything else), kept in a cookie for a
    year; back to ``next`` when it is a page of this site, else home."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = redirect(target)
    easy_view_remember(response, on=request.POST.get("easy_view") == "1")
    return response


def menu_moved(request, slug: str):
    """An old menu link: permanently to the page that took its place."""
    target = MENU_MOVED.get(slug)
    if target is None:
        raise Http404(f"unknown menu {slug!r}")
    return redirect(target, permanent=True)


def info(request, slug: str):
    """A customer-centre page: FAQ, notices, security advice, privacy policy, terms."""
    if slug not in INFO_PAGES:
        raise Http404(f"unknown info page {slug!r}")
    context = {"idle_minutes": settings.SESSION_IDLE_MINUTES}
    return render(request, f"portal/info/{slug}.html", context)


def glossary(request):
    """용어 사전: the Korean words of a bank's pages, romanised and with their meaning in
    the page's language (English on a Korean page); the screen terms above."""
    language = page_language()
    meaning_language = language if language in ("vi", "zh-hans") else "en"
    sections = [
        (section.title, [(term, term.meaning(meaning_language)) for term in section.terms])
        for section in GLOSSARY
    ]
    return render(
        request,
        "portal/glossary.html",
        {
            "sections": sections,
            "meaning_language": meaning_language,
            "meaning_language_name": dict(settings.LANGUAGES)[meaning_language],
            "screen_terms": [
                (term["ko"], term["en"], term["vi"], term["zh-hans"]) for term in screen_terms()
            ],
        },
    )


# The bank's logo (static/img/logo.svg) as a .ico at 16, 32 and 48 px, for the browsers
# (and the pages: admin, the phone, error pages) that ask /favicon.ico whatever the page says.
FAVICON = "img/favicon.ico"
FAVICON_MAX_AGE = 30 * 24 * 3600


@cache
def favicon_bytes() -> bytes:
    return Path(finders.find(FAVICON)).read_bytes()


@require_safe
@cache_control(public=True, max_age=FAVICON_MAX_AGE)
def favicon(request):
    """/favicon.ico: the bank's icon, cached a month by the browser."""
    return HttpResponse(favicon_bytes(), content_type="image/vnd.microsoft.icon")


def page_not_found(request, exception):
    """404 inside the site's layout (base.html), so it carries the training mark."""
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    """500 without the request's context: no context processor, session or database
    is touched again while something is already broken; the bank's names come
    straight from settings."""
    template = loader.get_template(defaults.ERROR_500_TEMPLATE_NAME)
    context = {"BANK_NAME": settings.BANK_NAME, "BANK_NAME_EN": settings.BANK_NAME_EN}
    return HttpResponseServerError(template.render(context))


@require_POST
def keypad_shuffle(request):
    """재배열: the keys of a 보안 키패드 shuffled again (its old layout used up), for
    keypad.js to put in place of the old ones; what was typed on the old keys is gone.
    An unknown or used token: 410 with the message keypad.js shows."""
    try:
        layout = keypad.layout_again(request.POST.get("token", ""))
    except keypad.KeypadRefused:
        return HttpResponse(status=410)
    keypad.keypad_shuffled.send(sender=keypad_shuffle, request=request)
    return render(request, "widgets/secure_keypad_keys.html", {"layout": layout})
