"""reports.facts.refresh: the facts it writes, counted against the generated records."""

from __future__ import annotations

from collections import Counter

from django.db.models import Sum

from onestop.reports import facts
from onestop.reports.models import Fact
from tests.reports.conftest import Generated


def _sum(kind: str, **dims: object) -> float:
    return Fact.objects.filter(kind=kind, **dims).aggregate(v=Sum("n"))["v"] or 0


def test_refresh_counts_every_kind(generated: Generated) -> None:
    facts.refresh()
    g = generated
    assert _sum("request") == len(g.requests)
    for (ch, cat), n in Counter((r["channel"], r["category"]) for r in g.requests).items():
        assert _sum("request", channel=ch, category=cat) == n
    for (cat, disabled, district), n in Counter(
        (c["category"], c["disabled"], c["district"]) for c in g.cases
    ).items():
        assert _sum("case", category=cat, disabled=disabled, district=district) == n
    assert _sum("case", province="13") == sum(1 for c in g.cases if c["district"] == "1302")
    assert _sum("open") == sum(1 for c in g.cases if c["status"] != "closed")
    assert _sum("overdue") == len(g.overdue_tasks)
    assert _sum("ref_sent") == len(g.referrals)
    accepted = [r for r in g.referrals if r["status"] in ("accepted", "completed")]
    assert _sum("ref_accepted") == len(accepted)
    waited = sum((r["answered"] - r["sent"]).total_seconds() for r in accepted)
    got = Fact.objects.filter(kind="ref_accepted").aggregate(v=Sum("total"))["v"] or 0
    assert abs(got - waited) < 1
    assert _sum("ref_done") == sum(1 for r in g.referrals if r["status"] == "completed")
    assert _sum("welfare") == len(g.applications)
    approved = [h for h in g.hours if h["status"] == "approved"]
    got_hours = Fact.objects.filter(kind="hours").aggregate(v=Sum("total"))["v"] or 0
    assert abs(got_hours - sum(h["hours"] for h in approved)) < 0.01


def test_a_partial_refresh_rewrites_only_the_recent_days(generated: Generated) -> None:
    facts.refresh()
    before = _sum("case")
    since = generated.today
    facts.refresh(since=since)
    assert _sum("case") == before  # nothing doubled, nothing lost
    assert _sum("request") == len(generated.requests)
