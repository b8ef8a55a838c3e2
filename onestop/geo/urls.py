from django.urls import path

from onestop.geo import views

app_name = "geo"
urlpatterns = [
    path("districts/", views.districts, name="districts"),
    path("subdistricts/", views.subdistricts, name="subdistricts"),
]
