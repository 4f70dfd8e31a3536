"""보조강사 and the 도와주세요 queue, as data (classroom/models.py imports them).

A ``ClassroomHelper`` lets an account help one class: see its dashboard and its
learners, send hints, 오류 해제, take help requests (classroom/trainer/access.py
says what else it may not do). A ``HelpRequest`` is a learner's 도와주세요: the step
and the last error at that moment, who took it and when, when it was done (or
cancelled by the learner). A seat has at most one open request.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClassroomHelper(models.Model):
    classroom = models.ForeignKey(
        "classroom.Classroom", on_delete=models.CASCADE, related_name="helpers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="helping",
        verbose_name=_("보조강사 계정"),
    )
    created_at = models.DateTimeField(_("추가한 시각"), default=timezone.now)

    class Meta:
        verbose_name = _("보조강사")
        verbose_name_plural = _("보조강사")
        ordering = ["classroom", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "user"], name="helper_once_per_class")
        ]

    def __str__(self) -> str:
        return f"{self.classroom.code} · {self.user_id}"


OPEN = Q(done_at__isnull=True, cancelled_at__isnull=True)


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        """Waiting for someone, or someone is on the way."""
        return self.filter(OPEN)


class HelpRequest(models.Model):
    """A learner's 도와주세요, as the queue on the dashboard shows it."""

    seat = models.ForeignKey("classroom.Seat", on_delete=models.CASCADE, related_name="help")
    persona = models.ForeignKey(
        "classroom.SeatPersona", on_delete=models.CASCADE, related_name="help_requests"
    )
    asked_at = models.DateTimeField(_("요청 시각"), default=timezone.now)
    step = models.CharField(_("요청 때의 단계"), max_length=16, blank=True)
    step_label = models.CharField(_("요청 때의 단계 이름"), max_length=80, blank=True)
    last_error = models.CharField(_("마지막 오류"), max_length=200, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("맡은 사람"),
    )
    taken_by_helper = models.BooleanField(_("보조강사가 맡음"), default=False)
    taken_at = models.DateTimeField(_("맡은 시각"), null=True, blank=True)
    done_at = models.DateTimeField(_("완료 시각"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("취소 시각"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("도움 요청")
        verbose_name_plural = _("도움 요청")
        ordering = ["asked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["seat"], condition=OPEN, name="one_open_help_per_seat")
        ]

    def __str__(self) -> str:
        return f"{self.seat} · {self.asked_at:%H:%M}"

    @property
    def waiting_minutes(self) -> int:
        """Since it was asked, in whole minutes (the queue's "3분째")."""
        until = self.taken_at or timezone.now()
        return max(int((until - self.asked_at).total_seconds() // 60), 0)
