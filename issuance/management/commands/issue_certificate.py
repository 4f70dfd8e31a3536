"""manage.py issue_certificate USER_ID --password PW [--type bank|universal] [--out DIR]

Issues through the same service as the web flow (trainers prepare 재발급/갱신
scenarios with it) and writes the NPKI folder under DIR.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Customer
from issuance import pki
from issuance.ca.authority import CaNotInitialized
from issuance.ca.selectors import replaceable_certificate
from issuance.ca.services import CertificateIssueError, certificate_issue
from issuance.choices import JOINT_CERT_TYPES


class Command(BaseCommand):
    help = "고객에게 공동인증서를 발급하고 NPKI 폴더(signCert.der, signPri.key)를 씁니다."

    def add_arguments(self, parser):
        parser.add_argument("user_id", help="사용자 ID")
        parser.add_argument("--password", required=True, help="인증서 암호 (KISA 규칙)")
        # The 공동인증서 only: a 금융인증서 lives in the cloud, behind a PIN, never in a folder.
        parser.add_argument(
            "--type", dest="cert_type", choices=[str(t) for t in JOINT_CERT_TYPES], default="bank"
        )
        parser.add_argument("--out", type=Path, help="NPKI 폴더를 쓸 디렉터리")
        parser.add_argument(
            "--reissue",
            action="store_true",
            help="같은 종류의 유효한 인증서가 있으면 폐지하고 재발급 (만료일 유지)",
        )

    def handle(self, *args, user_id, password, cert_type, out, reissue, **options):
        customer = Customer.objects.filter(user_id=user_id).first()
        if customer is None:
            raise CommandError(f"사용자 ID '{user_id}'인 고객이 없습니다.")
        replaces = None
        if reissue:
            replaces = replaceable_certificate(customer_id=customer.pk, cert_type=cert_type)
        try:
            issued = certificate_issue(
                customer=customer, cert_type=cert_type, password=password, replaces=replaces
            )
        except (CertificateIssueError, CaNotInitialized) as exc:
            raise CommandError(str(exc)) from exc
        certificate = issued.certificate
        self.stdout.write(
            f"발급: {certificate.subject_dn} 일련번호 {certificate.serial} "
            f"({certificate.get_cert_type_display()}, 만료 {certificate.not_after:%Y-%m-%d})"
        )
        if replaces is not None:
            self.stdout.write(f"폐지(재발급): 일련번호 {replaces.serial}")
        if out is not None:
            cert_path, key_path = pki.npki_paths(issued.x509)
            for relative, content in ((cert_path, issued.der), (key_path, issued.key_file)):
                target = out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            (out / key_path).chmod(0o600)
            self.stdout.write(f"NPKI 폴더: {(out / cert_path).parent}")
