"""manage.py seed_personas [--reset]: create the persona customers (idempotent),
and give the personas that hold a certificate their certificate.

It lives in ``issuance`` because it composes both apps: the customers come from
``accounts`` (which knows nothing of certificates), the certificates from the CA.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Customer
from accounts.personas import PERSONAS
from accounts.services import PersonaConflict, persona_apply
from issuance.ca.authority import CaNotInitialized
from issuance.ca.personas import persona_certificates_give
from issuance.models import Certificate
from issuance.personas import persona_restore


class Command(BaseCommand):
    help = (
        "페르소나(연습용 가상 고객)를 만듭니다. 이미 있으면 그대로 둡니다 (--reset: 초기 상태로)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="이미 있는 페르소나도 초기 상태로 되돌립니다."
        )

    def handle(self, *args, reset=False, **options):
        existing = set(
            Customer.objects.filter(persona_key__isnull=False).values_list("persona_key", flat=True)
        )
        created = restored = 0
        for persona in PERSONAS:
            if persona.key in existing and not reset:
                continue
            try:
                if persona.key in existing:
                    persona_restore(persona=persona)  # certificates and open flows too
                else:
                    persona_apply(persona=persona)
            except PersonaConflict as exc:
                raise CommandError(str(exc)) from exc
            if persona.key in existing:
                restored += 1
            else:
                created += 1
        self.stdout.write(
            f"페르소나 {len(PERSONAS)}명: 새로 만듦 {created}, 초기화 {restored}, "
            f"그대로 둠 {len(PERSONAS) - created - restored}"
        )
        self.issue_persona_certificates()

    def issue_persona_certificates(self):
        """Personas that hold certificates get them (공동인증서 on the hard disk,
        금융인증서 in the cloud), once a CA exists."""
        for persona in PERSONAS:
            if not (persona.holds_certificate or persona.holds_finance_certificate):
                continue
            customer = Customer.objects.get(persona_key=persona.key)
            if Certificate.objects.valid().filter(customer=customer).exists():
                continue
            try:
                issued = persona_certificates_give(customer=customer, persona=persona)
            except CaNotInitialized:
                self.stdout.write(
                    "인증기관이 없어 페르소나 인증서는 발급하지 않았습니다 (init_ca)."
                )
                return
            for one in issued:
                where = one.certificate.copies.get().get_medium_display()
                self.stdout.write(
                    f"{persona.name}: 인증서 발급 (일련번호 {one.certificate.serial}, {where})"
                )
