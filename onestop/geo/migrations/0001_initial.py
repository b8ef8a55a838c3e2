import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Province",
            fields=[
                ("code", models.CharField(max_length=6, primary_key=True, serialize=False, verbose_name="code")),
                ("name_th", models.CharField(max_length=100, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=100, verbose_name="name (English)")),
            ],
            options={"verbose_name": "province", "verbose_name_plural": "provinces", "ordering": ["name_th"], "abstract": False},
        ),
        migrations.CreateModel(
            name="District",
            fields=[
                ("code", models.CharField(max_length=6, primary_key=True, serialize=False, verbose_name="code")),
                ("name_th", models.CharField(max_length=100, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=100, verbose_name="name (English)")),
                ("province", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="districts", to="geo.province")),
            ],
            options={"verbose_name": "district", "verbose_name_plural": "districts", "ordering": ["name_th"], "abstract": False},
        ),
        migrations.CreateModel(
            name="Subdistrict",
            fields=[
                ("code", models.CharField(max_length=6, primary_key=True, serialize=False, verbose_name="code")),
                ("name_th", models.CharField(max_length=100, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=100, verbose_name="name (English)")),
                ("postcodes", models.CharField(blank=True, max_length=30, verbose_name="postcodes")),
                ("district", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="subdistricts", to="geo.district")),
            ],
            options={"verbose_name": "sub-district", "verbose_name_plural": "sub-districts", "ordering": ["name_th"], "abstract": False},
        ),
    ]
