"""/reports/ (the dashboard) and /reports/drill/<kind>/: figures against independent counts,
filters, bad input, and who may see what."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from onestop.reports import facts
from onestop.thai.dates import fiscal_year, fiscal_year_bounds
from tests.conftest import World, denied, sign_in
from tests.reports.conftest import Generated


def _cell(page: str, panel: str, row: str, col: int) -> str:
    section = page.split(f'data-panel="{panel}"')[1].split("</section>")[0]
    line = section.split(f'data-row="{row}"')[1].split("</tr>")[0]
    m = re.search(rf'data-col="{col}">(?:<a [^>]*>)?([^<]*)<', line)
    assert m, line
    return m.group(1)


def _range(start: dt.date, end: dt.date) -> str:
    return f"start={start.isoformat()}&end={end.isoformat()}"


def test_figures_match_independent_counts(client_for, generated: Generated) -> None:  # type: ignore[no-untyped-def]
    facts.refresh()
    g = generated
    fy = fiscal_year(g.today)
    start, end = fiscal_year_bounds(fy)
    page = client_for("supervisor").get(f"/reports/?fy={fy}").content.decode()
    in_fy = [r for r in g.requests if start <= r["day"] <= end]
    for channel, n in Counter(r["channel"] for r in in_fy).items():
        assert _cell(page, "channel", channel, 0) == str(n)
    cases = [c for c in g.cases if start <= c["day"] <= end]
    for cat in {c["category"] for c in cases}:
        normal = sum(1 for c in cases if c["category"] == cat and not c["disabled"])
        disabled = sum(1 for c in cases if c["category"] == cat and c["disabled"])
        requests = sum(1 for r in in_fy if r["category"] == cat)
        assert _cell(page, "category", cat, 0) == str(requests)
        assert _cell(page, "category", cat, 1) == str(normal)
        assert _cell(page, "category", cat, 2) == str(disabled)
    for urgency in ("normal", "urgent", "most_urgent"):
        rows = [r for r in in_fy if r["urgency"] == urgency]
        if rows:
            assert _cell(page, "deadlines", urgency, 0) == str(
                sum(r["on_time"] is True for r in rows)
            )
            assert _cell(page, "deadlines", urgency, 1) == str(
                sum(r["on_time"] is False for r in rows)
            )
    open_now = Counter(c["status"] for c in g.cases if c["status"] != "closed")
    for status, n in open_now.items():
        assert _cell(page, "open", status, 0) == str(n)
    assert _cell(page, "overdue", "total", 0) == str(len(g.overdue_tasks))
    sent = [r for r in g.referrals if start <= r["sent"].date() <= end]
    assert _cell(page, "referrals", "total", 0) == str(len(sent))
    assert "<svg" in page and 'role="img"' in page


def test_team_and_area_filters(client_for, world: World, generated: Generated) -> None:  # type: ignore[no-untyped-def]
    facts.refresh()
    g = generated
    start, end = g.today - dt.timedelta(days=600), g.today
    team = world.team_a2.pk
    page = (
        client_for("supervisor").get(f"/reports/?{_range(start, end)}&team={team}").content.decode()
    )
    mine = [c for c in g.cases if c["team"] == team]
    assert _cell(page, "category", "total", 1) == str(sum(not c["disabled"] for c in mine))
    page = client_for("supervisor").get(f"/reports/?{_range(start, end)}&area=13").content.decode()
    pathum = [c for c in g.cases if c["district"] == "1302"]
    assert _cell(page, "target_group", "total", 2) == str(sum(c["disabled"] for c in pathum))
    requests = [r for r in g.requests if r["district"] == "1302"]
    assert _cell(page, "channel", "total", 0) == str(len(requests))


@pytest.mark.parametrize(
    "query",
    [
        "start=01/01/2539&end=01/01/2569",  # thirty years
        "start=31/02/2569",
        "end=01/01/2560&start=01/01/2569",
        "area=99",
        "team=999999",
        "fy=1900",
    ],
)
def test_bad_filters_are_explained_not_500(client_for, world: World, query: str) -> None:  # type: ignore[no-untyped-def]
    response = client_for("supervisor").get(f"/reports/?{query}")
    assert response.status_code == 400
    assert (
        'class="error' in response.content.decode() or 'class="errors"' in response.content.decode()
    )


def test_thirty_years_says_five_at_most(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    page = (
        client_for("supervisor").get("/reports/?start=01/01/2539&end=01/01/2569").content.decode()
    )
    with translation.override("th"):
        message = translation.gettext(
            "Choose a period of at most five years; ask for an export for longer."
        )
    assert message in page.replace("&#x27;", "'")
    assert "ห้าปี" in message or "5 ปี" in message


def test_drill_down_lists_the_cases_behind_a_figure(
    client_for, world: World, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    facts.refresh()
    g = generated
    start, end = g.today - dt.timedelta(days=600), g.today
    page = client_for("supervisor").get(f"/reports/?{_range(start, end)}").content.decode()
    assert "/reports/drill/case/" in page
    cat = g.cases[0]["category"]
    drill = (
        client_for("supervisor")
        .get(f"/reports/drill/case/?from={start}&to={end}&category={cat}")
        .content.decode()
    )
    expected = [c["number"] for c in g.cases if c["category"] == cat]
    for number in expected[:50]:
        assert number in drill
    others = [c["number"] for c in g.cases if c["category"] != cat]
    assert not any(f">{n}<" in drill for n in others)


def test_a_worker_drills_only_into_what_they_may_open(
    client_for, world: World, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    """A team-A1 social worker who may also see reports sees other teams' case numbers, never
    their titles, and opening one is refused by the case page as always."""
    from django.test import Client

    from tests.conftest import make_user

    facts.refresh()
    g = generated
    other = next(c for c in g.cases if c["team"] == world.team_a2.pk)
    client = Client()
    sign_in(
        client, make_user("mixed", world.center_a, ["social_worker", "researcher"], world.team_a1)
    )
    drill = client.get(
        f"/reports/drill/case/?from={g.today - dt.timedelta(days=600)}&to={g.today}"
    ).content.decode()
    assert other["number"] in drill
    assert f"เคสทดสอบ {g.cases.index(other)}<" not in drill
    assert client.get(f"/cases/{other['number']}/").status_code in (403, 404)


@pytest.mark.parametrize(
    "persona", ["intake", "socialworker", "coordinator", "volunteer", "partner"]
)
def test_roles_without_reports_cannot_see_the_dashboard(
    client_for, world: World, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/reports/").status_code == denied(persona)
    assert client.get("/reports/drill/case/").status_code == denied(persona)
    assert client.post("/reports/refresh/").status_code == denied(persona)


def test_a_center_admin_sees_figures_but_no_case_lists(
    client_for, world: World, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    page = client.get("/reports/").content.decode()
    assert 'data-panel="category"' in page
    assert "/reports/drill/case/" not in page
    assert client.get("/reports/drill/case/").status_code == 403
    assert client.get("/reports/drill/nonsense/").status_code == 404


def test_another_centers_figures_are_not_shown(
    client_for, world: World, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.conftest import make_user

    facts.refresh()
    client = Client()
    sign_in(client, make_user("b_super", world.center_b, ["supervisor"], world.team_b1))
    page = client.get("/reports/?start=01/01/2560&end=31/12/2569").content.decode()
    assert _cell(page, "category", "total", 1) == "0"
    drill = client.get("/reports/drill/case/?from=2017-01-01&to=2026-12-31").content.decode()
    assert "GEN-C" not in drill


def test_the_refresh_button_queues_a_refresh(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    response = client_for("supervisor").post("/reports/refresh/")
    assert response.status_code == 302


def test_a_team_in_one_area_counts_whole_months(
    client_for, world: World, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    facts.refresh()
    g = generated
    team = world.team_a2.pk
    start = (g.today - dt.timedelta(days=400)).replace(day=1)
    asked = f"start={(start + dt.timedelta(days=9)).isoformat()}&end={g.today.isoformat()}"
    page = client_for("supervisor").get(f"/reports/?{asked}&team={team}&area=1302").content.decode()
    assert "(" in page.split("data-period>")[1].split("<")[0]  # says the period is whole months
    mine = [
        c for c in g.cases if c["team"] == team and c["district"] == "1302" and c["day"] >= start
    ]
    assert mine
    assert _cell(page, "category", "total", 1) == str(sum(not c["disabled"] for c in mine))
    assert _cell(page, "category", "total", 2) == str(sum(c["disabled"] for c in mine))
    tasks = [t for t in g.overdue_tasks if t["team"] == team and t["district"] == "1302"]
    assert _cell(page, "overdue", "total", 0) == str(len(tasks))
