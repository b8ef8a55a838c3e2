from django.urls import path

from onestop.intake import views

app_name = "intake"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/contact/", views.record_contact, name="record_contact"),
    path("requests/<int:request_id>/handoff/", views.handoff, name="handoff"),
    path("requests/<int:request_id>/photos/<int:photo_id>/", views.photo, name="photo"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("calendar/", views.calendar, name="calendar"),
]
