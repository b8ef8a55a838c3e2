from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.centers.models import Center, Team
from onestop.core.errors import check_version

CENTER_FIELDS = [
    "name_th",
    "name_en",
    "address_line",
    "subdistrict",
    "phone",
    "email",
    "staffed_24h",
]
TEAM_FIELDS = ["name", "description", "is_active"]


class CenterError(ValueError):
    pass


@transaction.atomic
def center_update(
    *, actor: User, center: Center, expected_version: int | None = None, **fields: Any
) -> Center:
    center = Center.objects.select_for_update().get(pk=center.pk)
    check_version(center.version, expected_version)
    before = snapshot(center, CENTER_FIELDS)
    for name, value in fields.items():
        if name not in CENTER_FIELDS:
            raise CenterError(f"field {name} cannot be changed here")
        setattr(center, name, value)
    center.full_clean()
    changes = diff(before, snapshot(center, CENTER_FIELDS))
    if changes:
        center.version += 1
        center.save()
        audit_log(action="centers.center.updated", actor=actor, obj=center, changes=changes)
    return center


def _check_team_name(center: Center, name: str, exclude_pk: int | None = None) -> None:
    clash = Team.objects.filter(center=center, name=name)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise CenterError(_("This center already has a team with that name."))


@transaction.atomic
def team_create(*, actor: User | None, center: Center, name: str, description: str = "") -> Team:
    name = name.strip()
    _check_team_name(center, name)
    team = Team(center=center, name=name, description=description)
    team.full_clean(validate_unique=False)
    team.save()
    audit_log(
        action="centers.team.created",
        actor=actor,
        obj=team,
        changes=diff({}, snapshot(team, TEAM_FIELDS)),
    )
    return team


@transaction.atomic
def team_update(
    *, actor: User, team: Team, expected_version: int | None = None, **fields: Any
) -> Team:
    team = Team.objects.select_for_update().get(pk=team.pk)
    check_version(team.version, expected_version)
    before = snapshot(team, TEAM_FIELDS)
    for name, value in fields.items():
        if name not in TEAM_FIELDS:
            raise CenterError(f"field {name} cannot be changed here")
        setattr(team, name, value.strip() if isinstance(value, str) else value)
    _check_team_name(team.center, team.name, exclude_pk=team.pk)
    team.full_clean(validate_unique=False)
    changes = diff(before, snapshot(team, TEAM_FIELDS))
    if changes:
        team.version += 1
        team.save()
        audit_log(action="centers.team.updated", actor=actor, obj=team, changes=changes)
    return team
