from django.db import migrations


def load(apps, schema_editor):
    from onestop.welfare.services import load_shipped

    load_shipped(apps.get_model("welfare", "Benefit"), apps.get_model("welfare", "RuleVersion"))


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
