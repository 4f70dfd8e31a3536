"""A phone's label holds its name in any of the four languages ("Điện thoại di động
(휴대전화)" is 27 characters; issue #26)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_finance_certificate"),
    ]

    operations = [
        migrations.AlterField(
            model_name="registeredphone",
            name="label",
            field=models.CharField(default="휴대전화", max_length=40, verbose_name="구분"),
        ),
    ]
