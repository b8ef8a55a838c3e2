"""/api/v1/cases: the same services and need-to-know rules as the pages."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.cases.models import Case, Note
from tests.cases.conftest import today
from tests.conftest import World

J = "application/json"


def _new(person_code: str, **over: object) -> dict[str, object]:
    return {
        "title": "ยายอยู่ลำพัง",
        "category_code": "ELD.ALONE",
        "clients": [{"person_code": person_code}],
        **over,
    }


def test_open_list_read_and_transition(world: World, client_for, client_person) -> None:  # type: ignore[no-untyped-def]
    sw = client_for("socialworker")
    created = sw.post("/api/v1/cases", _new(client_person.code, urgency="urgent"), content_type=J)
    assert created.status_code == 201, created.content
    number = created.json()["number"]
    assert (
        created.json()["status"] == "awaiting_assignment"
        and created.json()["work_stage"] == "intake"
    )
    listed = sw.get("/api/v1/cases").json()["results"]
    assert [r["number"] for r in listed] == [number] and listed[0]["restricted"] is False
    got = sw.get(f"/api/v1/cases/{number}/").json()  # both slash forms answer
    assert got["clients"][0]["person_code"] == client_person.code
    bad = sw.post(f"/api/v1/cases/{number}/transition", {"status": "closed"}, content_type=J)
    assert bad.status_code == 400 and "status" in bad.json()["error"]["fields"]
    stale = sw.post(
        f"/api/v1/cases/{number}/transition", {"status": "closed", "version": 99}, content_type=J
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_edit"


def test_bad_input_is_400_never_500(world: World, client_for, client_person) -> None:  # type: ignore[no-untyped-def]
    sw = client_for("socialworker")
    r = sw.post(
        "/api/v1/cases", _new("P-NONE", category_code="NOPE", risk_flags=["bogus"]), content_type=J
    )
    assert r.status_code == 400
    assert {"category_code", "risk_flags", "clients"} <= set(r.json()["error"]["fields"])
    assert sw.post("/api/v1/cases", "{not json", content_type=J).status_code == 400
    assert sw.post("/api/v1/cases", {"title": "x"}, content_type=J).status_code == 400


def test_notes_and_tasks(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    sw = client_for("socialworker")
    n = case.number
    r = sw.post(
        f"/api/v1/cases/{n}/notes", {"kind": "contact", "text": "ก" * 100_000}, content_type=J
    )
    assert r.status_code == 400 and "10,000" in r.json()["error"]["fields"]["text"][0]
    r = sw.post(
        f"/api/v1/cases/{n}/notes",
        {"kind": "counselling", "text": "ลับ", "confidential": True},
        content_type=J,
    )
    assert r.status_code == 201
    assert [x["text"] for x in sw.get(f"/api/v1/cases/{n}/notes").json()] == ["ลับ"]
    assert AuditEntry.objects.filter(
        action="cases.note.viewed", actor=world["socialworker"]
    ).exists()
    r = sw.post(f"/api/v1/cases/{n}/tasks", {"title": "โทร", "due": "2000-01-01"}, content_type=J)
    assert r.status_code == 400 and "due" in r.json()["error"]["fields"]
    r = sw.post(
        f"/api/v1/cases/{n}/tasks",
        {"title": "โทร", "due": today().isoformat(), "owner": "b_socialworker"},
        content_type=J,
    )
    assert r.status_code == 400
    r = sw.post(
        f"/api/v1/cases/{n}/tasks", {"title": "โทร", "due": today().isoformat()}, content_type=J
    )
    assert r.status_code == 201 and r.json()["owner"] == "socialworker"
    assert len(sw.get(f"/api/v1/cases/{n}/tasks").json()) == 1


def test_need_to_know_over_the_api(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    other = client_for("othersocialworker")
    row = other.get("/api/v1/cases").json()["results"][0]
    assert row["number"] == case.number and row["restricted"] is True and row["title"] is None
    for url in (
        f"/api/v1/cases/{case.number}",
        f"/api/v1/cases/{case.number}/notes",
        f"/api/v1/cases/{case.number}/tasks",
    ):
        r = other.get(url)
        assert r.status_code == 403 and r.json()["error"]["code"] == "need_to_know"
    r = other.post(
        f"/api/v1/cases/{case.number}/notes", {"kind": "contact", "text": "x"}, content_type=J
    )
    assert r.status_code == 403 and not Note.objects.exists()
    b = client_for("b_socialworker")
    assert b.get(f"/api/v1/cases/{case.number}").status_code == 404
    assert (
        b.post(
            f"/api/v1/cases/{case.number}/transition", {"status": "referred"}, content_type=J
        ).status_code
        == 404
    )
    assert b.get("/api/v1/cases").json()["results"] == []


@pytest.mark.parametrize(
    "persona", ["intake", "volunteer", "partner", "researcher", "coordinator", "dpo"]
)
def test_roles_without_case_work_get_403(
    world: World, client_for, case: Case, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/api/v1/cases").status_code == 403
    assert client.get(f"/api/v1/cases/{case.number}").status_code == 403
    assert client.post("/api/v1/cases", _new("P-X"), content_type=J).status_code in (403,)


def test_no_credentials_is_401(db: None, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/cases").status_code == 401
