from django.urls import path

from onestop.research import views

app_name = "research"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.project_new, name="project_new"),
    path("<int:pk>/", views.project, name="project"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/extracts/", views.extract_new, name="extract_new"),
    path("extracts/<str:token>/", views.extract_download, name="extract_download"),
]
