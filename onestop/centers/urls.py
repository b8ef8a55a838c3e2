from django.urls import path

from onestop.centers import views

app_name = "centers"
urlpatterns = [
    path("", views.center_detail, name="center_detail"),
    path("edit/", views.center_edit, name="center_edit"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_edit, name="team_new"),
    path("teams/<int:team_id>/", views.team_detail, name="team_detail"),
    path("teams/<int:team_id>/edit/", views.team_edit, name="team_edit"),
]
