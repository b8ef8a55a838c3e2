from django.db import migrations


def seed(apps, schema_editor):
    from onestop.intake.taxonomy import CATEGORIES, LEXICON

    Category = apps.get_model("intake", "Category")
    LexiconTerm = apps.get_model("intake", "LexiconTerm")
    for sort, (code, parent, th, en, plain, issue) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code,
            defaults={
                "parent_id": parent,
                "name_th": th,
                "name_en": en,
                "plain_th": plain,
                "hotline_issue": issue,
                "sort": sort,
            },
        )
    for term, urgency, flag, category in LEXICON:
        LexiconTerm.objects.get_or_create(
            term=term, defaults={"urgency": urgency, "flag": flag, "category_id": category}
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
