from django.urls import path

from onestop.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("new/", views.organization_edit, name="organization_new"),
    path("<int:organization_id>/", views.organization_detail, name="organization_detail"),
    path("<int:organization_id>/edit/", views.organization_edit, name="organization_edit"),
    path("<int:organization_id>/services/new/", views.service_edit, name="service_new"),
    path(
        "<int:organization_id>/services/<str:service_id>/", views.service_edit, name="service_edit"
    ),
    path("<int:organization_id>/programs/", views.program_add, name="program_add"),
    path("<int:organization_id>/contacts/", views.contact_add, name="contact_add"),
    path(
        "<int:organization_id>/contacts/<str:contact_id>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("<int:organization_id>/locations/new/", views.location_edit, name="location_new"),
    path(
        "<int:organization_id>/locations/<str:location_id>/",
        views.location_edit,
        name="location_edit",
    ),
]
