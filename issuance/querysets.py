"""One model's reads as short chainable names (``Certificate.objects.valid()``)."""

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
