"""/api/hsds/: every response validates against the HSDS 3.0 schemas; filters, pages, 404/400,
and a shelter's address never leaves."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone

from onestop.directory.models import Service
from tests.directory.conftest import Directory, term

SCHEMAS = Path(__file__).resolve().parents[2] / "onestop" / "directory" / "hsds_schemas"


def validate(name: str, data: object) -> None:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    errors = [f"{list(e.path)}: {e.message}" for e in validator(schema).iter_errors(data)]
    assert errors == []


def page_ok(data: dict) -> None:  # type: ignore[type-arg]
    for key in (
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ):
        assert key in data


def test_root_says_version_and_profile(db: None, client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/hsds/").json()
    assert data["version"] == "3.0" and data["profile"].startswith("https://")


def test_lists_and_details_validate(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    services = client.get("/api/hsds/services").json()
    page_ok(services)
    assert services["total_items"] == 2
    for item in services["contents"]:
        validate("service_list", item)
    full = client.get("/api/hsds/services?full=true").json()
    for item in full["contents"]:
        validate("service", item)
    one = client.get(f"/api/hsds/services/{directory.social_medicine.pk}").json()
    validate("service", one)
    assert (
        one["name"] == "งานสังคมสงเคราะห์ทางการแพทย์"
        and one["alternate_name"] == "Medical social work"
    )
    assert {a["taxonomy_term"]["code"] for a in one["attributes"]} == {"ELD", "SVC.MEDICAL"}
    assert one["service_at_locations"][0]["location"]["addresses"][0]["postal_code"]
    orgs = client.get("/api/hsds/organizations").json()
    for item in orgs["contents"]:
        validate("organization_list", item)
    org = client.get(f"/api/hsds/organizations/{directory.hospital.uuid}").json()
    validate("organization", org)
    sals = client.get("/api/hsds/service_at_locations").json()
    for item in sals["contents"]:
        validate("service_at_location_list", item)
    sal = client.get(f"/api/hsds/service_at_locations/{sals['contents'][0]['id']}").json()
    validate("service_at_location", sal)
    terms = client.get("/api/hsds/taxonomy_terms?per_page=100").json()
    assert terms["total_items"] >= 60
    for item in terms["contents"]:
        validate("taxonomy_term", item)


def test_a_shelter_address_is_never_published(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    for url in (
        f"/api/hsds/services/{directory.shelter_service.pk}",
        f"/api/hsds/organizations/{directory.shelter.uuid}",
        "/api/hsds/service_at_locations",
        "/api/hsds/services?full=true",
    ):
        body = client.get(url).content.decode()
        assert "ซอยลับ" not in body and "14.02" not in body and "100.52" not in body, url
    loc = client.get(f"/api/hsds/organizations/{directory.shelter.uuid}").json()["locations"][0]
    assert loc["addresses"] == [] and "latitude" not in loc
    assert loc["phones"][0]["number"] == "025813440"  # the way in is a phone call


def test_search_taxonomy_organization_and_modified_after(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    def names(url: str) -> set[str]:
        return {s["name"] for s in client.get(url).json()["contents"]}

    assert names("/api/hsds/services?search=ที่พัก") == {"ที่พักพิงชั่วคราว"}
    # The parent term finds services filed under its children.
    assert names(f"/api/hsds/services?taxonomy_term_id={term('VIO').pk}") == {"ที่พักพิงชั่วคราว"}
    assert names(f"/api/hsds/services?organization_id={directory.hospital.uuid}") == {
        "งานสังคมสงเคราะห์ทางการแพทย์"
    }
    later = (timezone.now() + timezone.timedelta(minutes=1)).isoformat()
    assert client.get("/api/hsds/services", {"modified_after": later}).json()["empty"] is True
    Service.objects.filter(pk=directory.shelter_service.pk).update(
        updated=timezone.now() + timezone.timedelta(minutes=5)
    )
    assert names(f"/api/hsds/services?modified_after={later.replace('+', '%2B')}") == {
        "ที่พักพิงชั่วคราว"
    }


def test_pages(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/api/hsds/services?per_page=1").json()
    second = client.get("/api/hsds/services?per_page=1&page=2").json()
    assert first["total_pages"] == 2 and first["first_page"] and not first["last_page"]
    assert second["last_page"] and second["contents"][0]["id"] != first["contents"][0]["id"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services?page=0",
        "/api/hsds/services?per_page=1000",
        "/api/hsds/services?taxonomy_term_id=nope",
        "/api/hsds/services?modified_after=yesterday",
    ],
)
def test_bad_parameters_are_400(db: None, client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 400 and response.json()["error"]["code"] == "validation_error"


def test_unknown_ids_are_404(db: None, client) -> None:  # type: ignore[no-untyped-def]
    for url in (
        "/api/hsds/services/00000000-0000-4000-8000-000000000000",
        "/api/hsds/services/nope",
        "/api/hsds/organizations/00000000-0000-4000-8000-000000000000",
    ):
        assert client.get(url).status_code in (404, 400), url
    assert client.get("/api/hsds/services/00000000-0000-4000-8000-000000000000").status_code == 404


def test_the_hsds_api_only_reads(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/hsds/services", {}, content_type="application/json").status_code == 405
    assert client.delete(f"/api/hsds/services/{directory.social_medicine.pk}").status_code == 405


def test_the_hsds_openapi_document_and_docs_page(db: None, client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/hsds/openapi.json").json()
    assert {"/api/hsds/services", "/api/hsds/organizations", "/api/hsds/taxonomy_terms"} <= set(
        spec["paths"]
    )
    docs = client.get("/api/hsds/docs")
    assert docs.status_code == 200 and "cdn" not in docs.content.decode().lower()
