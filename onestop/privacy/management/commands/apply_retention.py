"""python manage.py apply_retention [--dry-run] [--center CODE]: anonymise what is past each
center's retention schedule (nightly), and report it; the dry run only lists it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from onestop.privacy import retention


class Command(BaseCommand):
    help = "Anonymise records past their retention period (or list them with --dry-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what would go")
        parser.add_argument("--center", help="one center's code (default: every center)")

    def handle(self, *args: Any, **options: Any) -> None:
        from onestop.centers.models import Center

        with scopes_disabled():
            centers = Center.objects.all()
            if options["center"]:
                centers = centers.filter(code=options["center"])
            for center in centers:
                results = (
                    retention.due(center.pk) if options["dry_run"] else retention.apply(center.pk)
                )
                verb = "would anonymise" if options["dry_run"] else "anonymised"
                for r in results:
                    self.stdout.write(f"{center.code} {r.record}: {verb} {len(r.items)}")
                    for _pk, label in r.items[:20]:
                        self.stdout.write(f"  {label}")
                    for reason in r.kept:
                        self.stdout.write(f"  kept {reason}")
