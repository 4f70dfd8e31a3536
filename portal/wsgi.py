"""WSGI entry point (gunicorn portal.wsgi)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Refuse to start rather than answer 500 on every page (gunicorn prints this and stops).
from portal.checks import static_problem  # noqa: E402 - needs the settings loaded above

if problem := static_problem():
    raise ImproperlyConfigured(problem)
