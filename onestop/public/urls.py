from django.urls import path

from onestop.public import views

app_name = "public"
urlpatterns = [
    path("", views.help_form, name="help"),
    path("status/", views.help_status, name="status"),
]
