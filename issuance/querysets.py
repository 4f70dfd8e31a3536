"""One model's reads as short chainable names (``Certificate.objects.valid()``,
``IssuanceSession.objects.unfinished()``, ``PhoneRequest.objects.waiting()``)."""

from datetime import timedelta

from django.db import models
from django.utils import timezone


class CertificateQuerySet(models.QuerySet):
    def valid(self, at=None):
        now = at or timezone.now()
        return self.filter(revoked_at__isnull=True, not_before__lte=now, not_after__gte=now)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def expired(self, at=None):
        return self.filter(revoked_at__isnull=True, not_after__lt=at or timezone.now())

    def expiring_within(self, days: int, at=None):
        now = at or timezone.now()
        return self.valid(at=now).filter(not_after__lte=now + timedelta(days=days))


# The flow's final statuses, as flow/machine.py's table derives them (COMPLETED,
# STOPPED); a test holds the two together, since nothing below the areas imports them.
FLOW_FINAL = ("completed", "stopped")


class IssuanceSessionQuerySet(models.QuerySet):
    def unfinished(self):
        """Neither issued nor stopped (it may have run out of time)."""
        return self.exclude(status__in=FLOW_FINAL)

    def open(self, at=None):
        """Unfinished and not yet expired: a learner can go on with it."""
        return self.unfinished().filter(expires_at__gt=at or timezone.now())


class PhoneRequestQuerySet(models.QuerySet):
    def waiting(self, at=None):
        """Waiting for the phone's answer, and not yet out of time."""
        return self.filter(state="waiting", expires_at__gt=at or timezone.now())
