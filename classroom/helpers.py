"""보조강사: accounts a trainer makes for one class, by name.

The trainer types a name; the class gets a new account of its own (never a trainer:
it cannot make classes) with a user ID and a password drawn here. The password is
shown to the trainer once, on the next page, and kept only as Django's hash, as
every password. The account logs in at /trainer/login/ and sees the class it helps
(what it may do there: classroom/trainer/access.py). Removing a 보조강사 deletes the
account: its browser is logged out, its user ID no longer logs in, and what it had
taken from the 도와주세요 queue goes back to waiting.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from classroom.models import Classroom, ClassroomHelper, HelpRequest

# No letter or digit that reads like another (0/o, 1/l/i), as a password read aloud.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet
PASSWORD_GROUPS = 3  # xxxx-xxxx-xxxx: 12 characters, about 59 bits


def helpers_of(classroom: Classroom) -> list[ClassroomHelper]:
    return list(classroom.helpers.select_related("user"))


def new_password() -> str:
    def group() -> str:
        return "".join(secrets.choice(PASSWORD_ALPHABET) for _char in range(4))

    return "-".join(group() for _group in range(PASSWORD_GROUPS))


def _user_id(classroom: Classroom, number: int) -> str:
    return f"help_{classroom.code.lower()}_{number}"  # e.g. help_ac3fkm_1 (≤ 20 characters)


def helper_add(*, classroom: Classroom, name: str) -> tuple[ClassroomHelper, str]:
    """A new 보조강사 account for ``classroom``; returns it and its password (in clear
    this once, for the trainer to hand over)."""
    password = new_password()
    number = classroom.helpers.count() + 1
    for _attempt in range(50):
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    _user_id(classroom, number), password, name=name
                )
                return ClassroomHelper.objects.create(classroom=classroom, user=user), password
        except IntegrityError:
            number += 1  # that user ID is taken (a helper removed and added again)
    raise RuntimeError("no free helper user ID")


def helper_remove(*, classroom: Classroom, helper_id: int) -> bool:
    """The 보조강사 leaves the class: their account is deleted (False: not this class's)."""
    helper = classroom.helpers.filter(pk=helper_id).select_related("user").first()
    if helper is None:
        return False
    with transaction.atomic():
        HelpRequest.objects.open().filter(taken_by=helper.user).update(
            taken_by=None, taken_at=None, taken_by_helper=False
        )
        helper.user.delete()  # the ClassroomHelper row goes with it
    return True
