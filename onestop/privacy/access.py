"""Access helpers of the breach register: a center's DPO sees the center's incidents only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.privacy.models import Breach


def breaches_for_user(user: User) -> QuerySet[Breach]:
    if not user.can("can_manage_pdpa"):
        raise PermissionDenied
    if user.center_id is None:
        return Breach.objects.none()
    return Breach.objects.filter(center_id=user.center_id).select_related("recorded_by")


def get_breach_for_user(user: User, pk: int | str) -> Breach:
    if not str(pk).isdigit():
        raise Http404
    breach = breaches_for_user(user).filter(pk=int(pk)).first()
    if breach is None:
        raise Http404
    return breach
