"""python manage.py generate_demo_population --persons N [--seed S] [--duplicates F] [--csv FILE]"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from onestop.geo.models import subdistrict_codes
from onestop.persons.generator import Generator
from onestop.persons.importer import (
    COLUMNS,
    ImportFileError,
    ImportStats,
    analyze,
    center_for_import,
    import_rows,
)
from onestop.persons.models import Household, HouseholdMembership, Person, Relationship

# Sub-districts of Pathum Thani (13), where the first center is, get most of the population.
HOME_PROVINCE = "13"


class Command(BaseCommand):
    help = "Write realistic synthetic Thai persons and households (seeded, reproducible)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2568)
        parser.add_argument(
            "--duplicates",
            type=float,
            default=0.0,
            help="chance that a person is also entered a second time, with variations (0-0.5)",
        )
        parser.add_argument("--center", help="center code (default: the only center)")
        parser.add_argument("--csv", type=Path, help="write an import_persons CSV instead")

    def handle(self, *args: Any, **options: Any) -> None:
        n, dup = options["persons"], options["duplicates"]
        if n < 1 or not 0 <= dup <= 0.5:
            raise CommandError("--persons must be ≥ 1 and --duplicates between 0 and 0.5")
        codes = sorted(subdistrict_codes())
        if not codes:
            raise CommandError("No sub-districts: run migrate first.")
        home = [c for c in codes if c.startswith(HOME_PROVINCE)]
        weighted = home * max(1, len(codes) // max(1, len(home)) // 4) + codes
        gen = Generator(options["seed"], weighted, timezone.localdate())
        rows = gen.rows(n, dup)
        if options["csv"]:
            with options["csv"].open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(COLUMNS)
                count = 0
                for row in rows:
                    writer.writerow(row.csv())
                    count += 1
            self.stdout.write(f"{count:,} rows written to {options['csv']}")
            return
        with scopes_disabled():
            try:
                center = center_for_import(options["center"])
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc
            households: dict[str, list[tuple[str, str]]] = {}

            def stream() -> Any:
                for i, row in enumerate(rows, start=2):
                    if row.household:
                        households.setdefault(row.household, []).append((row.external_id, row.role))
                    yield i, row.as_dict()

            def progress(stats: ImportStats) -> None:
                sys.stderr.write(f"\r{stats.created:,} persons ({stats.rate:,.0f}/s)")

            stats = import_rows(stream(), center=center, progress=progress)
            sys.stderr.write("\n")
            made = self._households(center, households)
            analyze()
        self.stdout.write(
            f"{stats.created:,} persons ({stats.already:,} already there, {stats.errors:,} "
            f"rejected) and {made:,} households in center {center.code}"
        )

    def _households(self, center: Any, households: dict[str, list[tuple[str, str]]]) -> int:
        made = 0
        items = list(households.items())
        for start in range(0, len(items), 2000):
            chunk = items[start : start + 2000]
            ext_ids = [e for _, members in chunk for e, _r in members]
            ids = dict(
                Person.objects.filter(center=center, external_id__in=ext_ids).values_list(
                    "external_id", "id"
                )
            )
            # A second run with the same seed finds its persons already housed: skip those.
            housed = set(
                HouseholdMembership.objects.filter(person_id__in=ids.values()).values_list(
                    "person_id", flat=True
                )
            )
            todo = [
                (key, members)
                for key, members in chunk
                if not any(ids.get(e) in housed for e, _r in members)
            ]
            with transaction.atomic():
                created = Household.objects.bulk_create(
                    [Household(center=center, name=f"ครัวเรือน {key}") for key, _m in todo]
                )
                memberships, links = [], []
                for household, (_key, members) in zip(created, todo, strict=True):
                    roles = [(ids[e], r) for e, r in members if e in ids]
                    for pid, role in roles:
                        memberships.append(
                            HouseholdMembership(household=household, person_id=pid, role=role)
                        )
                    parents = [pid for pid, r in roles if r in ("head", "spouse")]
                    if len(parents) == 2:
                        links.append(
                            Relationship(
                                from_person_id=parents[0], to_person_id=parents[1], kind="spouse"
                            )
                        )
                    for pid, role in roles:
                        if role == "child":
                            links.extend(
                                Relationship(from_person_id=p, to_person_id=pid, kind="parent")
                                for p in parents
                            )
                HouseholdMembership.objects.bulk_create(memberships)
                Relationship.objects.bulk_create(links, ignore_conflicts=True)
                made += len(created)
        return made
