"""/privacy/requests/: data subject requests, their 30-day clock, identity, decision, the copy
(JSON and PDF) with others' data redacted and withheld parts left out, and who may."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.cases import services as cases
from onestop.privacy import services
from onestop.privacy.models import DataRequest
from tests.conftest import World, denied, sign_in
from tests.persons.conftest import make_person


def _new(client, **over: str):  # type: ignore[no-untyped-def]
    data = {
        "kind": "access",
        "requester_name": "นายบุญมี มีสุข",
        "requester_contact": "081-234-5678",
        **over,
    }
    return client.post("/privacy/requests/", data)


def test_the_whole_request(client_for, world: World, case: Any, client_person: Any) -> None:  # type: ignore[no-untyped-def]
    """A client asks for a copy; a second client of the same case stays anonymous in it."""
    other = make_person(world, given_name="สมศรี", family_name="ใจงาม")
    from onestop.cases.models import CaseClient

    CaseClient.objects.create(case=case, person=other, role="client")
    cases.note_add(
        actor=world["socialworker"],
        access=cases_access(world, case),
        kind="home_visit",
        text="เยี่ยมบ้าน บุญมีกับสมศรีอยู่ด้วยกัน สมศรี ใจงาม ดูแลอาหาร",
    )
    dpo = client_for("dpo")
    assert _new(dpo).status_code == 302
    item = DataRequest.objects.get()
    assert (item.due_at - item.received_at).days == 30
    assert (
        dpo.post(f"/privacy/requests/{item.pk}/decide/", {"decision": "granted"}).status_code == 400
    )
    dpo.post(
        f"/privacy/requests/{item.pk}/verify/",
        {"method": "เห็นบัตรประชาชนตัวจริง", "person": client_person.code},
    )
    item.refresh_from_db()
    assert item.status == "verified" and item.person == client_person
    dpo.post(f"/privacy/requests/{item.pk}/decide/", {"decision": "granted"})
    item.refresh_from_db()
    assert item.status == "done"
    body = dpo.get(f"/privacy/requests/{item.pk}/export.json").content
    data = json.loads(body)
    assert data["person"]["given_name"] == client_person.given_name
    [c] = data["cases"]
    assert c["number"] == case.number and c["other_people"] == 1
    text = json.dumps(data, ensure_ascii=False)
    assert "สมศรี" not in text and "ใจงาม" not in text and "[บุคคลอื่น]" in text
    assert any(e["action"].startswith("cases.") for e in data["who_accessed"])
    pdf = dpo.get(f"/privacy/requests/{item.pk}/export.pdf").content
    assert pdf.startswith(b"%PDF")
    exported = AuditEntry.objects.filter(action="privacy.dsar.exported")
    assert exported.count() == 2 and all(len(e.data["sha256"]) == 64 for e in exported)


def cases_access(world: World, case: Any) -> Any:
    from tests.cases.conftest import acc

    return acc(world, "socialworker", case)


def test_a_withheld_case_is_left_out_with_its_reason(
    client_for, world: World, case: Any, client_person: Any
) -> None:  # type: ignore[no-untyped-def]
    item = services.dsar_record(
        actor=world["dpo"], kind="access", requester_name="x", requester_contact="y"
    )
    services.dsar_verify(actor=world["dpo"], request=item, method="บัตร", person=client_person)
    dpo = client_for("dpo")
    response = dpo.post(
        f"/privacy/requests/{item.pk}/decide/",
        {"decision": "partly", "reason": "บางส่วนกระทบผู้อื่น", "withheld_cases": case.number},
    )
    assert response.status_code == 400  # the reason for withholding is missing
    dpo.post(
        f"/privacy/requests/{item.pk}/decide/",
        {
            "decision": "partly",
            "reason": "บางส่วนกระทบผู้อื่น",
            "withheld_cases": case.number,
            "withheld_reason": "ผู้ขอเป็นผู้ถูกกล่าวหาในเคสนี้",
        },
    )
    data = json.loads(dpo.get(f"/privacy/requests/{item.pk}/export.json").content)
    assert data["cases"] == [
        {"number": case.number, "withheld": True, "reason": "ผู้ขอเป็นผู้ถูกกล่าวหาในเคสนี้"}
    ]
    records = dpo.get("/privacy/records/").content.decode()
    assert "บางส่วนกระทบผู้อื่น" in records  # the reason is in the record of processing


def test_a_refusal_needs_its_reason(client_for, world: World, client_person: Any) -> None:  # type: ignore[no-untyped-def]
    item = services.dsar_record(
        actor=world["dpo"], kind="erasure", requester_name="x", requester_contact="y"
    )
    services.dsar_verify(actor=world["dpo"], request=item, method="บัตร", person=client_person)
    dpo = client_for("dpo")
    assert (
        dpo.post(f"/privacy/requests/{item.pk}/decide/", {"decision": "refused"}).status_code == 400
    )
    dpo.post(
        f"/privacy/requests/{item.pk}/decide/",
        {"decision": "refused", "reason": "ยังอยู่ในระยะเวลาเก็บรักษาตามกฎหมาย"},
    )
    item.refresh_from_db()
    assert item.status == "refused"
    assert dpo.get(f"/privacy/requests/{item.pk}/export.json").status_code == 302  # no copy


def test_a_person_of_another_center_is_not_found(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    theirs = make_person(world, center=world.center_b, given_name="คนลำปาง", family_name="ทดสอบ")
    item = services.dsar_record(
        actor=world["dpo"], kind="access", requester_name="x", requester_contact="y"
    )
    response = client_for("dpo").post(
        f"/privacy/requests/{item.pk}/verify/", {"method": "บัตร", "person": theirs.code}
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.person is None and item.status == "received"


def test_reminders_go_once_when_a_week_is_left(world: World) -> None:
    from onestop.notifications.models import Notification

    item = services.dsar_record(
        actor=world["dpo"],
        kind="access",
        requester_name="x",
        requester_contact="y",
        received_at=timezone.now() - dt.timedelta(days=24),
    )
    services.dsar_record(
        actor=world["dpo"], kind="access", requester_name="z", requester_contact="y"
    )
    assert services.dsar_remind() == 1
    assert services.dsar_remind() == 0
    assert (
        Notification.objects.filter(user=world["dpo"], link=f"/privacy/requests/{item.pk}/").count()
        == 1
    )


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "everything"},
        {"requester_name": ""},
        {"requester_contact": ""},
        {"received_on": "01/01/2600"},
        {"received_on": "31/02/2569"},
    ],
)
def test_bad_requests_are_explained(client_for, world: World, data: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    response = _new(client_for("dpo"), **data)
    assert response.status_code == 400 and not DataRequest.objects.exists()


@pytest.mark.parametrize(
    "persona",
    [
        "intake",
        "socialworker",
        "supervisor",
        "centeradmin",
        "coordinator",
        "volunteer",
        "partner",
        "researcher",
    ],
)
def test_only_the_dpo_handles_requests(
    client_for, world: World, persona: str, client_person: Any
) -> None:  # type: ignore[no-untyped-def]
    item = services.dsar_record(
        actor=world["dpo"], kind="access", requester_name="x", requester_contact="y"
    )
    client = client_for(persona)
    assert client.get("/privacy/requests/").status_code == denied(persona)
    assert client.get(f"/privacy/requests/{item.pk}/").status_code == denied(persona)
    assert client.post(
        f"/privacy/requests/{item.pk}/verify/", {"method": "x", "person": client_person.code}
    ).status_code == denied(persona)
    assert client.get(f"/privacy/requests/{item.pk}/export.json").status_code == denied(persona)


def test_another_centers_request_is_404(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.conftest import make_user

    item = services.dsar_record(
        actor=world["dpo"], kind="access", requester_name="x", requester_contact="y"
    )
    other = Client()
    sign_in(other, make_user("b_dpo", world.center_b, ["dpo"]))
    assert other.get(f"/privacy/requests/{item.pk}/").status_code == 404
