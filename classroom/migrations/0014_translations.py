"""Hints and 골든벨 questions in English, Vietnamese and Chinese (issue #26): a
``translations`` field, filled from hint_translations.json (by the hint's Korean) and
quiz_questions.json (by the question's Korean), where a row has none yet. The class's
language offers the four languages."""

import json
from pathlib import Path

from django.db import migrations, models

HERE = Path(__file__).resolve().parent.parent


def load(apps, schema_editor):
    hints = json.loads((HERE / "hint_translations.json").read_text(encoding="utf-8"))
    for korean, translations in hints.items():
        apps.get_model("classroom", "Hint").objects.filter(text=korean, translations={}).update(
            translations=translations
        )
    questions = json.loads((HERE / "quiz_questions.json").read_text(encoding="utf-8"))
    Question = apps.get_model("classroom", "Question")
    for data in questions:
        Question.objects.filter(text=data["text"], translations={}).update(
            translations=data.get("translations", {})
        )


class Migration(migrations.Migration):

    dependencies = [
        ('classroom', '0013_helpers'),
    ]

    operations = [
        migrations.AddField(
            model_name='hint',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='언어별 번역: {"en": {"text": "…"}, …}', verbose_name='번역'),
        ),
        migrations.AddField(
            model_name='question',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='언어별 번역: {"en": {"choices": […], "explanation": "…"}, "vi": {"text": "…", "choices": […], "explanation": "…"}, "zh-hans": {…}}', verbose_name='번역'),
        ),
        migrations.AlterField(
            model_name='classroom',
            name='language',
            field=models.CharField(choices=[('ko', '한국어'), ('en', 'English'), ('vi', 'Tiếng Việt'), ('zh-hans', '中文')], default='ko', help_text='언어를 고르지 않은 학습자에게 처음 보이는 언어입니다. 학습자는 바꿀 수 있습니다.', max_length=8, verbose_name='학습자 화면의 기본 언어'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
