"""manage.py classroom_create --name NAME --trainer USER [--situations ready,outdated-app,…]
[--mode guided|practice] [--scenarios app-outdated,…] [--language ko|en] [--keypad on|off]
[--json]

Prepares a class as the trainer's page would; ``--json`` prints it with its ``code``
and ``join_url`` for scripts and tools.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Customer
from accounts.persona_factory import SITUATIONS
from classroom.links import classroom_json
from classroom.models import Classroom
from classroom.scenarios import SWITCHES_BY_KEY
from classroom.services import classroom_create
from lessons.models import Lesson


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class Command(BaseCommand):
    help = "수업을 만들고 참여 코드와 주소를 출력합니다."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="수업 이름")
        parser.add_argument("--trainer", required=True, help="강사의 사용자 ID")
        parser.add_argument(
            "--situations",
            default="ready",
            help=f"쉼표로 구분한 페르소나 상황, 자리 순서대로 배정 ({', '.join(SITUATIONS)})",
        )
        parser.add_argument("--mode", choices=Classroom.Mode.values, default="guided")
        parser.add_argument(
            "--scenarios", default="", help=f"기본 시나리오 ({', '.join(SWITCHES_BY_KEY)})"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="ko",
            help="학습자 화면의 기본 언어 (ko, en)",
        )
        parser.add_argument(
            "--keypad",
            choices=["on", "off"],
            default="on",
            help="보안 키패드를 처음부터 켤지 (on, 은행처럼) 끌지 (off)",
        )
        parser.add_argument(
            "--lesson",
            default="",
            help="수업 과정의 키 (예: first-issue, issue-and-use, safe-use, finance)",
        )
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")

    def handle(self, *args, **options):
        trainer = Customer.objects.filter(user_id=options["trainer"]).first()
        if trainer is None or not (trainer.is_trainer or trainer.is_staff):
            raise CommandError(f"강사 계정 '{options['trainer']}'이(가) 없습니다.")
        situations = _list(options["situations"])
        unknown = [s for s in situations if s not in SITUATIONS]
        if unknown or not situations:
            raise CommandError(f"알 수 없는 상황: {', '.join(unknown)} ({', '.join(SITUATIONS)})")
        scenarios = _list(options["scenarios"])
        if unknown := [s for s in scenarios if s not in SWITCHES_BY_KEY]:
            raise CommandError(f"알 수 없는 시나리오: {', '.join(unknown)}")
        lesson = None
        if options["lesson"]:
            lesson = Lesson.objects.filter(key=options["lesson"], active=True).first()
            if lesson is None:
                keys = ", ".join(Lesson.objects.filter(active=True).values_list("key", flat=True))
                raise CommandError(f"알 수 없는 수업 과정: {options['lesson']} ({keys})")
        classroom = classroom_create(
            trainer=trainer,
            name=options["name"],
            situations=situations,
            mode=options["mode"],
            scenario_defaults=scenarios,
            language=options["language"],
            keypad=options["keypad"] == "on",
            lesson=lesson,
        )
        data = classroom_json(classroom)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(f"수업 '{classroom.name}': 참여 코드 {classroom.code}")
            self.stdout.write(f"참여 주소: {data['join_url']}")
            self.stdout.write(f"강사 화면: {data['dashboard_url']}")
