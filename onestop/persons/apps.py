from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_sqlite_search_index(using: str = "default", **kwargs: Any) -> None:
    """On SQLite, altering persons_person in a migration rebuilds the table, and the FTS5
    triggers of migration 0002 go with it: new and edited persons would silently drop out of
    search. After every migrate, put the triggers back and, if they were missing, rebuild the
    index from the table."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from onestop.persons import search_sql

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'persons_person_fts'"
        )
        if cursor.fetchone() is None:
            return  # not migrated this far
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'persons_person_fts_%'"
        )
        if cursor.fetchone()[0] == len(search_sql.SQLITE_TRIGGERS):
            return
        for sql in search_sql.SQLITE_TRIGGERS:
            cursor.execute(sql)
        cursor.execute("INSERT INTO persons_person_fts(persons_person_fts) VALUES ('rebuild')")


class PersonsConfig(AppConfig):
    name = "onestop.persons"
    label = "persons"
    verbose_name = _("Persons registry")

    def ready(self) -> None:
        post_migrate.connect(ensure_sqlite_search_index, sender=self)
