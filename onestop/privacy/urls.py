from django.urls import path

from onestop.privacy import views

app_name = "privacy"

urlpatterns = [
    path("notice/<slug:audience>/", views.notice, name="notice"),
    path("notices/", views.notices, name="notices"),
    path("retention/", views.retention_view, name="retention"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:pk>/", views.data_request, name="request"),
    path("requests/<int:pk>/verify/", views.request_verify, name="request_verify"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("requests/<int:pk>/export.<str:fmt>", views.request_export, name="request_export"),
    path("requests/<int:pk>/anonymise/", views.request_anonymise, name="request_anonymise"),
    path("records/", views.records, name="records"),
    path("breaches/", views.breach_list, name="breaches"),
    path("breaches/new/", views.breach_new, name="breach_new"),
    path("breaches/<int:pk>/", views.breach, name="breach"),
    path("breaches/<int:pk>/assess/", views.breach_assess, name="breach_assess"),
    path("breaches/<int:pk>/<slug:action>/", views.breach_action, name="breach_action"),
]
