"""/api/v1/persons: search, create (409 on a likely duplicate), read and duplicates."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.persons.models import Person
from tests.conftest import World
from tests.persons.conftest import THAI_ID, make_person


def _body(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "prefix": "น.ส.",
        "given_name": "มานี",
        "family_name": "มีนา",
        "birth_date": "2545-03",
        "phones": [{"number": "089-111-2222", "safe_to_contact": False}],
        "registered_subdistrict_code": "130201",
        "citizenship_status": "thai",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("persona", ["volunteer", "partner", "researcher", "coordinator"])
def test_roles_without_the_registry_get_403(
    world: World, client_for, person: Person, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/api/v1/persons?q=สมหญิ").status_code == 403
    assert client.get(f"/api/v1/persons/{person.pk}").status_code == 403
    assert client.get(f"/api/v1/persons/{person.pk}/duplicates").status_code == 403
    assert (
        client.post("/api/v1/persons", _body(), content_type="application/json").status_code == 403
    )


def test_no_credentials_is_401(db: None, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/persons?q=x").status_code == 401


def test_another_centers_person_is_404(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    client = client_for("b_socialworker")
    assert client.get(f"/api/v1/persons/{person.pk}").status_code == 404
    assert client.get(f"/api/v1/persons/{person.code}/duplicates").status_code == 404
    assert client.get("/api/v1/persons?q=สมหญิง").json()["results"] == []


def test_search_paginates_without_counting(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    for i in range(5):
        make_person(world, given_name=f"สมหญิง{i}", family_name="ทองดี", reason="")
    client = client_for("intake")
    page1 = client.get("/api/v1/persons?q=สมหญิง&limit=3").json()
    page2 = client.get("/api/v1/persons?q=สมหญิง&limit=3&offset=3").json()
    assert len(page1["results"]) == 3 and page1["results"][0]["person"]["code"] == person.code
    assert {r["person"]["code"] for r in page1["results"]}.isdisjoint(
        {r["person"]["code"] for r in page2["results"]}
    )
    assert "count" not in page1
    hit = client.get(
        f"/api/v1/persons?q={THAI_ID[:1]}-{THAI_ID[1:5]}-{THAI_ID[5:10]}-{THAI_ID[10:12]}-{THAI_ID[12]}"
    ).json()
    assert hit["results"][0]["reason"] == "id"
    assert hit["results"][0]["person"]["national_id_masked"].endswith("83-8")


def test_create_and_read(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    response = client.post("/api/v1/persons", _body(), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["prefix"] == "miss" and body["birth_precision"] == "month"
    assert body["phones"] == [{"number": "+66891112222", "label": "", "safe_to_contact": False}]
    assert body["registered_subdistrict_code"] == "130201"
    detail = client.get(f"/api/v1/persons/{body['code']}").json()
    assert detail["id"] == body["id"]
    assert AuditEntry.objects.filter(action="persons.person.viewed").exists()


def test_a_likely_duplicate_is_409_with_the_candidates(
    world: World, client_for, person: Person
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    body = _body(
        given_name="สมหยิง",
        family_name="ใจดี",
        birth_date="2510-03-15",
        phones=[{"number": "0812345678"}],
    )
    response = client.post("/api/v1/persons", body, content_type="application/json")
    assert response.status_code == 409
    data = response.json()
    assert data["error"]["code"] == "possible_duplicates"
    assert data["candidates"][0]["person"]["code"] == person.code
    assert data["candidates"][0]["features"]
    again = client.post(
        "/api/v1/persons",
        {**body, "duplicate_reason": "คนละคน ตรวจบัตรแล้ว"},
        content_type="application/json",
    )
    assert again.status_code == 201
    dups = client.get(f"/api/v1/persons/{again.json()['id']}/duplicates").json()
    assert dups[0]["person"]["code"] == person.code and dups[0]["score"] > 0.5


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"documents": [{"type": "thai_id", "number": "1103702071839"}]}, "number"),
        ({"documents": [{"type": "thai_id", "number": "110370207183"}]}, "number"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "2300"}, "birth_date"),
        ({"registered_subdistrict_code": "999999"}, "registered_subdistrict_code"),
        ({"prefix": "ท่านขุน"}, "prefix"),
        ({"given_name": ""}, "given_name"),
        ({"phones": [{"number": "12"}]}, "phones.0.number"),
    ],
)
def test_bad_input_is_400_with_the_field(
    world: World, client_for, over: dict[str, object], field: str
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").post(
        "/api/v1/persons", _body(**over), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert any(field in key for key in fields), fields
    assert not Person.objects.exists()


def test_thai_digits_in_a_document_are_accepted(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = _body(documents=[{"type": "thai_id", "number": "๑๑๐๓๗๐๒๐๗๑๘๓๘"}])
    response = client_for("socialworker").post(
        "/api/v1/persons", body, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["national_id"] == THAI_ID


def test_no_fixed_address_with_a_place_and_gps(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = _body(
        no_fixed_address=True,
        place_description="ใต้สะพานลอยหน้าตลาดรังสิต",
        lat=13.98765432,
        lng=100.6123456,
    )
    response = client_for("socialworker").post(
        "/api/v1/persons", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    person = Person.objects.get()
    assert person.no_fixed_address and str(person.lat) == "13.987654"
    outside = _body(given_name="ก", lat=48.85, lng=2.35)
    assert (
        client_for("socialworker")
        .post("/api/v1/persons", outside, content_type="application/json")
        .status_code
        == 400
    )
