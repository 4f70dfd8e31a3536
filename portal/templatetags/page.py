"""``{% page_header %}``: the one header (breadcrumbs + title) every page shows."""

from django import template
from django.conf import settings
from django.urls import reverse

from portal.plain_words import plain_word

register = template.Library()


@register.inclusion_tag("partials/page_header.html")
def page_header(title, *trail, current=None, extra_class="", voice=False):
    """홈 › trail… › ``current`` (the title unless given), then the page's ``<h1>``;
    ``voice``: a 읽어 주기 button that reads the page's title and body (the container
    after the header).

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
        "voice": voice,
    }


@register.filter
def install_wait_ms(percent) -> int:
    """How long the 보안프로그램 install's bar still fills from ``percent`` (ms): the bar
    animates by itself (issuance.js) and asks the server once, when it should be full."""
    left = max(0, 100 - int(percent or 0)) / 100
    return max(int(left * settings.INSTALL_SECONDS * 1000), 200)


@register.simple_tag(takes_context=True)
def plain(context, key: str) -> str:
    """쉬운 화면's plain word with the bank's beside it ("보내기 (이체)"); elsewhere the
    bank's word ("이체"). ``key``: a key of portal.plain_words.PLAIN_WORDS."""
    return plain_word(key, easy=bool(context.get("easy_view")))
