"""The seeded 골든벨 questions (classroom/quiz_questions.json, from the seed document:
발급 조건, 무료·범용, 암호 규칙, 보안카드 사진, 재발급과 갱신, 금융인증서, 사기 전화)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "quiz_questions.json"


def load(apps, schema_editor):
    Question = apps.get_model("classroom", "Question")
    questions = json.loads(DATA.read_text(encoding="utf-8"))
    known = {field.name for field in Question._meta.concrete_fields}  # none added later
    for order, data in enumerate(questions, start=1):
        fields = {name: value for name, value in data.items() if name in known}
        Question.objects.update_or_create(text=data["text"], defaults={**fields, "order": order})


def unload(apps, schema_editor):
    apps.get_model("classroom", "Question").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("classroom", "0010_quiz")]
    operations = [migrations.RunPython(load, unload)]
