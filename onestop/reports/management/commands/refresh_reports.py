"""Rebuild the dashboard's figures: `--days 2` (every few minutes) or everything (nightly);
also deletes report exports past their seven days and research extracts past their project's
ethics approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from onestop.reports import facts, services
from onestop.research import services as research


class Command(BaseCommand):
    help = "Rebuild the dashboard figures (the last --days days, or all) and purge old exports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="only the last N days")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        since = timezone.localdate() - dt.timedelta(days=days) if days is not None else None
        result = facts.refresh(since=since)
        purged = services.purge_expired()
        extracts = research.purge_expired()
        self.stdout.write(
            f"{result.rows} figure rows rebuilt in {result.seconds:.1f} s; "
            f"{purged} exports and {extracts} research extracts expired"
        )
