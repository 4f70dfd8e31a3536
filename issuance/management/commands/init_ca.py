"""manage.py init_ca: create the simulated root and issuing CAs once (idempotent)."""

from django.core.management.base import BaseCommand

from issuance.ca.services import ca_initialize


class Command(BaseCommand):
    help = "교육용 모의 인증기관(최상위·발급 CA)과 첫 CRL을 만듭니다. 이미 있으면 그대로 둡니다."

    def handle(self, *args, **options):
        issuing, created = ca_initialize()
        verb = "만들었습니다" if created else "이미 있습니다"
        self.stdout.write(f"인증기관 {issuing.name} (상위: {issuing.parent.name}): {verb}.")
