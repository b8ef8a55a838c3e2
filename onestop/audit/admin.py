from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, in the admin too."""

    list_display = ("at", "action", "actor_label", "center", "object_repr", "ip")
    list_filter = ("kind", "center")
    search_fields = ("action", "actor_label", "object_repr", "request_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
