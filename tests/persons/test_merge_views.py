"""The duplicate queue and the merge screen: supervisors only, in their own center."""

from __future__ import annotations

import pytest

from onestop.persons.models import DuplicateCandidate, Person, PersonMerge
from tests.conftest import World, denied, sign_in
from tests.persons.conftest import make_person


@pytest.fixture
def twin(world: World, person: Person) -> Person:
    return make_person(
        world,
        given_name="สมหยิง",
        family_name="ใจดี",
        birth="15/03/2510",
        phones=["+66812345678"],
        nickname="ยิ่ง",
    )


@pytest.mark.parametrize("persona", ["intake", "socialworker", "volunteer", "centeradmin"])
def test_only_supervisors_merge(
    world: World, client_for, person: Person, twin: Person, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/persons/duplicates/").status_code == denied(persona)
    assert client.get(f"/persons/merge/{person.code}/{twin.code}/").status_code == denied(persona)
    assert client.post(
        f"/persons/merge/{person.code}/{twin.code}/", {"survivor": person.code}
    ).status_code == denied(persona)
    assert not PersonMerge.objects.exists()


def test_another_centers_supervisor_gets_404(world: World, person: Person, twin: Person) -> None:
    from django.test import Client

    from tests.conftest import make_user

    b_supervisor = make_user("b_supervisor", world.center_b, ["supervisor"], world.team_b1)
    client = Client()
    sign_in(client, b_supervisor)
    assert client.get(f"/persons/merge/{person.code}/{twin.code}/").status_code == 404
    candidate = DuplicateCandidate.objects.get()
    assert client.post(f"/persons/duplicates/{candidate.pk}/distinct/").status_code == 404
    assert person.code not in client.get("/persons/duplicates/").content.decode()


def test_the_queue_lists_the_pair_with_its_reasons(
    world: World, client_for, person: Person, twin: Person
) -> None:  # type: ignore[no-untyped-def]
    page = client_for("supervisor").get("/persons/duplicates/").content.decode()
    assert person.code in page and twin.code in page and "ออกเสียงเหมือนกัน" in page


def test_compare_field_by_field_and_merge(
    world: World, client_for, person: Person, twin: Person
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    page = client.get(f"/persons/merge/{person.code}/{twin.code}/").content.decode()
    assert 'class="differs"' in page and "ยิ่ง" in page
    response = client.post(
        f"/persons/merge/{person.code}/{twin.code}/",
        {"survivor": person.code, "take_nickname": twin.code, "take_given_name": person.code},
    )
    assert response.status_code == 302 and response["Location"] == f"/persons/{person.code}/"
    person.refresh_from_db()
    twin.refresh_from_db()
    assert person.nickname == "ยิ่ง" and person.given_name == "สมหญิง"
    assert twin.merged_into == person
    tomb = client.get(f"/persons/{twin.code}/").content.decode()
    assert person.code in tomb  # the tombstone points at the survivor
    # The merged record's history now shows on the survivor's page.
    survivor_page = client.get(f"/persons/{person.code}/").content.decode()
    assert survivor_page.count("persons.person.created") == 2


def test_merging_a_person_with_themself_is_a_clear_error(
    world: World, client_for, person: Person
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("supervisor").post(
        f"/persons/merge/{person.code}/{person.code}/", {"survivor": person.code}
    )
    assert response.status_code == 400 and 'class="errors"' in response.content.decode()


def test_undo_from_the_person_page(world: World, client_for, person: Person, twin: Person) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    client.post(f"/persons/merge/{person.code}/{twin.code}/", {"survivor": person.code})
    merge = PersonMerge.objects.get()
    assert (
        f"/persons/merges/{merge.pk}/undo/"
        in client.get(f"/persons/{person.code}/").content.decode()
    )
    assert client_for("socialworker").post(f"/persons/merges/{merge.pk}/undo/").status_code == 403
    assert client.post(f"/persons/merges/{merge.pk}/undo/").status_code == 302
    twin.refresh_from_db()
    assert twin.is_active


def test_not_the_same_leaves_both(world: World, client_for, person: Person, twin: Person) -> None:  # type: ignore[no-untyped-def]
    candidate = DuplicateCandidate.objects.get()
    assert (
        client_for("supervisor").post(f"/persons/duplicates/{candidate.pk}/distinct/").status_code
        == 302
    )
    candidate.refresh_from_db()
    assert candidate.state == "distinct"
    assert twin.code not in client_for("supervisor").get("/persons/duplicates/").content.decode()
