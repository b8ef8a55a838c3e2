from django.urls import path

from onestop.volunteers import views, visit_views

app_name = "volunteers"

urlpatterns = [
    path("", views.volunteer_list, name="list"),
    path("apply/", views.apply, name="apply"),
    path("cards/queue/", views.print_queue, name="print_queue"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("hours/", views.hours_queue, name="hours_queue"),
    path("hours/<int:entry_pk>/decide/", views.hours_decide, name="hours_decide"),
    path("certificates/<int:cert_pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("cards/<int:card_pk>.pdf", views.card_pdf, name="card_pdf"),
    path("cards/<int:card_pk>/revoke/", views.card_revoke, name="card_revoke"),
    path("<int:pk>/", views.volunteer_detail, name="detail"),
    path("<int:pk>/photo", views.volunteer_photo, name="photo"),
    path("<int:pk>/review/", views.volunteer_review, name="review"),
    path("<int:pk>/status/", views.volunteer_status, name="status"),
    path("<int:pk>/checks/<str:code>/override/", views.check_override, name="override"),
    path("<int:pk>/training/", views.training_add, name="training_add"),
    path("<int:pk>/cards/", views.card_issue, name="card_issue"),
    path("<int:pk>/account/", views.account_create, name="account_create"),
    path("<int:pk>/certificates/", views.certificate_issue, name="certificate_issue"),
]

# The public verify page: short, because it is what the QR on the card encodes.
verify_urlpatterns = [
    path("hours/<str:token>", views.verify_certificate, name="verify_certificate"),
    path("<str:token>", views.verify, name="verify"),
    path("<str:token>/photo", views.verify_photo, name="verify_photo"),
]

# A case's visits: the worker's side.
case_visit_urlpatterns = [
    path("<str:number>/visits/new/", visit_views.visit_new, name="new"),
    path("<str:number>/visits/<int:pk>/", visit_views.visit_detail, name="detail"),
    path("<str:number>/visits/<int:pk>/offer/", visit_views.visit_offer, name="offer"),
    path(
        "<str:number>/visits/<int:pk>/photos/<int:photo_pk>",
        visit_views.visit_photo,
        name="photo",
    ),
]

# The volunteer's own pages, on their phone.
my_urlpatterns = [
    path("visits/", visit_views.my_visits, name="visits"),
    path("visits/<int:pk>/", visit_views.my_visit, name="visit"),
    path("visits/<int:pk>/answer/", visit_views.my_visit_answer, name="visit_answer"),
    path("visits/<int:pk>/check-in/", visit_views.my_visit_check_in, name="visit_check_in"),
    path("visits/<int:pk>/report/", visit_views.my_visit_report, name="visit_report"),
    path("hours/", visit_views.my_hours, name="hours"),
]
