"""Run by test_crash.py in a child process: submit the storage step of session ARGV[1]
and die (os._exit, like kill -9: no cleanup, no rollback by Python) at point ARGV[2]."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from issuance.ca import services as ca  # noqa: E402
from issuance.flow import services as flow  # noqa: E402
from issuance.models import IssuanceSession  # noqa: E402

PASSWORD = "Practice#2026"


def die_after(module, name):
    original = getattr(module, name)

    def then_die(*args, **kwargs):
        result = original(*args, **kwargs)
        os._exit(9)
        return result

    setattr(module, name, then_die)


def die_before(module, name):
    def die(*args, **kwargs):
        os._exit(9)

    setattr(module, name, die)


POINTS = {
    "key generated": lambda: die_after(flow, "certificate_prepare"),
    "fee withdrawn": lambda: die_after(flow, "account_withdraw"),
    "certificate written": lambda: die_after(ca, "certificate_copy_save"),
    "stored, before commit": lambda: die_after(flow, "certificate_store"),
    "committed, before publishing": lambda: die_before(flow, "certificate_publish"),
}

session_id, point = sys.argv[1], sys.argv[2]
POINTS[point]()
session = IssuanceSession.objects.select_related("customer").get(pk=session_id)
flow.storage_submit(session=session, medium="hdd", password=PASSWORD, password_confirm=PASSWORD)
sys.exit(0)  # not reached
