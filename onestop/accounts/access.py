"""Access helpers for staff accounts. Reading another person's profile is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.audit.services import audit_read


def staff_for_user(user: User) -> QuerySet[User]:
    qs = User.objects.select_related("center", "team", "organization").prefetch_related("groups")
    if not user.is_system_admin:
        if user.center_id is None:
            return qs.none()
        qs = qs.filter(center_id=user.center_id)
    return qs.order_by("first_name", "username")


def staff_with(center_id: int | None, capability: str) -> QuerySet[User]:
    """Active staff of a center holding ``capability`` (owners to choose, people to notify)."""
    if center_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            center_id=center_id, is_active=True, groups__permissions__codename=capability
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def get_staff_for_user(user: User, user_id: int | str, *, write: bool = False) -> User:
    if not user.can("can_manage_users"):
        raise PermissionDenied
    if not str(user_id).isdigit():
        raise Http404
    target = staff_for_user(user).filter(pk=int(user_id)).first()
    if target is None:
        raise Http404
    if target.is_superuser and not user.is_system_admin:
        raise Http404
    if not write:
        audit_read(actor=user, obj=target)
    return target
