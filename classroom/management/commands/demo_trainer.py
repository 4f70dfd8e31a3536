"""manage.py demo_trainer: the demo's trainer (created once, login printed)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Customer
from portal.secrets import demo_secret

DEMO_TRAINER_ID = "trainer"


class Command(BaseCommand):
    help = "데모 강사 계정을 만들고 로그인 정보를 출력합니다 (개발/데모 전용)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("운영 환경에서는 관리자 화면에서 강사 계정을 만드세요.")
        password = demo_secret(settings.VAR_DIR, "DEMO_TRAINER_PASSWORD")
        trainer = Customer.objects.filter(user_id=DEMO_TRAINER_ID).first()
        if trainer is None:
            trainer = Customer(user_id=DEMO_TRAINER_ID, name="데모 강사")
        trainer.is_trainer, trainer.is_active = True, True
        trainer.failure_count, trainer.locked_at = 0, None
        if not trainer.check_password(password):
            trainer.set_password(password)
        trainer.save()
        self.stdout.write(f"강사 로그인: ID {DEMO_TRAINER_ID} / 비밀번호 {password} (/trainer/)")
