from django.contrib import admin

from onestop.volunteers.models import VolunteerType


@admin.register(VolunteerType)
class VolunteerTypeAdmin(admin.ModelAdmin):
    """Card validity, numbering and qualification checks are data: the regulation changes.
    ``checks`` is a list such as [{"code": "min_age", "value": 18}, {"code": "lives_in_area",
    "value": "district"}, {"code": "course", "value": "ASO-BASIC"}, {"code": "thai"},
    {"code": "student"}] (onestop/volunteers/checks.py)."""

    list_display = ("code", "name_th", "numbering", "card_valid_years", "is_active")
    list_filter = ("numbering", "is_active")
