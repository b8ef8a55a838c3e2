"""Access helpers of the research sandbox. A center admin sees the center's projects; a
researcher sees the projects they lead or belong to. Anything else is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.research.models import Extract, Project


def projects_for_user(user: User) -> QuerySet[Project]:
    qs = Project.objects.select_related("principal_investigator", "center")
    if user.can("can_manage_center") and user.center_id is not None:
        return qs.filter(center_id=user.center_id)
    if user.can("can_export_research"):
        return qs.filter(Q(principal_investigator=user) | Q(members=user)).distinct()
    raise PermissionDenied


def get_project_for_user(user: User, pk: int | str) -> Project:
    if not str(pk).isdigit():
        raise Http404
    project = projects_for_user(user).filter(pk=int(pk)).first()
    if project is None:
        raise Http404
    return project


def get_extract_for_user(user: User, token: str) -> Extract:
    extract = (
        Extract.objects.select_related("project__center")
        .filter(token=token, project__in=projects_for_user(user))
        .first()
    )
    if extract is None:
        raise Http404
    return extract
