"""The shipped outcome instrument (onestop/outcomes/seeding.py)."""

from django.db import migrations

from onestop.outcomes.seeding import seed_domains


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    seed_domains(apps.get_model("outcomes", "Domain"))


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
