"""manage.py classroom_show CODE [--json]: the class's seats, as the dashboard shows them."""

import json

from django.core.management.base import BaseCommand, CommandError

from classroom.links import classroom_json
from classroom.models import Classroom
from classroom.selectors import dashboard_rows


class Command(BaseCommand):
    help = "수업의 자리(학습자)를 강사 화면과 같은 내용으로 출력합니다."

    def add_arguments(self, parser):
        parser.add_argument("code", help="참여 코드")
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")

    def handle(self, *args, code, **options):
        classroom = Classroom.objects.filter(code=code.upper()).first()
        if classroom is None:
            raise CommandError(f"참여 코드 {code}의 수업이 없습니다.")
        rows = dashboard_rows(classroom)
        if options["json"]:
            seats = [
                {
                    "number": row.number,
                    "display_name": row.display_name,
                    "situation": row.situation,
                    "user_id": row.user_id,
                    "step": row.step,
                    "step_label": row.step_label,
                    "seconds_on_step": row.seconds_on_step,
                    "failures": row.failures,
                    "last_message": row.last_message,
                    "stuck": row.stuck,
                    "drill": row.drill_state,
                    "drill_reported": row.drill_reported,
                    "tasks_done": row.tasks_done,
                    "tasks_total": row.tasks_total,
                    "state": row.state,
                }
                for row in rows
            ]
            data = {**classroom_json(classroom), "seats": seats}
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{classroom.name} ({classroom.code}): {len(rows)}명")
        for row in rows:
            mark = " [막힘]" if row.stuck else ""
            self.stdout.write(
                f"{row.number:>3} {row.display_name} ({row.user_id}) {row.step_label or '-'} "
                f"{row.minutes_on_step} 오류 {row.failures}{mark}"
            )
