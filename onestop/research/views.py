"""/research/: projects, their approval, and the de-identified extracts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.core.exports import attachment
from onestop.core.forms import add_errors
from onestop.research import access, services
from onestop.research.exporters import REGISTRY
from onestop.research.forms import DecisionForm, ExtractForm, ProjectForm
from onestop.research.models import Project

EITHER = ("can_export_research", "can_manage_center")


@capability_required(*EITHER)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    projects = list(access.projects_for_user(user))
    return render(
        request,
        "research/index.html",
        {
            "projects": projects,
            "waiting": [p for p in projects if p.status == Project.Status.SUBMITTED],
            "can_submit": user.can("can_export_research"),
        },
    )


@capability_required("can_export_research")
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ProjectForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            project = services.project_create(
                actor=user,
                title=d["title"],
                purpose=d["purpose"],
                ethics_committee=d["ethics_committee"],
                ethics_number=d["ethics_number"],
                ethics_expires=d["ethics_expires"],
                datasets=d["datasets"],
                members=list(d["members"]),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Submitted. The center administrator will decide."))
            return redirect("research:project", pk=project.pk)
    from onestop.privacy.notices import NOTICES

    context = {"form": form, "notice": NOTICES["researcher"]}
    return render(request, "research/project_new.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, project: Project, **forms: object) -> HttpResponse:
    user = request_user(request)
    member = user.can("can_export_research") and (
        project.principal_investigator_id == user.pk or project.members.filter(pk=user.pk).exists()
    )
    context = {
        "project": project,
        "members": list(project.members.all()),
        "extracts": list(project.extracts.all()[:50]),
        "may_extract": member and project.is_active,
        "may_decide": user.can("can_manage_center") and project.status == Project.Status.SUBMITTED,
        "exporters": [REGISTRY[c] for c in project.datasets if c in REGISTRY],
        "labels": {code: e.label for code, e in REGISTRY.items()},
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "extract_form": forms.get("extract_form")
        or ExtractForm(project=project, dataset=request.GET.get("dataset", "")),
    }
    if request.htmx and request.method == "GET":  # type: ignore[attr-defined]
        return render(request, "research/project.html#extract", context)
    bad = any(getattr(f, "errors", None) for f in forms.values())
    return render(request, "research/project.html", context, status=400 if bad else 200)


@capability_required(*EITHER)
@require_GET
def project(request: HttpRequest, pk: str) -> HttpResponse:
    return _detail(request, access.get_project_for_user(request_user(request), pk))


@capability_required("can_manage_center")
@require_POST
def decide(request: HttpRequest, pk: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_project_for_user(user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.project_decide(
                actor=user,
                project=item,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("research:project", pk=item.pk)
    return _detail(request, item, decision_form=form)


@capability_required("can_export_research")
@require_POST
def extract_new(request: HttpRequest, pk: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_project_for_user(user, pk)
    services.require_active_member(user, item)
    form = ExtractForm(request.POST, project=item, dataset=request.POST.get("dataset", ""))
    if form.is_valid():
        d = form.cleaned_data
        try:
            extract = services.extract_create(
                actor=user,
                project=item,
                dataset=d["dataset"],
                columns=d["columns"],
                quasi=d["quasi_identifiers"] or None,
                start=d["start"],
                end=d["end"],
                k=d["k"],
                on_failure=d["on_failure"],
                aggregate=d["aggregate"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if extract.status == extract.Status.REFUSED:
                messages.error(
                    request,
                    _(
                        "Refused: some combinations of the quasi-identifiers describe fewer than %(k)s people. See the report below."
                    )
                    % {"k": extract.k},
                )
            else:
                messages.success(request, _("The extract is ready."))
            return redirect("research:project", pk=item.pk)
    return _detail(request, item, extract_form=form)


@capability_required("can_export_research")
@require_GET
def extract_download(request: HttpRequest, token: str) -> HttpResponse:
    user = request_user(request)
    extract = access.get_extract_for_user(user, token)
    data = services.extract_download(actor=user, extract=extract)
    return attachment(data, extract.filename, "text/csv; charset=utf-8")
