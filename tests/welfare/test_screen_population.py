"""screen_population: every person of a center, an outreach list of those likely eligible with
no recorded application."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from onestop.cases.models import Case
from onestop.persons.models import Person
from onestop.welfare import casework
from tests.cases.conftest import acc
from tests.conftest import World
from tests.persons.conftest import make_person


def test_outreach_list(world: World, case: Case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    elder = case.clients.get().person
    Person.objects.filter(pk=elder.pk).update(
        citizenship_status="thai",
        nationality="TH",
        disability_card=True,
        registered_subdistrict_id="130201",
    )
    other = make_person(
        world, given_name="สมศรี", family_name="ใจงาม", birth="2480", nationality="TH"
    )
    Person.objects.filter(pk=other.pk).update(
        disability_card=True, registered_subdistrict_id="130201"
    )
    make_person(world, center=world.center_b, given_name="ลำปาง", birth="2480")
    out = tmp_path / "outreach.csv"
    err = io.StringIO()
    call_command("screen_population", center="tu", output=str(out), stderr=err)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["person_code"] for r in rows} == {elder.code, other.code}
    assert "screened 2 persons" in err.getvalue()
    # An application recorded for the elder's disability allowance takes it off the list.
    casework.application_record(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        client=case.clients.get(),
        benefit_code="disability_allowance",
        status="applied",
    )
    call_command("screen_population", center="TU", output=str(out), stderr=io.StringIO())
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert (elder.code, "disability_allowance") not in {
        (r["person_code"], r["benefit"]) for r in rows
    }
    assert (other.code, "disability_allowance") in {(r["person_code"], r["benefit"]) for r in rows}


def test_unknown_center(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("screen_population", center="ZZ")
