"""persons.services: create with search-before-create, documents, phones, households,
relationships and sensitive attributes, each audited and all-or-nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from onestop.audit.models import AuditEntry
from onestop.core.errors import StaleEdit
from onestop.persons import services
from onestop.persons.models import (
    DuplicateCandidate,
    HouseholdMembership,
    IdentityDocument,
    Person,
    PersonPhone,
    Relationship,
)
from tests.conftest import World
from tests.persons.conftest import STATELESS_ID, THAI_ID, make_person


def test_a_person_without_any_document_gets_an_internal_id_and_a_code(world: World) -> None:
    p = make_person(
        world, given_name="ชายไร้บ้าน หน้าตลาด", family_name="", citizenship_status="unknown"
    )
    assert p.pk and p.code.startswith("P-") and len(p.code) == 13
    assert not p.documents.exists() and p.national_id == ""
    entry = AuditEntry.objects.get(action="persons.person.created", object_id=str(p.pk))
    assert entry.actor == world["socialworker"]


def test_the_checked_id_card_becomes_the_searchable_id(world: World, person: Person) -> None:
    doc = person.documents.get()
    assert doc.verification == "checked" and doc.number == THAI_ID
    assert person.national_id == THAI_ID


def test_a_stateless_person_with_a_type_0_id_is_accepted(world: World) -> None:
    p = make_person(world, national_id=STATELESS_ID, citizenship_status="stateless")
    assert p.national_id == STATELESS_ID


def test_a_likely_duplicate_needs_a_reason(world: World, person: Person) -> None:
    new = services.NewPerson(
        {
            "given_name": "สมหยิง",
            "family_name": "ใจดี",
            "birth_date": person.birth_date,
            "birth_precision": "day",
        },
        phones=[services.PhoneData("+66812345678")],
    )
    with pytest.raises(services.PossibleDuplicates) as exc:
        services.person_create(actor=world["socialworker"], center=world.center_a, data=new)
    assert exc.value.candidates[0][0] == person
    assert Person.objects.count() == 1  # nothing half-saved
    created = services.person_create(
        actor=world["socialworker"], center=world.center_a, data=new, duplicate_reason="แฝด คนละคน"
    )
    assert created.duplicate_override_reason == "แฝด คนละคน"
    pair = DuplicateCandidate.objects.get()
    assert {pair.person_a, pair.person_b} == {person, created} and pair.state == "open"


def test_a_namesake_in_another_center_is_not_a_duplicate(world: World, person: Person) -> None:
    other = make_person(world, center=world.center_b, reason="", birth="15/03/2510")
    assert other.center == world.center_b


def test_a_wrong_check_digit_needs_an_override_reason(world: World, person: Person) -> None:
    bad = THAI_ID[:-1] + str((int(THAI_ID[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor=world["socialworker"],
            person=person,
            data=services.DocumentData("non_thai_id", bad),
        )
    assert "number" in exc.value.message_dict
    doc = services.document_add(
        actor=world["socialworker"],
        person=person,
        data=services.DocumentData("non_thai_id", bad, override_reason="บัตรจริงพิมพ์เลขนี้"),
    )
    assert doc.verification == "overridden"
    entry = AuditEntry.objects.filter(action="persons.identity_document.added").latest("pk")
    assert THAI_ID[:5] not in str(entry.data)  # the number is masked in the audit log


def test_a_passport_is_free_form(world: World, person: Person) -> None:
    doc = services.document_add(
        actor=world["socialworker"],
        person=person,
        data=services.DocumentData("passport", "MA1234567", issuer="Myanmar"),
    )
    assert doc.verification == "unverified"


def test_update_checks_the_version_and_rekeys(world: World, person: Person) -> None:
    updated = services.person_update(
        actor=world["socialworker"],
        person=person,
        expected_version=person.version,
        fields={"given_name": "ศิริพร"},
    )
    assert updated.given_skel == "สรพร" and updated.version == person.version + 1
    with pytest.raises(StaleEdit):
        services.person_update(
            actor=world["socialworker"],
            person=person,
            expected_version=person.version,
            fields={"nickname": "x"},
        )
    assert AuditEntry.objects.filter(action="persons.person.updated").count() == 1


def test_a_birth_date_in_the_future_is_refused(world: World, person: Person) -> None:
    import datetime as dt

    with pytest.raises(ValidationError):
        services.person_update(
            actor=world["socialworker"],
            person=person,
            expected_version=None,
            fields={"birth_date": dt.date(2999, 1, 1), "birth_precision": "day"},
        )
    person.refresh_from_db()
    assert person.birth_date.year == 1967


def test_no_fixed_address_needs_a_place(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        make_person(world, no_fixed_address=True)
    assert "place_description" in exc.value.message_dict
    p = make_person(
        world, no_fixed_address=True, place_description="ใต้สะพานหน้าตลาดรังสิต", lat=14.0, lng=100.6
    )
    assert p.no_fixed_address


def test_phones_keep_the_safe_to_contact_flag(world: World, person: Person) -> None:
    phone = services.phone_add(
        actor=world["socialworker"],
        person=person,
        data=services.PhoneData("+66899999999", "แม่", safe_to_contact=False),
    )
    assert not phone.safe_to_contact
    with pytest.raises(services.PersonError):
        services.phone_add(
            actor=world["socialworker"], person=person, data=services.PhoneData("+66899999999")
        )
    assert PersonPhone.objects.filter(person=person).count() == 2


def test_households_are_dated_with_one_current_head(world: World, person: Person) -> None:
    import datetime as dt

    spouse = make_person(world, given_name="สมชาย", family_name="ใจดี", sex="M")
    hh = services.household_create(
        actor=world["socialworker"], center=world.center_a, name="บ้านใจดี"
    )
    services.membership_add(
        actor=world["socialworker"],
        household=hh,
        person=person,
        role="head",
        start=dt.date(2020, 1, 1),
    )
    with pytest.raises(services.PersonError):
        services.membership_add(
            actor=world["socialworker"], household=hh, person=spouse, role="head"
        )
    with pytest.raises(services.PersonError):
        services.membership_add(
            actor=world["socialworker"],
            household=hh,
            person=spouse,
            role="spouse",
            start=dt.date(2021, 1, 1),
            end=dt.date(2020, 1, 1),
        )
    m = services.membership_add(
        actor=world["socialworker"], household=hh, person=spouse, role="spouse"
    )
    services.membership_end(actor=world["socialworker"], membership=m, end=dt.date(2025, 6, 30))
    assert not HouseholdMembership.objects.get(pk=m.pk).is_current


def test_relationships_read_both_ways(world: World, person: Person) -> None:
    child = make_person(world, given_name="ด.ญ. น้ำฝน", family_name="ใจดี")
    link = services.relationship_add(
        actor=world["socialworker"], from_person=person, to_person=child, kind="parent"
    )
    assert str(link.label_from(person.pk)[0]) == str(Relationship.Kind.PARENT.label)
    assert str(link.label_from(child.pk)[0]) == str(Relationship.Kind.CHILD.label)
    with pytest.raises(services.PersonError):  # the same link from the other side
        services.relationship_add(
            actor=world["socialworker"], from_person=child, to_person=person, kind="child"
        )
    with pytest.raises(services.PersonError):
        services.relationship_add(
            actor=world["socialworker"], from_person=person, to_person=person, kind="spouse"
        )


def test_a_relationship_across_centers_is_refused(world: World, person: Person) -> None:
    other = make_person(world, center=world.center_b, given_name="มานี")
    with pytest.raises(services.PersonError):
        services.relationship_add(
            actor=world["socialworker"], from_person=person, to_person=other, kind="carer"
        )


def test_sensitive_attributes_are_audited_without_their_values(
    world: World, person: Person
) -> None:
    services.sensitive_update(
        actor=world["socialworker"], person=person, religion="อิสลาม", health_notes="เบาหวาน"
    )
    entry = AuditEntry.objects.get(action="persons.person_sensitive.updated")
    assert entry.data == {"fields": ["health_notes", "religion"]}
    assert "เบาหวาน" not in str(entry.data) + str(entry.changes)


def test_documents_keep_the_national_id_in_sync(world: World, person: Person) -> None:
    services.document_remove(
        actor=world["socialworker"], document=IdentityDocument.objects.get(person=person)
    )
    person.refresh_from_db()
    assert person.national_id == ""
