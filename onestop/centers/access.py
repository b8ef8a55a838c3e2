"""Access helpers: the only way views fetch center-owned records.

The same 404 answers "does not exist" and "not yours" on purpose, so an ID from another
center reveals nothing. Each condition sits on its own line so coverage shows it is tested.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from onestop.accounts.models import User
from onestop.centers.models import Center, Team


def get_center_for_user(user: User, *, write: bool = False) -> Center:
    if user.center is None:
        raise Http404
    if write and not user.can("can_manage_center"):
        raise PermissionDenied
    return user.center


def get_team_for_user(user: User, team_id: int | str, *, write: bool = False) -> Team:
    if not str(team_id).isdigit():
        raise Http404
    team = Team.objects.filter(pk=int(team_id)).select_related("center").first()
    if team is None:
        raise Http404
    if not user.is_system_admin and team.center_id != user.center_id:
        raise Http404
    if write and not user.can("can_manage_teams"):
        raise PermissionDenied
    return team


def teams_for_user(user: User) -> list[Team]:
    qs = Team.objects.select_related("center")
    if not user.is_system_admin:
        if user.center_id is None:
            return []
        qs = qs.filter(center_id=user.center_id)
    return list(qs.order_by("center__name_th", "name"))
