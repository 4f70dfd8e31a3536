"""manage.py init_ca: create the simulated root and issuing CAs (the 공동인증서's and the
금융인증서's) once (idempotent); on a site from before the 금융인증서, add its CA."""

from django.core.management.base import BaseCommand

from issuance.ca.services import ca_initialize
from issuance.models import CertificateAuthority


class Command(BaseCommand):
    help = (
        "교육용 모의 인증기관(최상위·발급 CA, 금융인증서 발급 CA)과 첫 CRL을 만듭니다. "
        "이미 있으면 그대로 둡니다."
    )

    def handle(self, *args, **options):
        issuing, created = ca_initialize()
        verb = "만들었습니다" if created else "이미 있습니다"
        names = ", ".join(
            CertificateAuthority.objects.filter(parent=issuing.parent_id)
            .order_by("pk")
            .values_list("name", flat=True)
        )
        self.stdout.write(f"인증기관 {names} (상위: {issuing.parent.name}): {verb}.")
