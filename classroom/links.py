"""Addresses learners reach. On a LAN the trainer's own browser may say 127.0.0.1, so
``SITE_URL`` (set by ``make classroom`` to the laptop's LAN address) wins over the
request's address."""

from django.conf import settings
from django.urls import reverse

from classroom.models import Classroom


def site_url(request=None) -> str:
    if settings.SITE_URL or request is None:
        return settings.SITE_URL or settings.PKI_BASE_URL
    return request.build_absolute_uri("/").rstrip("/")


def join_url(request, classroom: Classroom) -> str:
    return f"{site_url(request)}{reverse('learner:join')}?code={classroom.code}"


def classroom_json(classroom: Classroom) -> dict:
    """A class as scripts and tools read it (``classroom_create --json``)."""
    base = site_url()
    return {
        "code": classroom.code,
        "name": classroom.name,
        "trainer": classroom.trainer.user_id,
        "mode": classroom.mode,
        "situations": classroom.situations,
        "scenarios": classroom.scenario_defaults,
        "open": classroom.is_open,
        "language": classroom.language,
        "lesson": classroom.lesson.key if classroom.lesson_id else "",
        "join_url": join_url(None, classroom),
        "dashboard_url": f"{base}{reverse('trainer:dashboard', args=[classroom.code])}",
    }
