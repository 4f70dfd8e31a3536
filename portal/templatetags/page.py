"""``{% page_header %}``: the one header (breadcrumbs + title) every page shows."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("partials/page_header.html")
def page_header(title, *trail, current=None, extra_class=""):
    """홈 › trail… › ``current`` (the title unless given), then the page's ``<h1>``.

    ``trail`` is pairs of (label, URL name or path); an empty one is a crumb without
    a link: ``{% page_header _("인증서 로그인") _("인증센터") "center:home" %}``.
    """
    if len(trail) % 2:
        raise template.TemplateSyntaxError("page_header: the trail is pairs of label, URL name")
    crumbs = [
        (label, name if not name or name.startswith("/") else reverse(name))
        for label, name in zip(trail[::2], trail[1::2], strict=True)
    ]
    return {
        "title": title,
        "crumbs": crumbs,
        "current": current or title,
        "extra_class": extra_class,
    }


@register.filter
def install_wait_ms(percent) -> int:
    """How long the 보안프로그램 install's bar still fills from ``percent`` (ms): the bar
    animates by itself (issuance.js) and asks the server once, when it should be full."""
    left = max(0, 100 - int(percent or 0)) / 100
    return max(int(left * settings.INSTALL_SECONDS * 1000), 200)
