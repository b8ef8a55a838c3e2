from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.directory import importer


class Command(BaseCommand):
    help = (
        "Load an Open Referral HSDS 3.0 JSON file (an organisation with its services, a list of "
        "them, or an HSDS page) into the services directory. Checked against the HSDS schemas "
        "first; all or nothing; loading the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        try:
            report = importer.load(importer.parse(text), source=str(file))
        except importer.ImportRefused as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{file}: nothing imported ({len(exc.problems)} problems)") from exc
        summary = ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items()))
        self.stdout.write(f"imported: {summary}")
