from django.urls import path

from onestop.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("new/", views.organization_edit, name="organization_new"),
    path("<int:organization_id>/", views.organization_detail, name="organization_detail"),
    path("<int:organization_id>/edit/", views.organization_edit, name="organization_edit"),
]
