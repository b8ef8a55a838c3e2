from django.urls import path

from onestop.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("t/<str:token>/", views.ticket, name="ticket"),
    path("t/<str:token>/qr.png", views.ticket_qr, name="ticket_qr"),
    path("t/<str:token>/cancel/", views.ticket_cancel, name="ticket_cancel"),
    path("t/<str:token>/feedback/", views.ticket_feedback, name="ticket_feedback"),
    path("t/<str:token>/certificate.pdf", views.certificate_pdf, name="certificate"),
    path("c/<str:token>/", views.certificate_verify, name="verify"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/enroll/", views.course_enroll, name="course_enroll"),
    path(
        "courses/<int:pk>/enroll-person/", views.course_enroll_person, name="course_enroll_person"
    ),
    path(
        "courses/<int:pk>/enrollments/<int:enrollment_pk>/evaluate/",
        views.course_evaluate,
        name="course_evaluate",
    ),
    path(
        "courses/<int:pk>/enrollments/<int:enrollment_pk>/certificate.pdf",
        views.course_certificate_pdf,
        name="course_certificate",
    ),
    path("courses/c/<str:token>/", views.course_certificate_verify, name="course_verify"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("manage/<int:pk>/walk-in/", views.walk_in, name="walk_in"),
    path("manage/<int:pk>/attendance.<str:fmt>", views.attendance_export, name="export"),
]
