"""Welfare screening speed (issue 7): single-screen latency in-process, and batch throughput of
the engine alone over generated persons with their facts already in memory, on one core.

    make bench-eligibility            (BENCH_N persons, default 1,000,000)

Targets: p95 <= 5 ms for one screen; >= 5,000 persons/s for the batch. Loading persons from
the database into facts is timed separately (the demo center, or BENCH_CENTER)."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import django  # noqa: E402

django.setup()

from django_scopes import scopes_disabled  # noqa: E402

from onestop.persons.models import Person  # noqa: E402
from onestop.thai.dates import PartialDate  # noqa: E402
from onestop.welfare import engine  # noqa: E402
from onestop.welfare.facts import Child, Facts  # noqa: E402

AS_OF = dt.date(2026, 11, 30)
N = int(os.environ.get("BENCH_N", "1000000"))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def person(rng: random.Random) -> Facts:
    year = rng.randint(1925, 2024)
    birth = (
        PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.8
        else PartialDate(year)
    )
    kids = None
    if rng.random() < 0.3:
        kids = [
            Child(PartialDate(rng.randint(2016, 2026), rng.randint(1, 12), 1), "TH", False)
            for _ in range(rng.randint(1, 3))
        ]
    return Facts(
        birth=birth,
        nationality=rng.choice(["TH"] * 9 + ["MM"]),
        registered_subdistrict=rng.choice(["130201", None]),
        receives_pension=rng.choice([False, False, True, None]),
        has_disability_card=rng.choice([False] * 9 + [True]),
        holds_state_welfare_card=rng.choice([True, False]),
        annual_income=rng.choice([None, rng.randint(0, 300_000)]),
        household_size=rng.randint(1, 6),
        household_income=rng.randint(0, 600_000),
        in_hardship=rng.choice([None, False, True]),
        children=kids,
    )


def main() -> None:
    rng = random.Random(2569)
    rules = engine.rules_in_force(AS_OF)
    print(
        f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; {len(rules)} benefits in force on {AS_OF}"
    )
    single = []
    for _ in range(2000):
        facts = person(rng)
        start = time.perf_counter()
        engine.screen(facts.resolve(AS_OF), AS_OF, rules)
        single.append((time.perf_counter() - start) * 1000)
    p95 = pct(single, 0.95)
    print(
        f"single screen: p50 {statistics.median(single):.3f} ms, p95 {p95:.3f} ms (target <= 5 ms): {'met' if p95 <= 5 else 'MISSED'}"
    )

    chunk = 100_000
    screened = 0
    engine_seconds = 0.0
    while screened < N:
        batch = [person(rng) for _ in range(min(chunk, N - screened))]  # facts in memory first
        start = time.perf_counter()
        for facts in batch:
            engine.screen(facts.resolve(AS_OF), AS_OF, rules)
        engine_seconds += time.perf_counter() - start
        screened += len(batch)
    rate = screened / engine_seconds
    print(
        f"batch: {screened:,} persons in {engine_seconds:.1f} s = {rate:,.0f} persons/s on one core (target >= 5,000): {'met' if rate >= 5000 else 'MISSED'}"
    )

    with scopes_disabled():
        start = time.perf_counter()
        loaded = [
            Facts(birth=p.partial_birth, age=p.age_estimate, nationality=p.nationality or None)
            for p in Person.objects.only(
                "birth_date", "birth_precision", "age_estimate", "nationality"
            ).iterator(chunk_size=5000)
        ]
        seconds = time.perf_counter() - start
    if loaded:
        print(
            f"database load (separate): {len(loaded):,} persons in {seconds:.2f} s = {len(loaded) / seconds:,.0f} persons/s"
        )


if __name__ == "__main__":
    main()
