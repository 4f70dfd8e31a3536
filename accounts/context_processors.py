"""The 자동 로그아웃 countdown every page shows a customer (accounts/idle.py)."""

from django.conf import settings

from accounts import idle


def idle_logout(request):
    if not settings.SESSION_IDLE_MINUTES or not hasattr(request, "user"):
        return {}
    left = idle.seconds_left(request)  # None: no idle logout for this session
    if left is None:
        return {}
    return {
        "idle_seconds_left": left,
        "idle_total_seconds": idle.idle_seconds(),
        "idle_warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
    }
