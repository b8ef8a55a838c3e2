from django.urls import path

from onestop.persons import views

app_name = "persons"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_new, name="person_new"),
    path("new/matches/", views.person_matches, name="person_matches"),
    path("duplicates/", views.duplicate_queue, name="duplicate_queue"),
    path(
        "duplicates/<int:candidate_id>/distinct/",
        views.duplicate_distinct,
        name="duplicate_distinct",
    ),
    path("merge/<str:a>/<str:b>/", views.merge, name="merge"),
    path("merges/<int:merge_id>/undo/", views.merge_undo, name="merge_undo"),
    path("<str:code>/", views.person_detail, name="person_detail"),
    path("<str:code>/edit/", views.person_edit, name="person_edit"),
    path("<str:code>/sensitive/", views.sensitive_edit, name="sensitive_edit"),
    path("<str:code>/documents/", views.document_add, name="document_add"),
    path(
        "<str:code>/documents/<int:document_id>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path("<str:code>/phones/", views.phone_add, name="phone_add"),
    path("<str:code>/phones/<int:phone_id>/remove/", views.phone_remove, name="phone_remove"),
    path("<str:code>/relationships/", views.relationship_add, name="relationship_add"),
    path(
        "<str:code>/relationships/<int:link_id>/remove/",
        views.relationship_remove,
        name="relationship_remove",
    ),
    path("<str:code>/households/", views.membership_add, name="membership_add"),
    path(
        "<str:code>/households/<int:membership_id>/end/",
        views.membership_end,
        name="membership_end",
    ),
]
