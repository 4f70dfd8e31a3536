"""safe_next: only a path of this site is followed; anything else is the default."""

import pytest
from django.test import RequestFactory

from accounts.redirects import safe_next


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/banking/accounts/", "/banking/accounts/"),
        ("/cert/?medium=usb", "/cert/?medium=usb"),
        ("on", "/"),
        ("portal:home", "/"),
        ("cert/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("http://testserver/cert/", "/"),  # an absolute URL, even of this site: not needed
        ("javascript:alert(1)", "/"),
        ("/\tevil", "/"),
        ("", "/"),
    ],
)
def test_only_a_local_path_is_followed(target, expected):
    assert safe_next(RequestFactory().get("/", {"next": target}), "portal:home") == expected
    assert safe_next(RequestFactory().post("/", {"next": target}), "portal:home") == expected
