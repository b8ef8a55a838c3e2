from django.db import migrations


def seed(apps, schema_editor):
    from onestop.geo.seeding import seed_from_geothai

    seed_from_geothai(
        apps.get_model("geo", "Province"),
        apps.get_model("geo", "District"),
        apps.get_model("geo", "Subdistrict"),
    )


class Migration(migrations.Migration):
    # Seeded in a migration so every database, the test databases included, has the addresses.
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
