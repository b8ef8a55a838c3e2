from __future__ import annotations

import re

import pytest

from tests.conftest import World

EXPECTED = {
    "intake": {"home", "queue", "contact", "persons", "partners", "notifications", "account"},
    "socialworker": {
        "home",
        "myday",
        "cases",
        "incoming",
        "persons",
        "partners",
        "notifications",
        "account",
    },
    "supervisor": {
        "home",
        "queue",
        "myday",
        "cases",
        "workload",
        "incoming",
        "persons",
        "duplicates",
        "partners",
        "reports",
        "outcomes",
        "notifications",
        "account",
    },
    "centeradmin": {
        "home",
        "center",
        "rules",
        "teams",
        "staff",
        "partners",
        "reports",
        "outcomes",
        "research",
        "records",
        "audit",
        "notifications",
        "account",
    },
    "coordinator": {
        "home",
        "partners",
        "volunteers",
        "events",
        "giving",
        "notifications",
        "account",
    },
    "volunteer": {"home", "myvisits", "notifications", "account"},
    "partner": {"home", "referrals", "partners", "notifications", "account"},
    "researcher": {"home", "reports", "outcomes", "research", "notifications", "account"},
    "dpo": {
        "home",
        "reports",
        "outcomes",
        "dsar",
        "breaches",
        "retention",
        "records",
        "audit",
        "notifications",
        "account",
    },
    "sysadmin": {
        "home",
        "queue",
        "contact",
        "myday",
        "cases",
        "workload",
        "referrals",
        "incoming",
        "persons",
        "duplicates",
        "center",
        "rules",
        "teams",
        "staff",
        "partners",
        "volunteers",
        "events",
        "giving",
        "myvisits",
        "reports",
        "outcomes",
        "research",
        "dsar",
        "breaches",
        "retention",
        "records",
        "audit",
        "admin",
        "notifications",
        "account",
    },
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
