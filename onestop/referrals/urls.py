from django.urls import path

from onestop.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("incoming/", views.center_inbox, name="incoming"),
    path("incoming/<int:referral_id>/", views.center_detail, name="incoming_detail"),
    path(
        "incoming/<int:referral_id>/documents/<int:attachment_id>/",
        views.center_document,
        name="incoming_document",
    ),
    path("<int:referral_id>/", views.partner_detail, name="detail"),
    path("<int:referral_id>/letter.pdf", views.partner_letter_pdf, name="letter_pdf"),
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
    path("<str:number>/referrals/<int:referral_id>/letter/", views.letter, name="letter"),
    path("<str:number>/referrals/<int:referral_id>/links/", views.link_create, name="link_create"),
    path(
        "<str:number>/referrals/<int:referral_id>/links/<int:link_id>/revoke/",
        views.link_revoke,
        name="link_revoke",
    ),
    path(
        "<str:number>/referrals/<int:referral_id>/letter.pdf", views.letter_pdf, name="letter_pdf"
    ),
    path(
        "<str:number>/referrals/<int:referral_id>/revoke/",
        views.referral_revoke,
        name="referral_revoke",
    ),
]

# /r/<token>/: the signed link for partners without an account (public, the token is the key).
link_urlpatterns = [
    path("<str:token>/", views.link_page, name="link"),
    path("<str:token>/documents/<int:attachment_id>/", views.link_document, name="link_document"),
    path("<str:token>/letter.pdf", views.link_letter_pdf, name="link_letter_pdf"),
]
