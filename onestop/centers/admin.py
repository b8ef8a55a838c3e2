from django.contrib import admin

from onestop.centers.models import Center, Team


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "staffed_24h", "is_active")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "center", "is_active")
    list_filter = ("center",)
