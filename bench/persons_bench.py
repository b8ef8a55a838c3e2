"""The persons registry at a million: search, incremental and full-pass duplicate detection.

Run by `make bench-persons` (bench/bench-persons.sh) once per database, against a registry
imported from `generate_demo_population --persons 1000000 --duplicates 0.02`. Writes one JSON
file of figures; bench-persons.sh prints the two databases side by side.

    DATABASE_URL=... python bench/persons_bench.py --center BENCH --persons-csv FILE --json OUT

Queries are drawn from the registry itself (seeded), so every query has an answer:

- "3 chars" and "6 chars": a fragment of a real given name, from its start;
- "full name": given and family name, in the stored order;
- "ID": a 13-digit national ID written with dashes;
- "phone": a mobile number written as people do (081 234 5678).

Each is timed through `persons.search.search` (what the page and the API call, ranking
included) and against a sequential scan of the same text with LIKE (ILIKE on PostgreSQL) and
LIMIT 50, which is what a registry without the trigram index and the key columns does.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from onestop.centers.models import Center  # noqa: E402
from onestop.persons.models import Person, PersonPhone  # noqa: E402
from onestop.persons.search import search  # noqa: E402
from onestop.persons.services import find_candidates  # noqa: E402

SEARCHES = 200  # per kind
SCANS = 15  # per kind: a scan of a million rows takes long enough that a few tell the story


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(pct(values, 0.95) * 1000, 2),
        "n": len(values),
    }


def sample_queries(center: Center, rng: random.Random) -> dict[str, list[str]]:
    ids = list(
        Person.objects.filter(center=center, is_active=True).values_list("pk", flat=True)[
            :1_000_000
        ]
    )
    picked = rng.sample(ids, 3000)
    people = list(
        Person.objects.filter(pk__in=picked).values_list("given_name", "family_name", "national_id")
    )
    rng.shuffle(people)
    with_family = [p for p in people if p[1] and len(p[0]) >= 6]
    with_id = [p[2] for p in people if p[2]]
    phones = list(
        PersonPhone.objects.filter(person_id__in=picked).values_list("number", flat=True)[:500]
    )

    def local(e164: str) -> str:
        n = "0" + e164[3:]
        return f"{n[:3]} {n[3:6]} {n[6:]}"

    return {
        "3 chars": [p[0][:3] for p in people[:SEARCHES]],
        "6 chars": [p[0][:6] for p in with_family[:SEARCHES]],
        "full name": [f"{p[0]} {p[1]}" for p in with_family[:SEARCHES]],
        "ID": [f"{i[0]}-{i[1:5]}-{i[5:10]}-{i[10:12]}-{i[12]}" for i in with_id[:SEARCHES]],
        "phone": [local(x) for x in phones[:SEARCHES]],
    }


def scan_sql() -> tuple[str, str]:
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    concat = "given_name || ' ' || family_name || ' ' || nickname || ' ' || national_id"
    person = f"SELECT id FROM persons_person WHERE center_id = %s AND ({concat}) {like} %s LIMIT 50"  # noqa: S608
    phone = f"SELECT person_id FROM persons_personphone WHERE number {like} %s LIMIT 50"  # noqa: S608
    return person, phone


def time_searches(center: Center, queries: dict[str, list[str]]) -> dict[str, Any]:
    qs = Person.objects.filter(center=center, is_active=True)
    person_sql, phone_sql = scan_sql()
    out: dict[str, Any] = {}
    for kind, items in queries.items():
        found, times = 0, []
        for q in items[:3]:  # warm the caches and the plan
            search(qs, q)
        for q in items:
            t = time.perf_counter()
            result = search(qs, q)
            times.append(time.perf_counter() - t)
            found += bool(result.hits)
        scans = []
        with connection.cursor() as cursor:
            for q in items[:SCANS]:
                t = time.perf_counter()
                if kind == "phone":
                    digits = q.replace(" ", "")[1:]
                    cursor.execute(phone_sql, [f"%{digits}%"])
                else:
                    text = q.replace("-", "") if kind == "ID" else q
                    cursor.execute(person_sql, [center.pk, f"%{text}%"])
                cursor.fetchall()
                scans.append(time.perf_counter() - t)
        s, b = summary(times), summary(scans)
        out[kind] = {
            "search": s,
            "scan": b,
            "found": f"{found}/{len(items)}",
            "speedup_p50": round(b["p50_ms"] / s["p50_ms"], 1) if s["p50_ms"] else None,
        }
        print(
            f"  {kind:10} search p50 {s['p50_ms']:7.2f} ms p95 {s['p95_ms']:7.2f} ms | scan p50 {b['p50_ms']:8.1f} ms | ×{out[kind]['speedup_p50']}",
            flush=True,
        )
    return out


def time_incremental(center: Center, rng: random.Random) -> dict[str, float]:
    ids = list(Person.objects.filter(center=center).values_list("pk", flat=True)[:1_000_000])
    times = []
    for pk in rng.sample(ids, 200):
        person = Person.objects.get(pk=pk)
        t = time.perf_counter()
        find_candidates(person)
        times.append(time.perf_counter() - t)
    return summary(times)


def full_pass(center: Center, out_csv: Path, persons_csv: Path) -> dict[str, Any]:
    t = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "find_duplicates",
            "--center",
            center.code,
            "--output",
            str(out_csv),
            "--no-queue",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.path.insert(0, str(ROOT / "bench"))
    from pr import score

    precision, recall, hits, found, true = score(str(out_csv), str(persons_csv))
    return {
        "seconds": round(seconds, 1),
        "peak_mib": round(peak),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "pairs_found": found,
        "pairs_true": true,
        "hits": hits,
        "log": proc.stdout.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--center", required=True)
    parser.add_argument("--persons-csv", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--import-seconds", type=float, default=0.0)
    args = parser.parse_args()
    rng = random.Random(2568)  # a reproducible sample, not a secret
    with scopes_disabled():
        center = Center.objects.get(code=args.center)
        count = Person.objects.filter(center=center).count()
        print(f"{connection.vendor}: {count:,} persons", flush=True)
        queries = sample_queries(center, rng)
        searches = time_searches(center, queries)
        incremental = time_incremental(center, rng)
        print(
            f"  incremental duplicate check p50 {incremental['p50_ms']} ms p95 {incremental['p95_ms']} ms",
            flush=True,
        )
    dup = full_pass(center, args.json.with_suffix(".pairs.csv"), args.persons_csv)
    print(
        f"  full pass {dup['seconds']} s, peak {dup['peak_mib']} MiB, precision {dup['precision']} recall {dup['recall']}",
        flush=True,
    )
    result = {
        "database": connection.vendor,
        "persons": count,
        "import_seconds": args.import_seconds,
        "search": searches,
        "incremental": incremental,
        "full_pass": dup,
    }
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
