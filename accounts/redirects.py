"""Where a page may send the browser next: ``?next=`` (or a posted ``next``), when it
names a page of this site, else the page's default.

Only a local absolute path is followed ("/banking/accounts/"): not another site
("//evil.example", "/\\evil.example", "https://…"), and not a bare word ("on"),
which ``django.shortcuts.redirect`` would take for a URL name and fail on.
"""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_local_path(request, target: str) -> bool:
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next(request, default: str) -> str:
    """The posted or asked ``next`` if it is a path of this site, else ``default`` (a
    URL name or a path), as a path to redirect to."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_local_path(request, target) else resolve_url(default)
