from django.contrib import admin

from onestop.directory.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name_th", "kind", "phone", "is_active")
    list_filter = ("kind",)
    search_fields = ("name_th", "name_en")
    raw_id_fields = ("subdistrict",)
