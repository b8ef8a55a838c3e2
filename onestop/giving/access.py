"""Coordinators fetch their own center's partners, donations and needs (404 for another's).
Needs are shown without their case: category, description, group and province."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.giving.models import Donation, Handover, Need, Partner


def _center_filter(user: User, qs: QuerySet, field: str = "center_id") -> QuerySet:
    if not user.can("can_manage_csr"):
        raise PermissionDenied
    if user.is_system_admin:
        return qs
    if user.center_id is None:
        return qs.none()
    return qs.filter(**{field: user.center_id})


def partners_for_user(user: User) -> QuerySet[Partner]:
    return _center_filter(user, Partner.objects.all())


def donations_for_user(user: User) -> QuerySet[Donation]:
    return _center_filter(user, Donation.objects.select_related("partner"), "partner__center_id")


def needs_for_user(user: User) -> QuerySet[Need]:
    return _center_filter(user, Need.objects.select_related("province"))


def handovers_for_user(user: User) -> QuerySet[Handover]:
    return _center_filter(
        user, Handover.objects.select_related("need", "donation"), "need__center_id"
    )


def get_or_404(qs: QuerySet, pk: int):  # type: ignore[no-untyped-def]
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj
