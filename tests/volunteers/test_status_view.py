"""POST /volunteers/<pk>/status/: suspend, reinstate, resign, remove; always with a reason."""

from __future__ import annotations

from onestop.volunteers.models import Volunteer
from tests.conftest import World


def test_status_changes_need_a_reason_and_follow_the_rules(
    client_for,
    world: World,
    active_volunteer: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    v = active_volunteer
    client = client_for("coordinator")
    url = f"/volunteers/{v.pk}/status/"
    assert client.post(url, {"status": "suspended", "reason": ""}).status_code == 400
    assert client.post(url, {"status": "applicant", "reason": "x"}).status_code == 400
    assert client.post(url, {"status": "suspended", "reason": "รอผลสอบสวน"}).status_code == 302
    v.refresh_from_db()
    assert v.status == "suspended"
    assert (
        client.post(url, {"status": "active", "reason": "สอบสวนแล้วไม่พบความผิด"}).status_code == 302
    )
    assert client.post(url, {"status": "resigned", "reason": "ย้ายไปต่างจังหวัด"}).status_code == 302
    v.refresh_from_db()
    assert v.status == "resigned"
    assert list(v.events.filter(kind="status").values_list("to_status", flat=True))[:3] == [
        "resigned",
        "active",
        "suspended",
    ]
    # Resigned is final.
    assert client.post(url, {"status": "active", "reason": "x"}).status_code == 400


def test_other_roles_cannot_change_status(
    client_for, world: World, active_volunteer: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("supervisor").post(
        f"/volunteers/{active_volunteer.pk}/status/", {"status": "removed", "reason": "x"}
    )
    assert response.status_code == 403
