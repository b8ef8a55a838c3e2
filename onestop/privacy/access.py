"""Access helpers of the breach register: a center's DPO sees the center's incidents only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.persons.models import Person
from onestop.privacy.models import Breach, DataRequest


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


def requests_for_user(user: User) -> QuerySet[DataRequest]:
    if not user.can("can_manage_pdpa"):
        raise PermissionDenied
    if user.center_id is None:
        return DataRequest.objects.none()
    return DataRequest.objects.filter(center_id=user.center_id).select_related("person", "center")


def get_request_for_user(user: User, pk: int | str) -> DataRequest:
    if not str(pk).isdigit():
        raise Http404
    request = requests_for_user(user).filter(pk=int(pk)).first()
    if request is None:
        raise Http404
    return request


def person_for_request(user: User, code: str) -> Person | None:
    """The person a request is about, by code: only a person of the officer's own center (a
    DSAR for another center's person finds nobody here)."""
    if not user.can("can_manage_pdpa") or user.center_id is None:
        raise PermissionDenied
    return Person.objects.filter(
        center_id=user.center_id, code=code.strip().upper(), merged_into__isnull=True
    ).first()
