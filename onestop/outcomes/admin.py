from django.contrib import admin

from onestop.outcomes.models import Domain


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    """The instrument is data: centers reword the domains or take one out of use."""

    list_display = ("code", "name_th", "position", "is_active")
