"""The shipped volunteer types (onestop/volunteers/seeding.py)."""

from django.db import migrations

from onestop.volunteers.seeding import seed_types


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    seed_types(apps.get_model("volunteers", "VolunteerType"))


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
