"""The site shell: home page, menu placeholders, the customer-centre pages and the
error pages."""

from typing import NamedTuple

from django.conf import settings
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token


class MenuPage(NamedTuple):
    section: Promise
    title: Promise


_PERSONAL = _("개인")
_BUSINESS = _("기업")
_CERT_CENTER = _("인증센터")
_BANKING = _("인터넷뱅킹")

# Menu entries whose screens this training portal does not have (yet): each gets the
# same "준비 중" page. An entry leaves this table when its real view exists.
MENU_PAGES: dict[str, MenuPage] = {
    # 개인
    "inquiry": MenuPage(_PERSONAL, _("조회")),
    "transfer": MenuPage(_PERSONAL, _("이체")),
    "deposit": MenuPage(_PERSONAL, _("예금·적금")),
    "loan": MenuPage(_PERSONAL, _("대출")),
    # 기업
    "corp-banking": MenuPage(_BUSINESS, _("기업 인터넷뱅킹")),
    "corp-cert": MenuPage(_BUSINESS, _("기업 인증서 발급")),
    "corp-products": MenuPage(_BUSINESS, _("기업 금융상품")),
    # 인증센터
    "cert-renew": MenuPage(_CERT_CENTER, _("인증서 갱신")),
    "cert-manage": MenuPage(_CERT_CENTER, _("인증서 관리")),
    "security-install": MenuPage(_CERT_CENTER, _("보안프로그램 설치")),
    # 인터넷뱅킹
}

# The customer-centre pages (고객센터): static content, one template each under
# templates/portal/info/<slug>.html.
INFO_PAGES: frozenset[str] = frozenset({"faq", "notice", "security-center", "privacy", "terms"})


def home(request):
    return render(request, "portal/home.html")


def menu(request, slug: str):
    """A menu entry whose screen is not part of the training portal (yet)."""
    page = MENU_PAGES.get(slug)
    if page is None:
        raise Http404(f"unknown menu {slug!r}")
    return render(request, "portal/menu.html", {"page": page, "slug": slug})


def info(request, slug: str):
    """A customer-centre page: FAQ, notices, security advice, privacy policy, terms."""
    if slug not in INFO_PAGES:
        raise Http404(f"unknown info page {slug!r}")
    context = {"idle_minutes": settings.SESSION_IDLE_MINUTES}
    return render(request, f"portal/info/{slug}.html", context)


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
