"""privacy.retention (apply_retention and /privacy/retention/): what is past each center's
schedule is anonymised, what is not stays, and the dry run lists it first."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from onestop.cases.models import Case
from onestop.events import services as events
from onestop.events.models import Event, Registration
from onestop.intake.models import HelpRequest
from onestop.intake.services import HelpRequestInput, help_request_submit
from onestop.persons.models import Person
from onestop.privacy import retention
from onestop.privacy.models import RetentionRule
from onestop.volunteers.models import Volunteer
from tests.conftest import World, denied
from tests.events.conftest import person

YEARS_AGO = timezone.now() - dt.timedelta(days=365 * 11)


def _due(world: World) -> dict[str, int]:
    return {d.record: len(d.items) for d in retention.due(world.center_a.pk)}


def test_each_kind_goes_after_its_period(
    world: World, case: Any, client_person: Person, make_event, apply
) -> None:  # type: ignore[no-untyped-def]
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=YEARS_AGO)
    old = help_request_submit(
        center=world.center_a,
        data=HelpRequestInput(description="ลุงบุญมีอยู่คนเดียว", reporter_name="ป้าสาย"),
    )
    new = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ยายมาอยู่คนเดียว")
    )
    HelpRequest.objects.filter(pk=old.request.pk).update(received_at=YEARS_AGO)
    volunteer = apply()
    Volunteer.objects.filter(pk=volunteer.pk).update(status="rejected", updated=YEARS_AGO)
    event = make_event()
    Event.objects.filter(pk=event.pk).update(status="published")
    event = Event.objects.get(pk=event.pk)
    registered = events.register(event=event, data=person(1)).registration
    Event.objects.filter(pk=event.pk).update(
        starts_at=YEARS_AGO, ends_at=YEARS_AGO + dt.timedelta(hours=3)
    )
    assert _due(world) == {
        "closed_case": 1,
        "request": 1,
        "rejected_volunteer": 1,
        "event_registration": 1,
    }
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--center", world.center_a.code, stdout=out)
    assert client_person.code in out.getvalue() and old.request.reference in out.getvalue()
    assert Person.objects.get(pk=client_person.pk).given_name == client_person.given_name  # dry
    call_command("apply_retention", "--center", world.center_a.code, stdout=io.StringIO())
    assert Person.objects.get(pk=client_person.pk).given_name == "[ลบแล้ว]"
    gone = HelpRequest.objects.get(pk=old.request.pk)
    assert gone.description == "[ลบแล้ว]" and gone.reporter_name == ""
    assert HelpRequest.objects.get(pk=new.request.pk).description == "ยายมาอยู่คนเดียว"
    assert Volunteer.objects.get(pk=volunteer.pk).national_id == ""
    assert Registration.objects.get(pk=registered.pk).email == ""
    assert _due(world) == {
        "closed_case": 0,
        "request": 0,
        "rejected_volunteer": 0,
        "event_registration": 0,
    }


def test_open_and_recent_cases_keep_their_clients(
    world: World, case: Any, client_person: Person
) -> None:
    assert _due(world)["closed_case"] == 0  # open
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - dt.timedelta(days=400)
    )
    assert _due(world)["closed_case"] == 0  # closed a year ago, kept ten
    RetentionRule.objects.create(center=world.center_a, record="closed_case", keep_months=6)
    assert _due(world)["closed_case"] == 1  # the center's own rule


def test_the_dpo_edits_the_schedule_and_sees_the_dry_run(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    dpo = client_for("dpo")
    page = dpo.get("/privacy/retention/").content.decode()
    assert 'data-due="request"' in page
    data = {
        "action": "save",
        "closed_case": "60",
        "request": "6",
        "rejected_volunteer": "12",
        "event_registration": "3",
    }
    assert dpo.post("/privacy/retention/", data).status_code == 302
    assert RetentionRule.months_for(world.center_a.pk)["request"] == 6
    assert dpo.post("/privacy/retention/", {**data, "request": "0"}).status_code == 400
    assert dpo.post("/privacy/retention/", {"action": "apply"}).status_code == 302


@pytest.mark.parametrize("persona", ["socialworker", "supervisor", "centeradmin", "volunteer"])
def test_only_the_dpo_runs_the_schedule(client_for, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/privacy/retention/").status_code == denied(persona)
    assert client.post("/privacy/retention/", {"action": "apply"}).status_code == denied(persona)
