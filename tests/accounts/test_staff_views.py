from __future__ import annotations

import pytest
from django.test import Client

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from tests.conftest import World, denied

NOT_ADMINS = [
    "intake",
    "socialworker",
    "supervisor",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
    "dpo",
]


def _new_account(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "newworker",
        "name_prefix": "นางสาว",
        "first_name": "มาลี",
        "last_name": "ดีใจ",
        "position": "นักสังคมสงเคราะห์",
        "email": "malee@tu.invalid",
        "phone": "081-234-5678",
        "roles": ["social_worker"],
        "password": "a-long-first-passphrase-2568",
        "is_active": "on",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("persona", NOT_ADMINS)
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    target = world["socialworker"].pk
    for url in (
        "/accounts/staff/",
        "/accounts/staff/new/",
        f"/accounts/staff/{target}/",
        f"/accounts/staff/{target}/edit/",
    ):
        assert client.get(url).status_code == denied(persona), url
    assert client.post("/accounts/staff/new/", _new_account()).status_code == denied(persona)
    assert not User.objects.filter(username="newworker").exists()


def test_anonymous_is_sent_to_login(client: Client, world: World) -> None:
    assert client.get("/accounts/staff/").status_code == 302


def test_the_list_shows_only_the_admins_center(
    world: World, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    with django_assert_max_num_queries(12):
        body = client.get("/accounts/staff/").content.decode()
    assert "Socialworker" in body
    assert "B_Socialworker" not in body


def test_another_centers_account_is_404(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    other = world["b_socialworker"].pk
    assert client.get(f"/accounts/staff/{other}/").status_code == 404
    assert client.get(f"/accounts/staff/{other}/edit/").status_code == 404
    assert client.post(f"/accounts/staff/{other}/edit/", _new_account()).status_code == 404
    assert client.get("/accounts/staff/999999/").status_code == 404


def test_a_system_admin_account_is_hidden_from_center_admins(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    assert (
        client_for("centeradmin").get(f"/accounts/staff/{world['sysadmin'].pk}/").status_code == 404
    )


def test_reading_a_profile_is_audited(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    target = world["socialworker"]
    response = client_for("centeradmin").get(f"/accounts/staff/{target.pk}/")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="accounts.user.viewed")
    assert entry.kind == AuditEntry.Kind.READ
    assert entry.actor == world["centeradmin"]
    assert entry.object_id == str(target.pk)
    # The history include on the page shows the account's own entries.
    assert "accounts.user.created" in response.content.decode()


def test_creating_an_account_in_the_admins_center(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    response = client.post("/accounts/staff/new/", _new_account(team=world.team_a2.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newworker")
    assert user.center == world.center_a
    assert user.team == world.team_a2
    assert user.phone == "+66812345678"
    assert user.role_codes == ["social_worker"]
    assert user.check_password("a-long-first-passphrase-2568")
    entry = AuditEntry.objects.get(action="accounts.user.created", object_id=str(user.pk))
    assert entry.actor == world["centeradmin"]
    assert entry.data == {"roles": ["social_worker"]}
    assert entry.changes["phone"] == [None, "••••678"]


def test_a_team_of_another_center_cannot_be_chosen(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/accounts/staff/new/", _new_account(team=world.team_b1.pk)
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="newworker").exists()


def test_the_system_admin_role_cannot_be_handed_out(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/accounts/staff/new/", _new_account(roles=["system_admin"])
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="newworker").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "a b"),
        ("username", "socialworker"),
        ("phone", "12"),
        ("password", "short"),
        ("roles", []),
        ("first_name", ""),
        ("email", "not-an-email"),
        ("last_name", "x" * 500),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(
    world: World, client_for, field: str, value: object
) -> None:  # type: ignore[no-untyped-def]
    before = User.objects.count()
    response = client_for("centeradmin").post(
        "/accounts/staff/new/", _new_account(**{field: value})
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert User.objects.count() == before


def test_partner_staff_need_an_organisation(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/accounts/staff/new/", _new_account(roles=["partner_staff"])
    )
    assert response.status_code == 200
    assert "หน่วยงานภาคี" in response.content.decode()
    ok = client_for("centeradmin").post(
        "/accounts/staff/new/",
        _new_account(roles=["partner_staff"], organization=world.hospital.pk),
    )
    assert ok.status_code == 302


def test_editing_roles_and_deactivating_is_audited(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    target = world["volunteer"]
    data = _new_account(username="volunteer", roles=["volunteer", "researcher"], password="")
    data.pop("is_active")
    response = client_for("centeradmin").post(f"/accounts/staff/{target.pk}/edit/", data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert sorted(target.role_codes) == ["researcher", "volunteer"]
    entry = AuditEntry.objects.get(action="accounts.user.updated", object_id=str(target.pk))
    assert entry.changes["roles"] == [["volunteer"], ["researcher", "volunteer"]]
    assert entry.changes["is_active"] == [True, False]


def test_an_admin_cannot_deactivate_themself(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    me = world["centeradmin"]
    data = _new_account(username="centeradmin", roles=["center_admin"], password="")
    data.pop("is_active")
    response = client_for("centeradmin").post(f"/accounts/staff/{me.pk}/edit/", data)
    assert response.status_code == 200
    me.refresh_from_db()
    assert me.is_active


def test_the_system_admin_sees_every_center(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("sysadmin")
    assert client.get(f"/accounts/staff/{world['b_socialworker'].pk}/").status_code == 200
    assert "B_Socialworker" in client.get("/accounts/staff/").content.decode()
