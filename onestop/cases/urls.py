from django.urls import path

from onestop.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("my-day/", views.my_day, name="my_day"),
    path("workload/", views.workload, name="workload"),
    path("new/", views.case_new, name="case_new"),
    path("<str:number>/", views.case_detail, name="case_detail"),
    path("<str:number>/edit/", views.case_edit, name="case_edit"),
    path("<str:number>/break-glass/", views.case_break_glass, name="break_glass"),
    path("<str:number>/assign/", views.case_assign, name="assign"),
    path("<str:number>/status/", views.case_transition, name="transition"),
    path("<str:number>/clients/", views.client_add, name="client_add"),
    path("<str:number>/clients/<int:client_id>/safety/", views.client_safety, name="client_safety"),
    path("<str:number>/assessment/", views.assessment_edit, name="assessment_edit"),
    path("<str:number>/plan/goals/", views.plan_goal_add, name="plan_goal_add"),
    path("<str:number>/plan/actions/", views.plan_action_add, name="plan_action_add"),
    path(
        "<str:number>/plan/actions/<int:action_id>/status/",
        views.plan_action_status,
        name="plan_action_status",
    ),
    path("<str:number>/approvals/", views.approval_request, name="approval_request"),
    path("<str:number>/closure/", views.closure_request, name="closure_request"),
    path(
        "<str:number>/approvals/<int:approval_id>/decide/",
        views.approval_decide,
        name="approval_decide",
    ),
    path("<str:number>/notes/", views.note_add, name="note_add"),
    path("<str:number>/notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path("<str:number>/tasks/", views.task_add, name="task_add"),
    path("<str:number>/tasks/<int:task_id>/status/", views.task_status, name="task_status"),
    path("<str:number>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "<str:number>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<str:number>/consent/", views.consent_edit, name="consent_edit"),
    path("<str:number>/legal-duties/", views.legal_duty_record, name="legal_duty_record"),
    path("<str:number>/summary.pdf", views.case_pdf, name="case_pdf"),
]
