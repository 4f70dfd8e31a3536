"""The seeded scam drills (issuance/drills/seed.py: each cites the public warning it
follows); admins and trainers edit the rows afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from issuance.drills import seed

    seed.load(apps.get_model("issuance", "Drill"))


def unload(apps, schema_editor):
    from issuance.drills.seed import DRILLS

    apps.get_model("issuance", "Drill").objects.filter(key__in=[d["key"] for d in DRILLS]).delete()


class Migration(migrations.Migration):
    dependencies = [("issuance", "0016_drills")]
    operations = [migrations.RunPython(load, unload)]
