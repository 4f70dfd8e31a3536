"""System checks of the deployment: production serves the collected, hashed static files."""

from django.conf import settings
from django.core.checks import Error, register

STATIC_MANIFEST = "staticfiles.json"


def static_problem() -> str | None:
    """Why production could not serve its static files, or None."""
    if not settings.PRODUCTION:
        return None
    manifest = settings.STATIC_ROOT / STATIC_MANIFEST
    if not manifest.exists():
        return (
            f"the static files are not collected ({manifest} is missing): every page would "
            "answer 500. Run `manage.py collectstatic --noinput` (`make serve` does it)."
        )
    return None


@register()
def static_files_collected(app_configs, **kwargs):
    problem = static_problem()
    return [Error(problem, id="portal.E001")] if problem else []
