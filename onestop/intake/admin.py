from django.contrib import admin

from onestop.intake.models import (
    Category,
    CenterClosure,
    CenterHours,
    LexiconTerm,
    ResponsePolicy,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "hotline_issue", "is_active")
    list_filter = ("is_active", "hotline_issue")
    search_fields = ("code", "name_th", "name_en")


@admin.register(LexiconTerm)
class LexiconTermAdmin(admin.ModelAdmin):
    """The risk lexicon is data that intake officers' supervisors tune over time."""

    list_display = ("term", "urgency", "flag", "category", "is_active")
    list_filter = ("urgency", "flag", "is_active")
    search_fields = ("term",)


@admin.register(ResponsePolicy)
class ResponsePolicyAdmin(admin.ModelAdmin):
    list_display = ("center", "urgency", "minutes", "working_time_only")
    list_filter = ("center",)


@admin.register(CenterHours)
class CenterHoursAdmin(admin.ModelAdmin):
    list_display = ("center", "opens", "closes", "workdays")


@admin.register(CenterClosure)
class CenterClosureAdmin(admin.ModelAdmin):
    list_display = ("center", "date", "reason")
    list_filter = ("center",)
