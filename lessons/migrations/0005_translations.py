"""Tasks and lessons in Vietnamese and Chinese (issue #26), with the English of a task's
"why" and a lesson's summary: a ``translations`` field, filled from lessons.json."""

from django.db import migrations, models


def load(apps, schema_editor):
    from lessons import seed

    seed.translations_fill(apps.get_model("lessons", "Task"), apps.get_model("lessons", "Lesson"))


class Migration(migrations.Migration):

    dependencies = [
        ('lessons', '0004_completion_signer'),
    ]

    operations = [
        migrations.AddField(
            model_name='lesson',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='언어별 번역: {"vi": {"title": "…"}, "zh-hans": {…}} (영어 제목은 위 칸)', verbose_name='번역'),
        ),
        migrations.AddField(
            model_name='task',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='언어별 번역: {"vi": {"title": "…", "why": "…"}, "zh-hans": {…}} (영어 제목은 위 칸)', verbose_name='번역'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
