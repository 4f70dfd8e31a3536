"""The seeded tasks and lessons (lessons/seed.py); admins edit the rows afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from lessons import seed

    seed.load(
        apps.get_model("lessons", "Task"),
        apps.get_model("lessons", "Lesson"),
        apps.get_model("lessons", "LessonTask"),
    )


def unload(apps, schema_editor):
    from lessons.seed import LESSONS, TASKS

    apps.get_model("lessons", "Lesson").objects.filter(key__in=[d["key"] for d in LESSONS]).delete()
    apps.get_model("lessons", "Task").objects.filter(key__in=[d["key"] for d in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
