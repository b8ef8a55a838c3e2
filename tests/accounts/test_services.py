from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from onestop.accounts import services
from onestop.accounts.capabilities import CAPABILITIES, ROLES
from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from tests.conftest import World


def test_roles_are_groups_holding_their_capabilities(db: None) -> None:
    for code, (_label, caps) in ROLES.items():
        group = Group.objects.get(name=code)
        assert set(group.permissions.values_list("codename", flat=True)) == set(caps)


def test_roles_sync_repairs_a_tampered_group(db: None) -> None:
    group = Group.objects.get(name="volunteer")
    group.permissions.clear()
    services.roles_sync()
    assert list(group.permissions.values_list("codename", flat=True)) == ["can_volunteer"]


def test_capabilities_are_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "capabilities.md").read_text(
        encoding="utf-8"
    )
    for code in [*CAPABILITIES, *ROLES]:
        assert f"`{code}`" in doc, code


def test_a_superuser_is_a_system_admin_with_every_capability(world: World) -> None:
    su = User.objects.create_superuser("root2", "root@x.invalid", "a-long-passphrase-2568")
    assert su.is_system_admin
    assert all(su.can(c) for c in CAPABILITIES)


def test_a_user_without_a_center_must_be_a_system_admin(world: World) -> None:
    with pytest.raises(services.AccountError):
        services.user_create(
            actor=None, username="x1", password=None, center=None, roles=["social_worker"]
        )
    assert not User.objects.filter(username="x1").exists()


def test_a_failed_create_leaves_nothing_behind(world: World) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(services.AccountError):
        services.user_create(
            actor=None, username="x2", password=None, center=world.center_a, roles=["nope"]
        )
    assert AuditEntry.objects.count() == before
    assert not User.objects.filter(username="x2").exists()


def test_update_records_only_what_changed(world: World) -> None:
    user = world["intake"]
    services.user_update(actor=world["centeradmin"], user=user, position="หัวหน้าทีมรับเรื่อง")
    entry = AuditEntry.objects.get(action="accounts.user.updated")
    assert entry.changes == {"position": ["", "หัวหน้าทีมรับเรื่อง"]}
    services.user_update(actor=world["centeradmin"], user=user, position="หัวหน้าทีมรับเรื่อง")
    assert AuditEntry.objects.filter(action="accounts.user.updated").count() == 1


def test_username_cannot_be_changed_by_update(world: World) -> None:
    with pytest.raises(services.AccountError):
        services.user_update(actor=world["centeradmin"], user=world["intake"], username="new")
