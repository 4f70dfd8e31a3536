"""manage.py demo_reset [--force]: put the public demo's personas back on a schedule.

Call it every minute from cron or a systemd timer (README: "A public demo"); it acts
only when ``DEMO_RESET_MINUTES`` have passed since the last reset (or with --force):
every fixed persona goes back to its handout, certificates and open flows included.
Classes are left alone: their trainers reset them.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import Customer
from accounts.personas import PERSONAS
from classroom.models import DemoReset
from issuance.personas import persona_restore


class Command(BaseCommand):
    help = "공개 데모의 페르소나를 DEMO_RESET_MINUTES마다 처음 상태로 되돌립니다."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="때가 안 되었어도 지금 초기화")

    def handle(self, *args, force=False, **options):
        minutes = settings.DEMO_RESET_MINUTES
        last = DemoReset.objects.order_by("-done_at").first()
        now = timezone.now()
        due = last is None or now - last.done_at >= timedelta(minutes=minutes) - timedelta(
            seconds=30  # a timer that fires a little early still resets
        )
        if not force and (not minutes or not due):
            reason = "DEMO_RESET_MINUTES가 0입니다" if not minutes else "아직 때가 아닙니다"
            self.stdout.write(f"초기화하지 않았습니다 ({reason}).")
            return
        existing = set(
            Customer.objects.filter(persona_key__in=[p.key for p in PERSONAS]).values_list(
                "persona_key", flat=True
            )
        )
        restored = [persona_restore(persona=p) for p in PERSONAS if p.key in existing]
        DemoReset.objects.create(done_at=now, personas=len(restored))
        self.stdout.write(f"데모 페르소나 {len(restored)}명을 처음 상태로 되돌렸습니다.")
