from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.intake.models import Contact, HelpRequest
from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.conftest import World, denied


def _contact(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": "phone",
        "call_type": "new_problem",
        "description": "ผู้โทรแจ้งว่ามีคนไร้บ้านนอนข้างถนนหน้าตลาด",
        "reporter_relationship": "neighbour",
        "reporter_phone": "089 999 0000",
        "safe_to_contact": "on",
        "note": "",
        "where-province": "13",
        "where-district": "1302",
        "where-subdistrict": "130201",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("persona", ["socialworker", "volunteer", "researcher", "centeradmin"])
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/intake/contacts/new/").status_code == denied(persona)
    assert client.post("/intake/contacts/new/", _contact()).status_code == denied(persona)
    assert not Contact.objects.exists()


def test_a_new_problem_opens_a_request_with_the_first_contact_made(
    world: World, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("intake").post("/intake/contacts/new/", _contact())
    assert response.status_code == 302
    contact = Contact.objects.get()
    hr = contact.help_request
    assert hr is not None and hr.channel == "phone"
    assert hr.first_contact_at is not None
    assert hr.subdistrict_id == "130201"
    assert response["Location"] == f"/intake/requests/{hr.pk}/"
    assert AuditEntry.objects.filter(action="intake.contact.recorded").exists()


@pytest.mark.parametrize("call_type", ["inquiry", "comment", "wrong_number", "nuisance"])
def test_other_calls_are_counted_without_a_request(
    world: World, client_for, call_type: str
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("intake").post(
        "/intake/contacts/new/", _contact(call_type=call_type, description="")
    )
    assert response.status_code == 302
    assert Contact.objects.get().call_type == call_type
    assert not HelpRequest.objects.exists()
    body = client_for("intake").get("/intake/contacts/").content.decode()
    assert ": <strong>1</strong>" in body


def test_a_follow_up_is_linked_to_the_earlier_request(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    earlier = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="เรื่องเดิม")
    ).request
    response = client_for("intake").post(
        "/intake/contacts/new/",
        _contact(
            call_type="follow_up", earlier_reference=earlier.reference.lower(), description=""
        ),
    )
    assert response.status_code == 302
    assert Contact.objects.get().help_request == earlier
    assert HelpRequest.objects.count() == 1


def test_a_follow_up_of_another_centers_reference_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    other = help_request_submit(
        center=world.center_b, data=HelpRequestInput(description="ของศูนย์อื่น")
    ).request
    response = client_for("intake").post(
        "/intake/contacts/new/",
        _contact(call_type="follow_up", earlier_reference=other.reference, description=""),
    )
    assert response.status_code == 200
    assert "ไม่พบเรื่องเลขที่นี้ในศูนย์" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_new_problem_needs_a_description(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("intake").post("/intake/contacts/new/", _contact(description=""))
    assert response.status_code == 200
    assert "กรุณาเล่าว่าเกิดอะไรขึ้น" in response.content.decode()
    assert not Contact.objects.exists() and not HelpRequest.objects.exists()
