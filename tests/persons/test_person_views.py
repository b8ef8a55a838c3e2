"""The registry pages: search, search-before-create, the person page and its small forms."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.persons.models import (
    Household,
    IdentityDocument,
    Person,
    PersonPhone,
    PersonSensitive,
    Relationship,
)
from tests.conftest import World, denied
from tests.persons.conftest import THAI_ID, make_person


def _new(**over: str) -> dict[str, str]:
    data = {
        "given_name": "มานี",
        "family_name": "มีนา",
        "citizenship_status": "thai",
        "birth": "03/2545",
        "national_id": "",
        "id_type": "thai_id",
        "phone": "089 111 2222",
        "phone_safe": "on",
    }
    data.update(over)
    return data


@pytest.mark.parametrize(
    "persona", ["volunteer", "partner", "researcher", "coordinator", "centeradmin"]
)
def test_roles_without_the_registry_get_403(
    world: World, client_for, person: Person, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    for url in (
        "/persons/",
        "/persons/new/",
        f"/persons/{person.code}/",
        f"/persons/{person.code}/edit/",
    ):
        assert client.get(url).status_code == denied(persona), url
    assert client.post("/persons/new/", _new()).status_code == denied(persona)
    assert client.post(
        f"/persons/{person.code}/phones/", {"number": "0899999999"}
    ).status_code == denied(persona)
    assert Person.objects.count() == 1


def test_another_centers_staff_get_404(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    client = client_for("b_socialworker")
    assert client.get(f"/persons/{person.code}/").status_code == 404
    assert client.get(f"/persons/{person.pk}/").status_code == 404
    assert (
        client.post(f"/persons/{person.code}/phones/", {"number": "0899999999"}).status_code == 404
    )
    assert "สมหญิง" not in client.get("/persons/?q=สมหญิ").content.decode()


def test_anonymous_is_sent_to_login(db: None, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/persons/").status_code == 302


@pytest.mark.parametrize("persona", ["intake", "socialworker", "supervisor"])
def test_search_by_thai_fragment(world: World, client_for, person: Person, persona: str) -> None:  # type: ignore[no-untyped-def]
    page = client_for(persona).get("/persons/?q=สมหญิ").content.decode()
    assert "สมหญิง" in page and person.code in page
    assert THAI_ID not in page  # masked in lists


def test_the_htmx_search_returns_only_the_results(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").get("/persons/?q=ใจด", HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and person.code in response.content.decode()


def test_create_registers_and_audits(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("intake").post("/persons/new/", _new())
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/persons/{person.code}/"
    assert person.birth_precision == "month" and person.birth_date.year == 2002
    assert person.phones.get().number == "+66891112222"
    assert AuditEntry.objects.filter(
        action="persons.person.created", actor=world["intake"]
    ).exists()


def test_a_likely_duplicate_is_shown_and_needs_a_reason(
    world: World, client_for, person: Person
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    data = _new(given_name="สมหยิง", family_name="ใจดี", birth="15/03/2510", phone="081 234 5678")
    response = client.post("/persons/new/", data)
    page = response.content.decode()
    assert response.status_code == 200 and person.code in page
    assert Person.objects.count() == 1
    response = client.post("/persons/new/", {**data, "duplicate_reason": "ตรวจแล้ว คนละคน"})
    assert response.status_code == 302 and Person.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("national_id", "1103702071839"),  # wrong check digit
        ("national_id", "110370207183"),  # 12 digits
        ("birth", "01/01/2999"),  # future
        ("birth", "2300"),  # neither a plausible BE nor CE year
        ("phone", "12"),
        ("given_name", ""),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(
    world: World, client_for, field: str, value: str
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").post("/persons/new/", _new(**{field: value}))
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Person.objects.exists()


def test_thai_digits_in_the_id_are_accepted(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").post(
        "/persons/new/", _new(national_id="๑-๑๐๓๗-๐๒๐๗๑-๘๓-๘")
    )
    assert response.status_code == 302
    assert Person.objects.get().national_id == THAI_ID


def test_a_subdistrict_that_does_not_exist_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").post(
        "/persons/new/",
        _new(
            **{
                "registered-province": "13",
                "registered-district": "1302",
                "registered-subdistrict": "999999",
            }
        ),
    )
    assert response.status_code == 200 and not Person.objects.exists()


def test_the_person_page_read_is_audited(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    page = client_for("intake").get(f"/persons/{person.code}/").content.decode()
    assert "สมหญิง" in page and "2510" in page  # BE
    assert AuditEntry.objects.filter(action="persons.person.viewed", actor=world["intake"]).exists()


def test_sensitive_attributes_only_for_roles_that_need_them_and_audited(
    world: World, client_for, person: Person
) -> None:  # type: ignore[no-untyped-def]
    from onestop.persons import services

    services.sensitive_update(
        actor=world["socialworker"], person=person, religion="พุทธ", health_notes="ความดันสูง"
    )
    intake_page = client_for("intake").get(f"/persons/{person.code}/?sensitive=1").content.decode()
    assert "ความดันสูง" not in intake_page
    assert client_for("intake").get(f"/persons/{person.code}/sensitive/").status_code == 403
    sw = client_for("socialworker")
    assert "ความดันสูง" not in sw.get(f"/persons/{person.code}/").content.decode()
    assert not AuditEntry.objects.filter(action="persons.person_sensitive.viewed").exists()
    assert "ความดันสูง" in sw.get(f"/persons/{person.code}/?sensitive=1").content.decode()
    entry = AuditEntry.objects.get(action="persons.person_sensitive.viewed")
    assert entry.actor == world["socialworker"]
    response = sw.post(
        f"/persons/{person.code}/sensitive/",
        {"religion": "อิสลาม", "ethnicity": "", "health_notes": ""},
    )
    assert response.status_code == 302
    assert PersonSensitive.objects.get(person=person).religion == "อิสลาม"


def test_edit_with_a_stale_version_is_refused(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    data = {
        "given_name": "สมหญิง",
        "family_name": "ใจดีมาก",
        "citizenship_status": "thai",
        "birth": "2510",
        "version": person.version,
    }
    assert client.post(f"/persons/{person.code}/edit/", data).status_code == 302
    person.refresh_from_db()
    assert person.family_name == "ใจดีมาก" and person.birth_precision == "year"
    response = client.post(
        f"/persons/{person.code}/edit/", {**data, "family_name": "x", "version": 1}
    )
    assert response.status_code == 200 and "errors" in response.content.decode()


def test_add_document_with_a_bad_check_digit_then_an_override(
    world: World, client_for, person: Person
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    url = f"/persons/{person.code}/documents/"
    response = client.post(url, {"doc_type": "non_thai_id", "number": "0012345678900"})
    assert response.status_code == 400 and IdentityDocument.objects.count() == 1
    response = client.post(
        url, {"doc_type": "non_thai_id", "number": "0012345678900", "override_reason": "บัตรออกผิด"}
    )
    assert response.status_code == 302
    assert IdentityDocument.objects.filter(verification="overridden").exists()


def test_add_and_remove_a_phone(world: World, client_for, person: Person) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    assert (
        client.post(f"/persons/{person.code}/phones/", {"number": "not a phone"}).status_code == 400
    )
    assert (
        client.post(
            f"/persons/{person.code}/phones/", {"number": "02 123 4567", "label": "บ้าน"}
        ).status_code
        == 302
    )
    phone = PersonPhone.objects.get(number="+6621234567")
    assert not phone.safe_to_contact  # an unticked box means not safe
    assert client.post(f"/persons/{person.code}/phones/{phone.pk}/remove/").status_code == 302
    assert not PersonPhone.objects.filter(pk=phone.pk).exists()


def test_relationship_by_person_code_and_household(
    world: World, client_for, person: Person
) -> None:  # type: ignore[no-untyped-def]
    child = make_person(world, given_name="น้ำฝน")
    other = make_person(world, center=world.center_b, given_name="มานะ")
    client = client_for("socialworker")
    url = f"/persons/{person.code}/relationships/"
    assert client.post(url, {"kind": "parent", "other": other.code}).status_code == 400
    assert client.post(url, {"kind": "parent", "other": child.code}).status_code == 302
    assert Relationship.objects.get().to_person == child
    page = client.get(f"/persons/{child.code}/").content.decode()
    assert person.full_name in page
    response = client.post(
        f"/persons/{person.code}/households/",
        {"new_household": "บ้านเลขที่ 9", "role": "head", "start": "01/01/2560"},
    )
    assert response.status_code == 302
    household = Household.objects.get()
    assert (
        client.post(
            f"/persons/{child.code}/households/", {"household": household.pk, "role": "child"}
        ).status_code
        == 302
    )
    assert household.memberships.count() == 2
    b_household = Household.objects.create(center=world.center_b, name="B")
    assert (
        client.post(
            f"/persons/{child.code}/households/", {"household": b_household.pk, "role": "child"}
        ).status_code
        == 400
    )
