"""manage.py demo_admin: the demo's administrator (created once, login printed)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Customer
from portal.secrets import demo_secret

DEMO_ADMIN_ID = "admin"


class Command(BaseCommand):
    help = "데모 관리자 계정을 만들고 로그인 정보를 출력합니다 (개발/데모 전용)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("운영 환경(DJANGO_ENV=production)에서는 createsuperuser를 쓰세요.")
        password = demo_secret(settings.VAR_DIR, "DEMO_ADMIN_PASSWORD")
        admin = Customer.objects.filter(user_id=DEMO_ADMIN_ID).first()
        if admin is None:
            admin = Customer(user_id=DEMO_ADMIN_ID, name="데모 관리자")
        admin.is_staff = admin.is_superuser = admin.is_trainer = True
        admin.is_active = True
        admin.failure_count, admin.locked_at = 0, None
        if not admin.check_password(password):
            admin.set_password(password)
        admin.save()
        self.stdout.write(f"관리자 로그인: ID {DEMO_ADMIN_ID} / 비밀번호 {password}")
