"""GET /api/v1/reports/dashboard: the same figures as the page, for staff who see reports."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client

from onestop.thai.dates import fiscal_year, fiscal_year_bounds
from tests.conftest import World
from tests.reports.conftest import Generated


def test_the_panels_match_the_records(api: Client, bearer, generated: Generated) -> None:  # type: ignore[no-untyped-def]
    g = generated
    fy = fiscal_year(g.today)
    start, end = fiscal_year_bounds(fy)
    response = api.get(f"/api/v1/reports/dashboard?fy={fy}", **bearer("supervisor"))
    assert response.status_code == 200
    panels = {p["code"]: p for p in response.json()["panels"]}
    channels = Counter(r["channel"] for r in g.requests if start <= r["day"] <= end)
    got = {r["key"]: r["values"][0] for r in panels["channel"]["rows"]}
    assert got == dict(channels)
    open_now = Counter(c["status"] for c in g.cases if c["status"] != "closed")
    assert {r["key"]: r["values"][0] for r in panels["open"]["rows"]} == dict(open_now)


def test_bad_filters_are_a_400_with_fields(api: Client, bearer, world: World) -> None:  # type: ignore[no-untyped-def]
    response = api.get(
        "/api/v1/reports/dashboard?start=01/01/2539&end=01/01/2569", **bearer("supervisor")
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize("persona", ["intake", "socialworker", "coordinator"])
def test_roles_without_reports_get_403(api: Client, bearer, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert api.get("/api/v1/reports/dashboard", **bearer(persona)).status_code == 403


def test_no_token_is_401(api: Client, world: World) -> None:
    assert api.get("/api/v1/reports/dashboard").status_code == 401
