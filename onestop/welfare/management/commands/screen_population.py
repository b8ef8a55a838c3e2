from __future__ import annotations

import csv
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scopes_disabled

from onestop.centers.models import Center
from onestop.persons.models import Person
from onestop.welfare import casework, engine
from onestop.welfare.models import BenefitApplication


class Command(BaseCommand):
    help = (
        "Screen every person of a center and list those likely eligible for a benefit with no "
        "recorded application: an outreach list for volunteers (CSV)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--center", required=True, help="center code")
        parser.add_argument("--output", type=Path, help="CSV file (default: standard output)")

    def handle(self, *args: Any, center: str, output: Any = None, **options: Any) -> None:
        output = Path(output) if output else None
        with scopes_disabled():
            found = Center.objects.filter(code__iexact=center).first()
            if found is None:
                raise CommandError(f"no center {center!r}")
            as_of = timezone.localdate()
            rules = engine.rules_in_force(as_of)
            applied = set(
                BenefitApplication.objects.filter(case__center=found).values_list(
                    "person_id", "benefit__code"
                )
            )
            started = time.perf_counter()
            screened = 0
            likely: dict[str, int] = {}
            rows = []
            people = Person.objects.filter(center=found, is_active=True).select_related(
                "registered_subdistrict"
            )
            for person in people.iterator(chunk_size=2000):
                facts = casework.facts_for(person, as_of).resolve(as_of)
                for r in engine.screen(facts, as_of, rules):
                    if r.status != engine.LIKELY:
                        continue
                    likely[r.benefit] = likely.get(r.benefit, 0) + 1
                    if (person.pk, r.benefit) not in applied:
                        rows.append([person.code, person.full_name, r.benefit, r.amount_baht or ""])
                screened += 1
        out = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
        writer = csv.writer(out)
        writer.writerow(["person_code", "name", "benefit", "amount_baht"])
        writer.writerows(rows)
        if output:
            out.close()
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{k} {v}" for k, v in sorted(likely.items())) or "none"
        self.stderr.write(
            f"screened {screened:,} persons in {seconds:.1f} s; likely eligible: {summary}; "
            f"{len(rows):,} with no recorded application"
        )
