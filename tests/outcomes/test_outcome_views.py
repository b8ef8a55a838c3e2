"""/cases/<n>/outcomes/ (recording scores) and /outcomes/ (before and after per cohort)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from onestop.audit.models import AuditEntry
from onestop.outcomes.models import Domain, OutcomeRecord
from tests.conftest import World, denied

CODES = ["housing", "income", "health", "family", "safety", "participation"]


def _post(client, case: Any, stage: str, value: int, **over: str):  # type: ignore[no-untyped-def]
    data = {"client": str(case.clients.get(role="client").pk), "stage": stage}
    data.update({f"score_{c}": str(value) for c in CODES})
    data.update(over)
    return client.post(f"/cases/{case.number}/outcomes/", data)


def test_the_instrument_ships_with_six_domains(db: None) -> None:
    assert list(Domain.objects.values_list("code", flat=True)) == CODES


def test_scores_are_recorded_whole_or_not_at_all(client_for, world: World, case: Any) -> None:  # type: ignore[no-untyped-def]
    worker = client_for("socialworker")
    _post(worker, case, "opening", 2, score_health="7")
    _post(worker, case, "opening", 2, score_safety="")
    _post(worker, case, "nonsense", 2)
    assert not OutcomeRecord.objects.exists()
    _post(worker, case, "opening", 2)
    assert OutcomeRecord.objects.get().scores == dict.fromkeys(CODES, 2)
    assert AuditEntry.objects.filter(action="outcomes.record.created").exists()
    assert "data-outcome-record=" in worker.get(f"/cases/{case.number}/").content.decode()


def test_before_and_after_per_cohort(client_for, world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    from onestop.cases import services as cases

    worker = client_for("socialworker")
    expected_before, expected_after = [], []
    for before, after in ((1, 3), (2, 4), (2, 2)):
        c = cases.case_assign(
            actor=world["supervisor"], case=open_case(), worker=world["socialworker"]
        )
        _post(worker, c, "opening", before)
        _post(worker, c, "review", after - 1)
        _post(worker, c, "closure", after)
        expected_before.append(before)
        expected_after.append(after)
    lone = cases.case_assign(
        actor=world["supervisor"], case=open_case(), worker=world["socialworker"]
    )
    _post(worker, lone, "opening", 5)  # no later score: not counted
    page = client_for("supervisor").get("/outcomes/").content.decode()
    assert "data-clients" in page
    before = round(sum(expected_before) / 3, 2)
    after = round(sum(expected_after) / 3, 2)
    row = page.split('data-domain="housing"')[1].split("</tr>")[0]
    assert f"data-before>{before}<" in row and f"data-after>{after}<" in row
    assert f"+{round(after - before, 2)}" in row


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "intake"])
def test_other_roles_cannot_score_or_report(
    client_for, world: World, case: Any, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert _post(client, case, "opening", 3).status_code == denied(persona)
    assert client.get("/outcomes/").status_code == denied(persona)
    assert not OutcomeRecord.objects.exists()


def test_a_bad_fiscal_year_falls_back(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    assert client_for("supervisor").get("/outcomes/?fy=1900").status_code == 200
    assert client_for("supervisor").get("/outcomes/?fy=abc&category=nope").status_code == 200
    _ = dt
