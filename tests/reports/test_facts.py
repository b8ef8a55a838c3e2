"""reports.facts.refresh: the facts it writes, counted against the generated records."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Sum

from onestop.reports import facts
from onestop.reports.dashboard import period_q
from onestop.reports.models import Fact
from tests.reports.conftest import Generated


def _sum(kind: str, scope: str = "t", grain: str = "d", field: str = "n", **dims: object) -> float:
    qs = Fact.objects.filter(kind=kind, scope=scope, grain=grain, **dims)
    return qs.aggregate(v=Sum(field))["v"] or 0


def test_refresh_counts_every_kind(generated: Generated) -> None:
    facts.refresh()
    g = generated
    for grain in ("d", "m"):
        for scope in ("t", "a"):
            assert _sum("request", scope, grain) == len(g.requests)
            assert _sum("case", scope, grain) == len(g.cases)
    for (ch, district), n in Counter((r["channel"], r["district"]) for r in g.requests).items():
        assert _sum("request", "a", channel=ch, district=district) == n
    for (cat, tg), n in Counter((r["category"], r["target_group"]) for r in g.requests).items():
        assert _sum("req_group", "t", "m", category=cat, target_group=tg) == n
    for (cat, disabled, district), n in Counter(
        (c["category"], c["disabled"], c["district"]) for c in g.cases
    ).items():
        assert _sum("case", "a", category=cat, disabled=disabled, district=district) == n
    for (cat, team), n in Counter((c["category"], c["team"]) for c in g.cases).items():
        assert _sum("case", "t", "m", category=cat, team_id=team) == n
    assert _sum("case", "a", province="13") == sum(1 for c in g.cases if c["district"] == "1302")
    assert _sum("open") == sum(1 for c in g.cases if c["status"] != "closed")
    assert _sum("overdue") == len(g.overdue_tasks)
    assert _sum("ref_sent") == len(g.referrals)
    accepted = [r for r in g.referrals if r["status"] in ("accepted", "completed")]
    assert _sum("ref_accepted") == len(accepted)
    waited = sum((r["answered"] - r["sent"]).total_seconds() for r in accepted)
    assert abs(_sum("ref_accepted", field="total") - waited) < 1
    assert abs(_sum("ref_accepted", "t", "m", field="total") - waited) < 1
    assert _sum("ref_done") == sum(1 for r in g.referrals if r["status"] == "completed")
    assert _sum("welfare") == len(g.applications)
    approved = [h for h in g.hours if h["status"] == "approved"]
    assert abs(_sum("hours", field="total") - sum(h["hours"] for h in approved)) < 0.01


def test_a_partial_refresh_rewrites_only_the_recent_days(generated: Generated) -> None:
    facts.refresh()
    facts.refresh(since=generated.today)
    for grain in ("d", "m"):
        assert _sum("case", "t", grain) == len(generated.cases)  # nothing doubled or lost
        assert _sum("request", "a", grain) == len(generated.requests)


def test_a_period_reads_whole_months_and_ragged_ends(generated: Generated) -> None:
    facts.refresh()
    g = generated
    for start, end in [
        (dt.date(2025, 10, 1), dt.date(2026, 9, 30)),  # a fiscal year: months only
        (dt.date(2025, 10, 17), dt.date(2026, 3, 3)),  # ends inside months
        (dt.date(2026, 2, 3), dt.date(2026, 2, 20)),  # inside one month
        (g.today - dt.timedelta(days=500), g.today),
    ]:
        got = Fact.objects.filter(period_q(start, end), kind="case", scope="t").aggregate(
            v=Sum("n")
        )["v"]
        assert (got or 0) == sum(1 for c in g.cases if start <= c["day"] <= end), (start, end)
