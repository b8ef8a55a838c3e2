"""Case pages at a million cases: "my day", the filtered case list and the case page with its
timeline, timed through Django's own request handling (middleware, access helpers, templates),
with the SQL query count of each page.

Run by `make bench-cases` (bench/bench-cases.sh) on PostgreSQL:

    DATABASE_URL=postgres://.../onestop_bench_cases python bench/cases_bench.py --json OUT

The data set (built once, then reused while its row counts match; --fresh rebuilds it):

- one center, 20 teams of 10 social workers (200 workers) and 5 supervisors;
- 200,000 persons; 1,000,000 cases over three years, each with a client, an "opened" event,
  one note and one task: 2,000,000 notes and tasks together. 70 % of the cases are closed; 1 % wait
  for assignment; open cases carry open tasks due from 20 days ago to 20 days ahead, so some
  are overdue.

Rows are written with INSERT ... SELECT generate_series (minutes, not hours), the column lists
taken from the models so the SQL follows the schema. Targets (issue 5): p95 <= 100 ms per page
on PostgreSQL, and a query count that does not grow with the data (the ordinary tests compare
counts at two sizes; here the count at a million is printed next to the count on a tiny center).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
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

from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from onestop.accounts import services as accounts  # noqa: E402
from onestop.accounts.models import User  # noqa: E402
from onestop.cases.models import Case, CaseClient, CaseEvent, Note, Task  # noqa: E402
from onestop.centers import services as centers  # noqa: E402
from onestop.centers.models import Center  # noqa: E402
from onestop.persons.models import Person  # noqa: E402

CASES = int(os.environ.get("BENCH_CASES", "1000000"))
PERSONS = CASES // 5
WORKERS = 200
TEAMS = 20
REQUESTS = 200  # per page
TARGET_MS = 100.0
CATEGORIES = ["ELD.ALONE", "ELD.BEDRIDDEN", "HML.STREET", "VIO.DV", "CHY.CARE", "DIS.CARE", "DRG"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def insert_select(model: type[models.Model], exprs: dict[str, str], source: str) -> None:
    """INSERT INTO model (every concrete column but the id) SELECT exprs FROM source."""
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    missing = set(columns) - set(exprs)
    if missing:
        raise SystemExit(f"{model.__name__}: no expression for {sorted(missing)}")
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608 - bench SQL from model metadata
        f"SELECT {', '.join(exprs[c] for c in columns)} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)


def build(center: Center) -> None:
    started = time.perf_counter()
    sup_team = centers.team_create(actor=None, center=center, name="หัวหน้างาน")
    teams = [
        centers.team_create(actor=None, center=center, name=f"ทีม {i + 1}") for i in range(TEAMS)
    ]
    for i in range(5):
        accounts.user_create(
            actor=None,
            username=f"bench.sup{i}",
            password=None,
            center=center,
            roles=["supervisor"],
            team=sup_team,
            first_name="หัวหน้า",
            last_name=str(i),
        )
    for i in range(WORKERS):
        accounts.user_create(
            actor=None,
            username=f"bench.sw{i}",
            password=None,
            center=center,
            roles=["social_worker"],
            team=teams[i % TEAMS],
            first_name="นักสังคม",
            last_name=str(i),
        )
    print(f"  staff: {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_workers")
        cursor.execute(
            "CREATE TEMP TABLE bench_workers AS SELECT row_number() OVER (ORDER BY id) - 1 AS idx,"
            " id, team_id FROM accounts_user WHERE username LIKE 'bench.sw%%'"
        )
        cursor.execute("CREATE UNIQUE INDEX ON bench_workers (idx)")
    cats = "ARRAY[" + ",".join(f"'{c}'" for c in CATEGORIES) + "]"
    insert_select(
        Person,
        {
            "created": "now()",
            "updated": "now()",
            "version": "1",
            "center_id": str(center.pk),
            "code": "'P-B' || lpad(g::text, 7, '0')",
            "external_id": "''",
            "prefix": "''",
            "given_name": "'ผู้รับบริการ' || g",
            "middle_name": "''",
            "family_name": "'ทดสอบ'",
            "nickname": "''",
            "name_en": "''",
            "sex": "'F'",
            "gender_identity": "''",
            "birth_date": "date '1950-01-01' + (g % 20000)",
            "birth_precision": "'day'",
            "age_estimate": "NULL",
            "age_estimated_on": "NULL",
            "nationality": "'TH'",
            "citizenship_status": "'thai'",
            "national_id": "''",
            "languages": "'[]'::jsonb",
            "interpreter_needed": "false",
            "registered_address": "''",
            "registered_subdistrict_id": "NULL",
            "current_address": "''",
            "current_subdistrict_id": "NULL",
            "no_fixed_address": "false",
            "place_description": "''",
            "lat": "NULL",
            "lng": "NULL",
            "has_disability": "false",
            "disability_type": "''",
            "disability_card": "false",
            "identifying_marks": "''",
            "search_text": "'ผู้รับบริการ' || g || ' ทดสอบ'",
            "given_skel": "''",
            "family_skel": "''",
            "given_udom": "''",
            "family_udom": "''",
            "given_meta": "''",
            "given_lk": "''",
            "nickname_skel": "''",
            "merged_into_id": "NULL",
            "linked_from_id": "NULL",
            "is_active": "true",
            "created_by_id": "NULL",
            "duplicate_override_reason": "''",
        },
        f"generate_series(1, {PERSONS}) g",
    )
    print(f"  persons: {time.perf_counter() - started:.0f} s", flush=True)
    # g: 1 = oldest case. 70 % closed, 1 % awaiting assignment (no worker), the rest spread over
    # the open statuses; opened over three years.
    status = (
        "CASE WHEN g % 100 = 0 THEN 'awaiting_assignment' WHEN g % 10 < 7 THEN 'closed' "
        "ELSE (ARRAY['under_assessment','referred','help_reported','help_completed'])[1 + g % 4] END"
    )
    insert_select(
        Case,
        {
            "created": "now()",
            "updated": "now()",
            "version": "1",
            "center_id": str(center.pk),
            "number": "'BN-' || lpad(g::text, 7, '0')",
            "title": "'เคสทดสอบที่ ' || g",
            "summary": "'ผู้สูงอายุอยู่ลำพัง ต้องการผู้ดูแลและเบี้ยยังชีพ'",
            "category_id": f"({cats})[1 + g % {len(CATEGORIES)}]",
            "urgency": "(ARRAY['normal','normal','urgent','most_urgent'])[1 + g % 4]",
            "risk_flags": "'[]'::jsonb",
            "target_group": "'adult'",
            "status": status,
            "opened_at": f"now() - (({CASES} - g) * interval '95 seconds')",
            "opened_by_id": "w.id",
            "worker_id": "CASE WHEN g % 100 = 0 THEN NULL ELSE w.id END",
            "team_id": "CASE WHEN g % 100 = 0 THEN NULL ELSE w.team_id END",
            "assigned_at": f"now() - (({CASES} - g) * interval '95 seconds')",
            "assignment_due": f"now() - (({CASES} - g) * interval '95 seconds') + interval '1 day'",
            "escalated_at": "NULL",
            "closed_at": f"CASE WHEN g % 10 < 7 AND g % 100 <> 0 THEN now() - (({CASES} - g) * interval '60 seconds') END",
            "closure_summary": "''",
            "next_task_due": "NULL",
        },
        # g / 10: each worker gets every status (g % 10 decides the status).
        f"generate_series(1, {CASES}) g JOIN bench_workers w ON w.idx = (g / 10) % {WORKERS}",
    )
    print(f"  cases: {time.perf_counter() - started:.0f} s", flush=True)
    first_person = (
        Person.objects.filter(center=center).order_by("pk").values_list("pk", flat=True)[0]
    )
    source = f"cases_case c WHERE c.center_id = {center.pk}"
    insert_select(
        CaseClient,
        {
            "created": "c.opened_at",
            "updated": "c.opened_at",
            "version": "1",
            "case_id": "c.id",
            "person_id": f"{first_person} + (c.id % {PERSONS})",
            "role": "'client'",
            "safe_phone_id": "NULL",
            "line_safe": "false",
            "visit_safe": "true",
            "safe_times": "''",
            "do_not_contact": "false",
            "safety_note": "''",
        },
        source,
    )
    insert_select(
        CaseEvent,
        {
            "case_id": "c.id",
            "kind": "'opened'",
            "at": "c.opened_at",
            "actor_id": "c.opened_by_id",
            "from_status": "''",
            "to_status": "'awaiting_assignment'",
            "reason": "''",
            "worker_id": "NULL",
        },
        source,
    )
    insert_select(
        Note,
        {
            "created": "c.opened_at + interval '2 hours'",
            "updated": "c.opened_at + interval '2 hours'",
            "version": "1",
            "case_id": "c.id",
            "kind": "'home_visit'",
            "text": "'เยี่ยมบ้าน ผู้รับบริการอยู่ลำพัง บ้านสะอาด ต้องการผู้ดูแลช่วงกลางวัน'",
            "confidential": "c.id % 5 = 0",
            "happened_on": "(c.opened_at)::date",
            "author_id": "c.opened_by_id",
        },
        source,
    )
    insert_select(
        Task,
        {
            "created": "c.opened_at",
            "updated": "c.opened_at",
            "version": "1",
            "case_id": "c.id",
            "kind": "'follow_up'",
            "title": "'โทรติดตามผล'",
            # Open cases: due from 20 days ago to 20 days ahead (some overdue); closed: done.
            "due": "CASE WHEN c.status = 'closed' THEN (c.opened_at)::date + 7 "
            "ELSE current_date + (c.id % 41)::int - 20 END",
            "owner_id": "c.opened_by_id",
            "client_id": "NULL",
            "status": "CASE WHEN c.status = 'closed' THEN 'done' ELSE 'open' END",
            "done_at": "CASE WHEN c.status = 'closed' THEN c.closed_at END",
            "created_by_id": "c.opened_by_id",
        },
        source,
    )
    print(f"  clients, events, notes, tasks: {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        # What the task services keep up to date on every write.
        cursor.execute(
            "UPDATE cases_case c SET next_task_due = t.due FROM cases_task t "
            "WHERE t.case_id = c.id AND t.status = 'open'"
        )
        cursor.execute("ANALYZE")
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def ready(center: Center | None) -> bool:
    return (
        center is not None
        and Case.objects.filter(center=center).count() == CASES
        and Task.objects.filter(case__center=center).count() == CASES
    )


def time_page(client: Client, urls: list[str]) -> dict[str, Any]:
    for url in urls[:5]:  # warm: templates, translations, the session
        client.get(url)
    times: list[float] = []
    queries: set[int] = set()
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        queries.add(len(ctx.captured_queries))
    return {"times": times, "queries": sorted(queries)}


def summary(figures: list[dict[str, Any]]) -> dict[str, Any]:
    times = [t for f in figures for t in f["times"]]
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(pct(times, 0.95), 1),
        "queries": sorted({q for f in figures for q in f["queries"]}),
        "requests": len(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    rng = random.Random(2569)
    with scopes_disabled():
        center = Center.objects.filter(code="BN").first()
        if args.fresh or not ready(center):
            if center is not None:
                raise SystemExit("the bench database holds a partial data set: recreate it")
            print(f"building {CASES:,} cases ...", flush=True)
            center = Center.objects.create(code="BN", name_th="ศูนย์ทดสอบสมรรถนะ")
            build(center)
        assert center is not None
        workers = list(User.objects.filter(username__startswith="bench.sw").order_by("pk"))
        supervisor = User.objects.get(username="bench.sup0")
        open_numbers = list(
            Case.objects.filter(center=center, worker__in=workers[:20])
            .exclude(status="closed")
            .values_list("number", "worker_id")[:5000]
        )
    by_id = {w.pk: w for w in workers}
    results: dict[str, Any] = {"cases": CASES, "notes_and_tasks": 2 * CASES, "workers": WORKERS}
    pages: dict[str, Any] = {}

    # My day: a different worker each time (their cases, tasks and, for supervisors, approvals).
    figures = []
    for w in rng.sample(workers, 20):
        client = Client()
        client.force_login(w)
        figures.append(time_page(client, ["/cases/my-day/"] * (REQUESTS // 20)))
    pages["my day"] = summary(figures)

    # The case list with filters, as a worker and as a supervisor (who sees every case).
    filters = [
        "/cases/",
        "/cases/?status=under_assessment",
        "/cases/?category=ELD",
        "/cases/?overdue=on",
        "/cases/?status=referred&category=VIO&overdue=on",
        "/cases/?status=all&page=3",
    ]
    for label, user in (("case list (worker)", workers[3]), ("case list (supervisor)", supervisor)):
        client = Client()
        client.force_login(user)
        pages[label] = summary(
            [time_page(client, [filters[i % len(filters)] for i in range(REQUESTS)])]
        )

    # The case page with its timeline: the worker's own cases, drawn at random.
    figures = []
    sample = rng.sample(open_numbers, min(REQUESTS, len(open_numbers)))
    for number, worker_id in sample:
        client = Client()
        client.force_login(by_id[worker_id])
        figures.append(time_page(client, [f"/cases/{number}/"] * 1))
    pages["case page with timeline"] = summary(figures)

    results["pages"] = pages
    results["target_p95_ms"] = TARGET_MS
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\n{CASES:,} cases, {2 * CASES:,} notes and tasks, {WORKERS} workers (PostgreSQL)")
    print(
        f"{'page':<28}{'p50 ms':>9}{'p95 ms':>9}{'queries':>10}   target p95 <= {TARGET_MS:.0f} ms"
    )
    for label, f in pages.items():
        verdict = "met" if f["p95_ms"] <= TARGET_MS else "MISSED"
        q = "/".join(str(x) for x in f["queries"])
        print(f"{label:<28}{f['p50_ms']:>9}{f['p95_ms']:>9}{q:>10}   {verdict}")


if __name__ == "__main__":
    main()
