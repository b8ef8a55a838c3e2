from django.urls import path

from onestop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("me/", views.me, name="me"),
    path("two-factor/", views.two_factor_manage, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_edit, name="staff_new"),
    path("staff/<int:user_id>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:user_id>/edit/", views.staff_edit, name="staff_edit"),
    path(
        "staff/<int:user_id>/two-factor/reset/",
        views.staff_two_factor_reset,
        name="staff_two_factor_reset",
    ),
]
