"""집에서 이어 하기: the personas whose cards ran out (TAKEHOME_DAYS) are removed. Run it
daily (cron or a systemd timer), as demo_reset runs every minute."""

from django.core.management.base import BaseCommand

from classroom.takehome import cards_expire


class Command(BaseCommand):
    help = "이어 하기 기간이 지난 페르소나를 지웁니다 (매일 실행)."

    def handle(self, *args, **options):
        removed = cards_expire()
        self.stdout.write(f"이어 하기 기간이 지나 지운 페르소나: {removed}")
