"""Who may open a trainer's page: a trainer (or staff), and only their own classes
(another trainer's class is a 404). Every trainer views module uses these."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from classroom.models import Classroom


def is_trainer(user) -> bool:
    return user.is_authenticated and (user.is_trainer or user.is_staff)


def trainer_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("trainer:login"))
        if not is_trainer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def classroom_of(request, code: str) -> Classroom:
    return get_object_or_404(Classroom.objects.visible_to(request.user), code=code)
