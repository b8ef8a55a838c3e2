"""/open-data/ and /api/v1/open-data/{dataset}: monthly aggregates, small cells suppressed."""

from __future__ import annotations

import csv
import io
from collections import Counter

from django.test import Client
from django.utils import timezone

from onestop.intake.models import HelpRequest
from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.conftest import World


def _requests(world: World, n: int, sub: str, age: int) -> None:
    for i in range(n):
        help_request_submit(
            center=world.center_a,
            data=HelpRequestInput(
                description=f"ขอความช่วยเหลือ {i}", subdistrict_code=sub, subject_age=age
            ),
        )


def test_the_counts_match_an_independent_count_and_small_cells_are_hidden(
    client: Client, world: World
) -> None:
    _requests(world, 6, "130201", 70)  # Pathum Thani, elderly: published
    _requests(world, 2, "100101", 8)  # Bangkok, child: suppressed
    month = timezone.localdate().strftime("%Y-%m")
    body = client.get(f"/api/v1/open-data/help-requests?from={month}&to={month}").json()
    by_key = {(r["province_code"], r["target_group"]): r for r in body["rows"]}
    expected = Counter(
        (hr.subdistrict.district.province_id, hr.target_group)
        for hr in HelpRequest.objects.select_related("subdistrict__district")
    )
    assert expected[("13", "elderly")] == 6 and by_key[("13", "elderly")]["count"] == 6
    assert by_key[("10", "child")]["count"] is None and by_key[("10", "child")]["suppressed"]
    assert "ขอความช่วยเหลือ" not in str(body)
    page = client.get("/open-data/").content.decode()
    assert "&lt; 5" in page and "data-row" in page


def test_csv_and_json_downloads(client: Client, world: World) -> None:
    _requests(world, 5, "130201", 30)
    response = client.get("/open-data/help-requests.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["count"] == "5" and rows[0]["province"] == "ปทุมธานี"
    assert client.get("/open-data/cases.json").json()["dataset"] == "cases"
    assert client.get("/open-data/persons.json").status_code == 404
    assert client.get("/open-data/cases.xml").status_code == 404


def test_ranges_are_bounded_with_a_clear_message(client: Client, world: World) -> None:
    assert client.get("/api/v1/open-data/cases?from=1996-01&to=2026-01").status_code == 400
    assert (
        "60"
        in client.get("/api/v1/open-data/cases?from=1996-01&to=2026-01").json()["error"]["message"]
    )
    assert client.get("/api/v1/open-data/cases?from=2026-13").status_code == 400
    assert (
        client.get("/api/v1/open-data/cases?from=2569-01&to=2569-03").status_code == 200
    )  # BE years
    assert client.get("/open-data/?from=1990-01").status_code == 400
    assert client.get("/api/v1/open-data/nope").status_code == 404


def test_cases_are_counted_once_each(client: Client, world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    from onestop.cases.models import Case

    for _ in range(5):
        open_case()
    body = client.get("/api/v1/open-data/cases").json()
    published = sum(r["count"] or 0 for r in body["rows"])
    assert published == Case.objects.count() == 5
