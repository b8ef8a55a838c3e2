"""python manage.py find_duplicates --output pairs.csv [--center CODE]"""

from __future__ import annotations

import csv
import resource
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from onestop.audit.services import audit_log
from onestop.centers.models import Center
from onestop.persons import matching
from onestop.persons.services import queue_pairs


class Command(BaseCommand):
    help = (
        "Full-registry duplicate pass: block on phonetic keys, birth year, ID and phone, score "
        "each candidate pair, write the pairs judged to be one person to --output "
        "(external_id_a,external_id_b,score) and every pair worth a look to the review queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--center", help="center code (default: the only center)")
        parser.add_argument(
            "--no-queue", action="store_true", help="do not write the review queue (benchmarks)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            center = self._center(options["center"])
            started = time.monotonic()
            records = matching.load_records(center.pk)
            loaded = time.monotonic()
            result = matching.full_pass(records)
            scored = time.monotonic()
            matches = sorted(
                (p for p in result.pairs if p[2] >= matching.MATCH_THRESHOLD),
                key=lambda p: (p[0].ref, p[1].ref),
            )
            with options["output"].open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["external_id_a", "external_id_b", "score"])
                for a, b, score, _features in matches:
                    x, y = sorted((a.ref, b.ref))
                    writer.writerow([x, y, f"{score:.4f}"])
            queued = 0 if options["no_queue"] else queue_pairs(center, result.pairs, progress=True)
            audit_log(
                action="persons.duplicate.full_pass",
                center=center,
                actor_label="find_duplicates",
                data={"persons": len(records), "pairs": len(matches), "queued": queued},
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{len(records):,} persons, {result.compared:,} pairs compared "
            f"({result.skipped_blocks} oversized blocks skipped): {len(matches):,} matches "
            f"(score ≥ {matching.MATCH_THRESHOLD}) written to {options['output']}, {queued:,} "
            f"pairs in the review queue. Load {loaded - started:.1f} s, score "
            f"{scored - loaded:.1f} s, total {time.monotonic() - started:.1f} s; peak memory "
            f"{peak:,.0f} MiB"
        )

    def _center(self, code: str | None) -> Center:
        if code:
            center = Center.objects.filter(code__iexact=code.strip()).first()
            if center is None:
                raise CommandError(f"No center with the code {code}.")
            return center
        centers = list(Center.objects.filter(is_active=True)[:2])
        if len(centers) != 1:
            raise CommandError("Say which center with --center CODE.")
        return centers[0]
