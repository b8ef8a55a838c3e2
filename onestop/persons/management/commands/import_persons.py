"""python manage.py import_persons FILE.csv [--center CODE] [--report FILE]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from onestop.persons.importer import (
    COLUMNS,
    ImportFileError,
    ImportStats,
    center_for_import,
    import_file,
)


class Command(BaseCommand):
    help = (
        "Import persons from a UTF-8 CSV with the header "
        + ",".join(COLUMNS)
        + ". Bad rows are skipped and listed in a report; importing the same file again creates "
        "nothing new (external_id is kept)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--center", help="center code; created if it does not exist yet")
        parser.add_argument(
            "--report", type=Path, help="where to write rejected rows (default FILE.errors.csv)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = options["report"] or path.with_suffix(".errors.csv")
        err = self.stderr

        def progress(stats: ImportStats) -> None:
            err.write(
                f"\r{stats.rows:,} rows: {stats.created:,} created, {stats.already:,} already "
                f"imported, {stats.errors:,} rejected ({stats.rate:,.0f} rows/s)",
                ending="",
            )
            sys.stderr.flush()

        with scopes_disabled():
            try:
                center = center_for_import(options["center"])
                stats = import_file(path, center=center, report_path=report, progress=progress)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc
        err.write("")
        self.stdout.write(
            f"{stats.rows:,} rows in {stats.seconds:.1f} s ({stats.rate:,.0f} rows/s): "
            f"{stats.created:,} created, {stats.already:,} already imported, "
            f"{stats.errors:,} rejected into {report} (center {center.code})"
        )
        for reason, n in sorted(stats.reasons.items(), key=lambda kv: -kv[1])[:10]:
            self.stdout.write(f"  {n:,} × {reason}")
