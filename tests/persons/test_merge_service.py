"""persons.services.persons_merge and merge_undo: moves everything, keeps a tombstone and an
audit entry, and can be undone within 30 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.persons import services
from onestop.persons.models import DuplicateCandidate, Person, PersonMerge
from tests.conftest import World
from tests.persons.conftest import make_person


@pytest.fixture
def pair(world: World, person: Person) -> tuple[Person, Person]:
    twin = make_person(
        world,
        given_name="สมหยิง",
        family_name="ใจดี",
        phones=["+66899990000"],
        birth="15/03/2510",
        nickname="ยิ่ง",
    )
    services.document_add(
        actor=world["socialworker"], person=twin, data=services.DocumentData("passport", "AA123")
    )
    hh = services.household_create(
        actor=world["socialworker"], center=world.center_a, name="บ้านใจดี"
    )
    services.membership_add(actor=world["socialworker"], household=hh, person=twin, role="member")
    child = make_person(world, given_name="น้ำฝน", family_name="ใจดี")
    services.relationship_add(
        actor=world["socialworker"], from_person=twin, to_person=child, kind="parent"
    )
    return person, twin


def test_merge_moves_documents_phones_households_and_relationships(
    world: World, pair: tuple[Person, Person]
) -> None:
    keep, gone = pair
    merge = services.persons_merge(
        actor=world["supervisor"], survivor=keep, merged=gone, take=["nickname"]
    )
    keep.refresh_from_db()
    gone.refresh_from_db()
    assert keep.nickname == "ยิ่ง"
    assert sorted(keep.phones.values_list("number", flat=True)) == ["+66812345678", "+66899990000"]
    assert keep.documents.count() == 2 and keep.memberships.count() == 1
    assert keep.relationships_from.get().kind == "parent"
    assert not gone.is_active and gone.merged_into == keep  # the tombstone
    assert not gone.phones.exists() and not gone.documents.exists()
    assert merge.moved and merge.fields_changed == {"nickname": ["หญิง", "ยิ่ง"]}
    entry = AuditEntry.objects.get(action="persons.person.merged")
    assert entry.actor == world["supervisor"] and entry.data["merged"] == gone.code
    assert (
        DuplicateCandidate.objects.filter(state="merged").count()
        == DuplicateCandidate.objects.count()
    )


def test_undo_within_30_days_puts_everything_back(
    world: World, pair: tuple[Person, Person]
) -> None:
    keep, gone = pair
    merge = services.persons_merge(
        actor=world["supervisor"], survivor=keep, merged=gone, take=["nickname", "birth_date"]
    )
    services.merge_undo(actor=world["supervisor"], merge=merge)
    keep.refresh_from_db()
    gone.refresh_from_db()
    assert gone.is_active and gone.merged_into is None
    assert keep.nickname == "หญิง"
    assert list(gone.phones.values_list("number", flat=True)) == ["+66899990000"]
    assert gone.documents.get().doc_type == "passport" and gone.memberships.count() == 1
    assert keep.phones.count() == 1 and keep.documents.count() == 1
    assert AuditEntry.objects.filter(action="persons.person.merge_undone").exists()
    with pytest.raises(services.PersonError):
        services.merge_undo(actor=world["supervisor"], merge=merge)


def test_undo_after_30_days_is_refused(world: World, pair: tuple[Person, Person]) -> None:
    keep, gone = pair
    merge = services.persons_merge(actor=world["supervisor"], survivor=keep, merged=gone)
    later = timezone.now() + dt.timedelta(days=PersonMerge.UNDO_DAYS, minutes=1)
    with pytest.raises(services.PersonError):
        services.merge_undo(actor=world["supervisor"], merge=merge, now=later)
    gone.refresh_from_db()
    assert not gone.is_active


def test_a_person_cannot_be_merged_with_themself(world: World, person: Person) -> None:
    with pytest.raises(services.PersonError):
        services.persons_merge(actor=world["supervisor"], survivor=person, merged=person)


def test_a_merge_across_two_centers_is_refused(world: World, person: Person) -> None:
    other = make_person(world, center=world.center_b)
    with pytest.raises(services.PersonError):
        services.persons_merge(actor=world["supervisor"], survivor=person, merged=other)
    other.refresh_from_db()
    assert other.is_active and not PersonMerge.objects.exists()


def test_a_merged_record_cannot_be_merged_again(world: World, pair: tuple[Person, Person]) -> None:
    keep, gone = pair
    services.persons_merge(actor=world["supervisor"], survivor=keep, merged=gone)
    with pytest.raises(services.PersonError):
        services.persons_merge(actor=world["supervisor"], survivor=keep, merged=gone)
