"""Django's CommonMiddleware, with a slash-less POST answered instead of a 500.

A POST (PUT, PATCH, DELETE) to a URL without its trailing slash gets a 308
redirect, which keeps the method and the body (clients such as openssl posting
to ``/pki/ocsp`` follow it). Django's own middleware redirects with a 301, which
turns the POST into a GET, and under DEBUG raises a RuntimeError: a 500.
"""

from django.http import HttpResponsePermanentRedirect
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.utils.http import escape_leading_slashes

BODY_METHODS = ("DELETE", "POST", "PUT", "PATCH")


class PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308


class CommonMiddleware(DjangoCommonMiddleware):
    def get_full_path_with_slash(self, request):
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_response(self, request, response):
        if (
            request.method in BODY_METHODS
            and response.status_code == 404
            and self.should_redirect_with_slash(request)
        ):
            response = PermanentRedirectKeepingMethod(self.get_full_path_with_slash(request))
        return super().process_response(request, response)
