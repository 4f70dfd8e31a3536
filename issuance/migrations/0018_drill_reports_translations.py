"""Drills: their texts in other languages, and where a learner reported (a real call
screen on the virtual phone); the seeded rows gain both (issuance/drills/seed.update)."""

from django.db import migrations, models


def update_seeded(apps, schema_editor):
    from issuance.drills import seed

    seed.update(apps.get_model("issuance", "Drill"))


class Migration(migrations.Migration):
    dependencies = [
        ("issuance", "0017_drills_seed"),
    ]

    operations = [
        migrations.AddField(
            model_name="drill",
            name="translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='언어별 번역: {"en": {"lines": […], "choices": […], "fell": "…", "signs": […], "todo": […], "call": "…"}}',
                verbose_name="번역",
            ),
        ),
        migrations.AddField(
            model_name="drillrun",
            name="reported_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="신고한 시각"),
        ),
        migrations.AddField(
            model_name="drillrun",
            name="reported_to",
            field=models.CharField(blank=True, max_length=8, verbose_name="신고·확인한 곳"),
        ),
        migrations.RunPython(update_seeded, migrations.RunPython.noop),
    ]
