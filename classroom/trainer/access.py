"""Who may open a trainer's page: a trainer (or staff), and only their own classes
(another trainer's class is a 404). Every trainer views module uses these.

A 보조강사 (a ``ClassroomHelper`` of a class) comes in through the same login and sees
the classes they help, nothing else (another class is a 404). There they may do what
helps one learner: the dashboard, the rows, a learner's page, the tasks grid, the
골든벨 board (to read), the projected code, a hint to a learner, 오류 해제, and the
도와주세요 queue. Anything else of the class (end, close, delete, resets, scenarios,
drills, 보조강사, results, running the 골든벨) is a 403 for them: a view asks
``classroom_of(request, code)`` (the class's trainer only) unless it says
``helper_may=True``.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from classroom.models import Classroom, ClassroomHelper

# What a 보조강사 may do on a learner's page (classroom/trainer/views.seat_action).
HELPER_SEAT_ACTIONS = frozenset({"message", "unlock"})


def is_trainer(user) -> bool:
    return user.is_authenticated and (user.is_trainer or user.is_staff)


def is_helper(user) -> bool:
    return user.is_authenticated and ClassroomHelper.objects.filter(user=user).exists()


def may_enter(user) -> bool:
    """A trainer, the administrator, or a 보조강사 of some class."""
    return is_trainer(user) or is_helper(user)


def manages(user, classroom: Classroom) -> bool:
    """The class's own trainer (or the administrator): everything; a 보조강사 less."""
    return user.is_staff or classroom.trainer_id == user.pk


def trainer_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("trainer:login"))
        if not may_enter(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def classroom_of(request, code: str, *, helper_may: bool = False) -> Classroom:
    """The class of ``code`` if this user sees it (else 404); a 보조강사 of it gets a 403
    unless the view says ``helper_may``."""
    classroom = get_object_or_404(Classroom.objects.visible_to(request.user), code=code)
    if not helper_may and not manages(request.user, classroom):
        raise PermissionDenied
    return classroom
