"""Trigram search over persons_person.search_text, one index per database engine.

PostgreSQL: pg_trgm and a GIN index, which serves ``LIKE '%...%'``. pg_trgm needs a database
whose LC_CTYPE is not "C" (stack-notes.md): with "C", Thai letters make no trigrams and every
search silently becomes a sequential scan; `manage.py check` warns about it (persons.W001).

SQLite: an FTS5 table with the trigram tokenizer over the same column, as external content kept
in sync by triggers, so the ORM writes persons_person as usual.
"""

from django.db import migrations

from onestop.persons import search_sql

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS persons_person_search_trgm "
    "ON persons_person USING gin (search_text gin_trgm_ops)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS persons_person_search_trgm"]

SQLITE_FORWARD = [search_sql.SQLITE_TABLE, *search_sql.SQLITE_TRIGGERS]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS persons_person_fts_au",
    "DROP TRIGGER IF EXISTS persons_person_fts_ad",
    "DROP TRIGGER IF EXISTS persons_person_fts_ai",
    "DROP TABLE IF EXISTS persons_person_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("persons", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
