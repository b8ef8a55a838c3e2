from django.db import migrations


def seed(apps, schema_editor):
    from onestop.intake.taxonomy import seed as seed_taxonomy

    seed_taxonomy(apps.get_model("intake", "Category"), apps.get_model("intake", "LexiconTerm"))


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
