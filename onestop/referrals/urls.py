from django.urls import path

from onestop.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:referral_id>/", views.partner_detail, name="detail"),
    path(
        "<int:referral_id>/documents/<int:attachment_id>/",
        views.partner_document,
        name="document",
    ),
]

# Under /cases/<number>/: the worker's side.
case_urlpatterns = [
    path("<str:number>/referrals/new/", views.referral_new, name="referral_new"),
    path(
        "<str:number>/referrals/<int:referral_id>/send/", views.referral_send, name="referral_send"
    ),
    path(
        "<str:number>/referrals/<int:referral_id>/revoke/",
        views.referral_revoke,
        name="referral_revoke",
    ),
]
