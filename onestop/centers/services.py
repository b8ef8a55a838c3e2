from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.centers.models import Center, Team
from onestop.core.services import versioned_update

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
    return versioned_update(
        obj=center,
        actor=actor,
        fields=fields,
        allowed=CENTER_FIELDS,
        action="centers.center.updated",
        expected_version=expected_version,
        error=CenterError,
    )


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
    return versioned_update(
        obj=team,
        actor=actor,
        fields=fields,
        allowed=TEAM_FIELDS,
        action="centers.team.updated",
        expected_version=expected_version,
        error=CenterError,
        check=lambda t: _check_team_name(t.center, t.name, exclude_pk=t.pk),
    )
