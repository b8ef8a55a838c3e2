from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.directory.models import Organization
from tests.conftest import World, denied

VIEWERS = ["intake", "socialworker", "supervisor", "centeradmin", "partner"]
NO_ACCESS = ["volunteer", "researcher", "dpo"]


@pytest.mark.parametrize("persona", NO_ACCESS)
def test_roles_without_the_directory_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/partners/").status_code == denied(persona)
    assert client.get(f"/partners/{world.hospital.pk}/").status_code == denied(persona)


@pytest.mark.parametrize("persona", VIEWERS)
def test_viewers_can_read_but_not_edit(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/partners/").status_code == 200
    assert client.get(f"/partners/{world.hospital.pk}/").status_code == 200
    assert client.get("/partners/new/").status_code == denied(persona)
    assert client.post(
        f"/partners/{world.hospital.pk}/edit/", {"name_th": "x", "kind": "other"}
    ).status_code == denied(persona)


def test_a_coordinator_adds_an_organisation_with_an_address(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").post(
        "/partners/new/",
        {
            "name_th": "บ้านพักเด็กและครอบครัวจังหวัดปทุมธานี",
            "name_en": "Pathum Thani Children and Family Shelter",
            "kind": "shelter",
            "phone": "02 581 0000",
            "website": "example.org",
            "is_active": "on",
            "address-province": "13",
            "address-district": "1301",
            "address-subdistrict": "130101",
        },
    )
    assert response.status_code == 302
    org = Organization.objects.get(kind="shelter")
    assert org.website == "https://example.org"
    assert org.subdistrict_id == "130101"
    assert AuditEntry.objects.filter(
        action="directory.organization.created", object_id=str(org.pk)
    ).exists()


def test_a_duplicate_name_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").post(
        "/partners/new/", {"name_th": world.hospital.name_th, "kind": "hospital"}
    )
    assert response.status_code == 200
    assert Organization.objects.filter(name_th=world.hospital.name_th).count() == 1


def test_unknown_ids_are_404(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for("coordinator").get("/partners/99999/").status_code == 404


def test_the_list_query_count_is_bounded(
    world: World, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(10):
        Organization.objects.create(name_th=f"หน่วยงาน {i}", subdistrict_id="130101")
    client = client_for("socialworker")
    with django_assert_max_num_queries(10):
        assert client.get("/partners/").status_code == 200
