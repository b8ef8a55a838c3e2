from django.urls import path

from onestop.giving import views

app_name = "giving"

urlpatterns = [
    path("", views.partner_list, name="partners"),
    path("partners/<int:pk>/", views.partner_detail, name="partner"),
    path("partners/<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("donations/<int:pk>/receipt.pdf", views.receipt_pdf, name="receipt"),
    path("donations/<int:pk>/received/", views.donation_receive, name="receive"),
    path("needs/", views.needs, name="needs"),
    path("needs/<int:pk>/match/", views.need_match, name="match"),
    path("handovers/<int:pk>/confirm/", views.handover_confirm, name="handover"),
    path("report/<str:token>/", views.partner_report, name="report"),
]

case_urlpatterns = [
    path("<str:number>/needs/", views.case_need_add, name="add"),
    path("<str:number>/needs/<int:pk>/open/", views.case_need_open, name="open"),
]

my_urlpatterns = [
    path("visits/<int:pk>/need/", views.visit_need_propose, name="propose"),
]
