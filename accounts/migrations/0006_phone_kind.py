"""A phone's label is a kind (mobile, home, work) stored as a key and shown in the page's
language (휴대전화, 자택, 직장). Before, the default was saved already translated, in
whatever language was active when the persona was made ("Mobile phone (휴대전화)"):
every label so far was that default, so every one becomes "mobile"."""

from django.db import migrations, models


def to_kinds(apps, schema_editor):
    RegisteredPhone = apps.get_model("accounts", "RegisteredPhone")
    RegisteredPhone.objects.update(label="mobile")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_phone_label_longer"),
    ]

    operations = [
        migrations.RunPython(to_kinds, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registeredphone",
            name="label",
            field=models.CharField(
                choices=[("mobile", "휴대전화"), ("home", "자택"), ("work", "직장")],
                default="mobile",
                max_length=10,
                verbose_name="구분",
            ),
        ),
    ]
