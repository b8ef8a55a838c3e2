from __future__ import annotations

import re

import pytest

from tests.conftest import World

EXPECTED = {
    "intake": {"home", "partners", "account"},
    "socialworker": {"home", "partners", "account"},
    "supervisor": {"home", "partners", "account"},
    "centeradmin": {"home", "center", "teams", "staff", "partners", "audit", "account"},
    "coordinator": {"home", "partners", "account"},
    "volunteer": {"home", "account"},
    "partner": {"home", "partners", "account"},
    "researcher": {"home", "account"},
    "dpo": {"home", "audit", "account"},
    "sysadmin": {"home", "center", "teams", "staff", "partners", "audit", "admin", "account"},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_sees_only_its_own_menu(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    response = client_for(persona).get("/staff/")
    assert response.status_code == 200
    shown = set(re.findall(r'data-menu="([a-z]+)"', response.content.decode()))
    assert shown == EXPECTED[persona]


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_every_menu_entry_opens_for_its_role(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    page = client.get("/staff/").content.decode()
    for url in re.findall(r'href="([^"]+)" data-menu=', page):
        assert client.get(url).status_code == 200, url


def test_the_public_has_no_menu(client) -> None:  # type: ignore[no-untyped-def]
    assert "data-menu" not in client.get("/").content.decode()
