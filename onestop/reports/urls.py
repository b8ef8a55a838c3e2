from django.urls import path

from onestop.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("refresh/", views.refresh, name="refresh"),
    path("drill/<slug:kind>/", views.drill, name="drill"),
    path("exports/", views.exports, name="exports"),
    path("exports/<str:token>/", views.export, name="export"),
    path("exports/<str:token>/download", views.export_download, name="export_download"),
]
