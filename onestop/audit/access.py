from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry


def audit_entries_for_user(user: User) -> QuerySet[AuditEntry]:
    """A center's auditors read that center's entries; a system admin reads all of them."""
    if not user.can("can_view_audit"):
        raise PermissionDenied
    qs = AuditEntry.objects.select_related("actor", "center")
    if user.is_system_admin:
        return qs
    if user.center_id is None:
        return qs.none()
    return qs.filter(center_id=user.center_id)
