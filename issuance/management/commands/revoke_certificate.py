"""manage.py revoke_certificate SERIAL [--reason …]: 폐지, then a new CRL."""

from django.core.management.base import BaseCommand, CommandError

from issuance.ca.revocation import certificate_revoke
from issuance.models import Certificate, RevocationReason
from issuance.transitions import WrongState


class Command(BaseCommand):
    help = "인증서를 폐지하고 CRL을 새로 발행합니다."

    def add_arguments(self, parser):
        parser.add_argument("serial", help="일련번호 (16진수)")
        parser.add_argument(
            "--reason",
            choices=RevocationReason.values,
            default=RevocationReason.CESSATION_OF_OPERATION,
        )

    def handle(self, *args, serial, reason, **options):
        certificate = Certificate.objects.filter(serial=serial.upper().lstrip("0")).first()
        if certificate is None:
            raise CommandError(f"일련번호 {serial}인 인증서가 없습니다.")
        try:
            certificate_revoke(certificate=certificate, reason=reason)
        except WrongState as exc:
            raise CommandError(f"일련번호 {certificate.serial}은(는) 이미 폐지되었습니다.") from exc
        self.stdout.write(
            f"폐지: {certificate.subject_dn} 일련번호 {certificate.serial} "
            f"({RevocationReason(reason).label})"
        )
