"""python manage.py backup FILE: the database and the uploaded files, encrypted with BACKUP_KEY."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.core import backup


class Command(BaseCommand):
    help = "Write an encrypted backup of the database and the uploaded files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup.backup(Path(options["file"]))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{summary.rows} rows and {summary.files} files, {summary.size} bytes, "
            f"sha256 {summary.sha256}"
        )
