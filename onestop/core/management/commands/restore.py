"""python manage.py restore FILE: replace the database and the uploaded files with a backup's.
A wrong key, a corrupted file or another schema version is refused, and nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.core import backup


class Command(BaseCommand):
    help = "Restore an encrypted backup (replaces every row and every uploaded file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"] and input("This replaces all data. Type yes: ").strip() != "yes":
            raise CommandError("not restored")
        try:
            summary = backup.restore(Path(options["file"]))
        except backup.BackupError as exc:
            raise CommandError(f"refused: {exc}; nothing was changed") from exc
        self.stdout.write(f"restored {summary.rows} rows and {summary.files} files")
