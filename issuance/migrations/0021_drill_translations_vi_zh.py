"""Drills in Vietnamese and Chinese (issue #26): the seeded rows gain the languages they
lack (issuance/drills/seed.update); an admin's own texts stay."""

from django.db import migrations


def update_seeded(apps, schema_editor):
    from issuance.drills import seed

    seed.update(apps.get_model("issuance", "Drill"))


class Migration(migrations.Migration):
    dependencies = [("issuance", "0020_flow_time_factor")]
    operations = [migrations.RunPython(update_seeded, migrations.RunPython.noop)]
