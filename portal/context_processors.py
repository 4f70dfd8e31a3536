"""Branding for every page: the bank's names are configuration."""

from django.conf import settings


def branding(request):
    return {
        "BANK_NAME": settings.BANK_NAME,
        "BANK_NAME_EN": settings.BANK_NAME_EN,
    }
