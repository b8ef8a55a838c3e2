from __future__ import annotations

import pytest

from onestop.audit.services import audit_log
from tests.conftest import World, denied

NO_AUDIT = [
    "intake",
    "socialworker",
    "supervisor",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
]


@pytest.mark.parametrize("persona", NO_AUDIT)
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert client_for(persona).get("/audit/").status_code == denied(persona)


def test_it_shows_only_the_own_centers_entries(
    world: World, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    audit_log(action="tests.a.done", center=world.center_a)
    audit_log(action="tests.b.done", center=world.center_b)
    for persona in ("centeradmin", "dpo"):
        client = client_for(persona)
        with django_assert_max_num_queries(12):
            body = client.get("/audit/").content.decode()
        assert "tests.a.done" in body
        assert "tests.b.done" not in body


def test_it_filters_by_action_and_kind(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    audit_log(action="tests.a.done", center=world.center_a)
    audit_log(action="tests.a.other", center=world.center_a, kind="read")
    client = client_for("dpo")
    body = client.get("/audit/", {"action": "tests.a.d"}).content.decode()
    assert "tests.a.done" in body and "tests.a.other" not in body
    body = client.get("/audit/", {"kind": "read"}).content.decode()
    assert "tests.a.other" in body and "tests.a.done" not in body


def test_nonsense_filters_do_not_break_it(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("dpo").get("/audit/", {"kind": "<x>", "page": "abc", "action": "'" * 500})
    assert response.status_code == 200


def test_the_system_admin_sees_every_center(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    audit_log(action="tests.b.done", center=world.center_b)
    assert "tests.b.done" in client_for("sysadmin").get("/audit/").content.decode()
