from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from onestop.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "center", "team", "is_active")
    list_filter = ("center", "is_active", "groups")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("OneStop"),
            {
                "fields": (
                    "center",
                    "team",
                    "organization",
                    "name_prefix",
                    "position",
                    "phone",
                    "language",
                )
            },
        ),
    )
