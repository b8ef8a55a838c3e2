"""Staff pages for cases. Thin: fetch through cases.access, write through cases.services, show
the service's translated errors. Small actions on the case page post and come back to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.cases import access, pdf, services, timeline
from onestop.cases.forms import (
    ActionForm,
    ActionStatusForm,
    ApprovalRequestForm,
    AssessmentForm,
    AssignForm,
    AttachmentForm,
    BreakGlassForm,
    CaseEditForm,
    CaseFilterForm,
    CaseOpenForm,
    ClientForm,
    ClosureForm,
    ConsentForm,
    DecisionForm,
    GoalForm,
    LegalDutyForm,
    NoteForm,
    SafetyForm,
    TaskForm,
    TaskStatusForm,
    TransitionForm,
    case_team,
    staff_of,
)
from onestop.cases.models import (
    Approval,
    Assessment,
    Case,
    CaseStatus,
    Consent,
    LegalDuty,
    Plan,
    PlanAction,
    Task,
    WorkStage,
)
from onestop.core.errors import StaleEdit
from onestop.core.forms import add_errors, flash_errors
from onestop.giving.forms import NeedForm
from onestop.giving.models import Need
from onestop.intake.access import get_accepted_request_for_case_work
from onestop.intake.models import RiskFlag
from onestop.outcomes.models import Domain, OutcomeRecord
from onestop.persons.access import persons_for_user
from onestop.persons.search import search
from onestop.privacy.notices import NOTICES
from onestop.thai.dates import format_date

VIEW = "can_view_case"
MANAGE = "can_manage_case"
PAGE = 50


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _back(access_: access.CaseAccess, anchor: str = "") -> HttpResponse:
    url = reverse("cases:case_detail", args=[access_.case.number])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _act(
    request: HttpRequest,
    acc: access.CaseAccess,
    form: Any,
    call: Callable[[dict[str, Any]], object],
    *,
    anchor: str,
    success: str = "",
) -> HttpResponse:
    """The small actions of the case page: validate the form, call the service, say what
    happened (its translated error, or ``success``), and go back to the case."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except (ValidationError, StaleEdit) as exc:
            flash_errors(request, exc)
        else:
            if success:
                messages.success(request, success)
    else:
        _form_errors(request, form)
    return _back(acc, anchor)


def _manage(request: HttpRequest, number: str) -> access.CaseAccess:
    return access.get_manageable_case(request_user(request), number)


# --- Lists ----------------------------------------------------------------------------------


@capability_required(VIEW)
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = CaseFilterForm(request.GET or None)
    qs = access.cases_for_user(user).select_related("category", "worker")
    f: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    status = f.get("status") or ""
    if status == "":
        qs = qs.exclude(status=CaseStatus.CLOSED)
    elif status != "all":
        qs = qs.filter(status=status)
    if f.get("category"):
        qs = qs.filter(
            category__in=[
                f["category"].code,
                *f["category"].children.values_list("code", flat=True),
            ]
        )
    if f.get("q"):
        qs = qs.filter(number__icontains=f["q"].strip().upper())
    if f.get("mine"):
        qs = qs.filter(worker=user)
    if f.get("overdue"):
        qs = qs.filter(services.overdue_q(timezone.localdate()))
    page = max(
        1, int(request.GET.get("page", "1")) if request.GET.get("page", "1").isdigit() else 1
    )
    rows = list(qs.order_by("-opened_at")[(page - 1) * PAGE : page * PAGE + 1])
    context = {
        "form": form,
        "cases": rows[:PAGE],
        "page": page,
        "has_next": len(rows) > PAGE,
        "query": request.GET.urlencode(),
        "now": timezone.now(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "cases/case_list.html#results", context)
    return render(request, "cases/case_list.html", context)


@capability_required(VIEW)
@require_GET
def my_day(request: HttpRequest) -> HttpResponse:
    """My open cases, my overdue and upcoming tasks, and (for supervisors) approvals waiting."""
    user = request_user(request)
    today = timezone.localdate()
    tasks = list(
        access.my_tasks(user).filter(due__lte=today + dt.timedelta(days=7)).order_by("due")[:100]
    )
    cases = list(
        access.cases_for_user(user)
        .filter(worker=user)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("category")
        .order_by("-opened_at")[:100]
    )
    approvals: list[Approval] = []
    unassigned: list[Case] = []
    if user.can("can_approve") and user.center_id is not None:
        approvals = list(
            Approval.objects.filter(
                case__center_id=user.center_id, decision=Approval.Decision.PENDING
            )
            .exclude(requested_by=user)
            .select_related("case", "requested_by")
            .order_by("requested_at")[:50]
        )
    if user.can("can_assign") and user.center_id is not None:
        unassigned = list(
            access.cases_for_user(user)
            .filter(status=CaseStatus.AWAITING_ASSIGNMENT)
            .select_related("category")
            .order_by("assignment_due")[:50]
        )
    return render(
        request,
        "cases/my_day.html",
        {
            "overdue": [t for t in tasks if t.due < today],
            "upcoming": [t for t in tasks if t.due >= today],
            "cases": cases,
            "approvals": approvals,
            "unassigned": unassigned,
            "today": today,
            "now": timezone.now(),
        },
    )


@capability_required("can_assign")
@require_GET
def workload(request: HttpRequest) -> HttpResponse:
    """Open cases and overdue tasks per social worker of the center."""
    user = request_user(request)
    if user.center_id is None:
        # A deployment administrator has no caseload of their own to balance.
        return render(request, "cases/workload.html", {"rows": []})
    # Counted from the cases' side (the open-cases index), grouped by worker: two grouped
    # queries whatever the number of workers.
    open_cases = dict(
        Case.objects.filter(center_id=user.center_id, worker__isnull=False)
        .exclude(status=CaseStatus.CLOSED)
        .values_list("worker")
        .annotate(n=Count("id"))
        .values_list("worker", "n")
    )
    late = dict(
        Task.objects.filter(
            case__center_id=user.center_id,
            status=Task.Status.OPEN,
            due__lt=timezone.localdate(),
        )
        .values_list("owner")
        .annotate(n=Count("id"))
        .values_list("owner", "n")
    )
    workers = staff_of(user.center_id).select_related("team")
    rows = [(w, open_cases.get(w.pk, 0), late.get(w.pk, 0)) for w in workers]
    return render(request, "cases/workload.html", {"rows": rows})


# --- Opening --------------------------------------------------------------------------------


@capability_required(MANAGE)
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    """Open a case directly, or from an accepted help request (?request=<id>)."""
    user = request_user(request)
    if user.center is None:
        raise Http404
    help_request = None
    request_id = request.GET.get("request") or request.POST.get("request") or ""
    if request_id:
        help_request = get_accepted_request_for_case_work(user, request_id)
    initial: dict[str, Any] = {}
    if help_request is not None:
        initial = {
            "title": (help_request.subject_name or help_request.description)[:80],
            "category": help_request.category_id,
            "urgency": help_request.urgency,
            "risk_flags": help_request.risk_flags,
            "summary": help_request.description,
        }
    chosen = request.GET.get("client", "").strip().upper()
    if chosen:
        initial["clients"] = chosen
    form = CaseOpenForm(request.POST or None, initial=initial)
    # Find the client before opening: search the registry for the name on the request.
    query = request.GET.get("q", help_request.subject_name if help_request else "").strip()[:100]
    hits = search(persons_for_user(user), query, limit=8).hits if query else []
    if request.method == "POST" and form.is_valid():
        codes = form.codes()
        persons = {p.code: p for p in persons_for_user(user).filter(code__in=codes)}
        missing = [c for c in codes if c not in persons]
        if missing:
            form.add_error(
                "clients",
                _("No person with code %(codes)s in this center. Register them first.")
                % {"codes": ", ".join(missing)},
            )
        else:
            clients = [services.ClientInput(persons[codes[0]], "client")] + [
                services.ClientInput(persons[c], "family") for c in codes[1:]
            ]
            try:
                case = services.case_open(
                    actor=user,
                    center=user.center,
                    title=form.cleaned_data["title"],
                    category=form.cleaned_data["category"],
                    urgency=form.cleaned_data["urgency"],
                    risk_flags=form.cleaned_data["risk_flags"],
                    summary=form.cleaned_data["summary"],
                    clients=clients,
                    request=help_request,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
                return redirect("cases:case_detail", number=case.number)
    return render(
        request,
        "cases/case_new.html",
        {"form": form, "help_request": help_request, "query": query, "hits": hits},
    )


# --- The case page --------------------------------------------------------------------------


def _detail_context(request: HttpRequest, acc: access.CaseAccess) -> dict[str, Any]:
    user = request_user(request)
    case = acc.case
    notes = access.notes_for(acc, user)
    facts = services.CaseFacts.load(case)
    decided = {d.duty: d for d in facts.legal_duties}
    supervisor = access.is_supervisor(user, case)
    sharing, sharing_reason = services.sharing_allowed(case, facts.consent)
    # Task and action owners: the case's team, read once for both forms.
    owners = list(case_team(case))
    return {
        "case": case,
        "access": acc,
        "clients": facts.clients,
        "assessment": facts.assessment,
        "plan": facts.plan,
        "consent": facts.consent,
        "approvals": facts.approvals,
        "tasks": facts.tasks,
        "attachments": facts.attachments,
        "notes": notes,
        "timeline": timeline.build(case, notes, facts),
        "stage": WorkStage(services.work_stage(case, facts)),
        "risk_labels": [
            RiskFlag(f).label for f in case.risk_flags if f in RiskFlag.values and f != "none"
        ],
        "duties": [(LegalDuty(d), decided.get(d)) for d in services.legal_duties_for(case)],
        "can_manage": user.can(MANAGE),
        "supervisor": supervisor,
        "can_assign": user.can("can_assign") and supervisor,
        "sharing": sharing,
        "sharing_reason": sharing_reason,
        "today": timezone.localdate(),
        "allowed_next": [CaseStatus(s) for s in services.TRANSITIONS[case.status]],
        # Each form gets its own id prefix: several share field names on this one page.
        # Reassigning lists every worker of the center: it has its own page.
        "assign_form": (
            AssignForm(center_id=case.center_id, auto_id="assign_%s")
            if case.worker_id is None
            else None
        ),
        "note_form": NoteForm(auto_id="note_%s"),
        "task_form": TaskForm(owners=owners, clients=facts.clients, auto_id="task_%s"),
        "goal_form": GoalForm(auto_id="goal_%s"),
        "action_form": ActionForm(owners=owners, plan=facts.plan, auto_id="action_%s"),
        "attachment_form": AttachmentForm(auto_id="att_%s"),
        "closure_form": ClosureForm(
            initial={"closure_summary": case.closure_summary}, auto_id="closure_%s"
        ),
        "client_form": ClientForm(auto_id="client_%s"),
        "action_statuses": PlanAction._meta.get_field("status").choices,
        "revisions": list(facts.plan.revisions.select_related("author")[:20]) if facts.plan else [],
        # Referrals belong to their app; the case page lists them through the reverse relation.
        "referrals": list(
            case.referrals.select_related("service", "organization").prefetch_related("links")
        ),
        # Home visits belong to the volunteers app, listed the same way.
        "visits": list(case.visits.select_related("volunteer").order_by("-due")),
        # Material needs belong to the giving app.
        "needs": list(Need.objects.filter(case=case).order_by("-created")),
        # Quality-of-life scores belong to the outcomes app.
        "outcome_domains": list(Domain.objects.filter(is_active=True)),
        "outcome_records": list(
            OutcomeRecord.objects.filter(case=case).select_related("client__person", "recorded_by")
        ),
        "outcome_stages": OutcomeRecord.Stage.choices,
        "need_form": NeedForm(auto_id="need_%s"),
    }


@capability_required(VIEW)
@require_GET
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    try:
        acc = access.get_case_for_user(user, number)
    except access.NeedToKnow as exc:
        # Staff of the center learn that the case exists and who holds it, nothing more.
        return render(
            request,
            "cases/case_restricted.html",
            {"case": exc.access.case, "form": BreakGlassForm()},
            status=403,
        )
    return render(request, "cases/case_detail.html", _detail_context(request, acc))


@capability_required(VIEW)
@require_POST
def case_break_glass(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = access.get_case_for_user(user, number, full=False)
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        try:
            services.break_glass(actor=user, access=acc, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.warning(
                request, _("Emergency access granted for 4 hours. The supervisors were told.")
            )
            return redirect("cases:case_detail", number=acc.case.number)
    return render(
        request, "cases/case_restricted.html", {"case": acc.case, "form": form}, status=400
    )


@capability_required("can_assign")
@require_http_methods(["GET", "POST"])
def case_assign(request: HttpRequest, number: str) -> HttpResponse:
    """Assign or reassign (the case page carries the form only while nobody holds the case)."""
    user = request_user(request)
    acc = access.get_case_for_user(user, number, audit=False)
    if not access.is_supervisor(user, acc.case):
        raise PermissionDenied
    if request.method == "GET":
        form = AssignForm(
            initial={"worker": acc.case.worker_id, "team": acc.case.team_id},
            center_id=acc.case.center_id,
        )
        return render(request, "cases/assign.html", {"case": acc.case, "form": form})
    form = AssignForm(request.POST, center_id=acc.case.center_id)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(acc, "assign")
    try:
        services.case_assign(
            actor=user,
            case=acc.case,
            worker=form.cleaned_data["worker"],
            team=form.cleaned_data["team"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, StaleEdit) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Assigned."))
    return _back(acc)


@capability_required(MANAGE)
@require_POST
def case_transition(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    return _act(
        request,
        acc,
        TransitionForm(request.POST),
        lambda d: services.case_transition(
            actor=request_user(request),
            access=acc,
            to_status=d["status"],
            reason=d["reason"],
            expected_version=d["version"],
        ),
        anchor="status",
        success=_("Status changed."),
    )


@capability_required(MANAGE)
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, number: str) -> HttpResponse:
    """Title, category, urgency, risk flags and summary, with the "changed by X, reload" guard."""
    acc = _manage(request, number)
    case = acc.case
    initial = {
        "title": case.title,
        "category": case.category_id,
        "urgency": case.urgency,
        "risk_flags": case.risk_flags,
        "summary": case.summary,
        "version": case.version,
    }
    form = CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.case_update(
                actor=request_user(request), access=acc, fields=data, expected_version=version
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Saved."))
            return _back(acc)
    status = 409 if request.method == "POST" and form.non_field_errors() else 200
    return render(request, "cases/case_edit.html", {"case": case, "form": form}, status=status)


@capability_required(MANAGE)
@require_POST
def client_add(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = _manage(request, number)
    form = ClientForm(request.POST)
    if form.is_valid():
        person = (
            persons_for_user(user).filter(code=form.cleaned_data["person"].strip().upper()).first()
        )
        if person is None:
            messages.error(
                request, _("No person with that code in this center. Register them first.")
            )
            return _back(acc, "clients")
        try:
            services.client_add(
                actor=user, access=acc, person=person, role=form.cleaned_data["role"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Added."))
    else:
        messages.error(request, _("Give a person code and a role."))
    return _back(acc, "clients")


@capability_required(MANAGE)
@require_http_methods(["GET", "POST"])
def client_safety(request: HttpRequest, number: str, client_id: int) -> HttpResponse:
    user = request_user(request)
    acc = _manage(request, number)
    client = acc.case.clients.select_related("person").filter(pk=client_id).first()
    if client is None:
        raise Http404
    initial = {
        "safe_phone": client.safe_phone_id,
        "line_safe": client.line_safe,
        "visit_safe": client.visit_safe,
        "safe_times": client.safe_times,
        "do_not_contact": client.do_not_contact,
        "safety_note": client.safety_note,
        "version": client.version,
    }
    form = SafetyForm(request.POST or None, initial=initial, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_safety_update(
                actor=user,
                access=acc,
                client=client,
                expected_version=form.cleaned_data.pop("version"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Saved."))
            return _back(acc, "clients")
    return render(
        request, "cases/client_safety.html", {"case": acc.case, "client": client, "form": form}
    )


@capability_required(MANAGE)
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = _manage(request, number)
    assessment = Assessment.objects.filter(case=acc.case).first()
    initial: dict[str, Any] = {}
    if assessment is not None:
        initial = {f: getattr(assessment, f) for f in services.ASSESSMENT_FIELDS}
        initial["due"] = format_date(assessment.due) if assessment.due else ""
        initial["version"] = assessment.version
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.pop("version")
        try:
            services.assessment_save(
                actor=user, access=acc, fields=form.cleaned_data, expected_version=version
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Assessment saved."))
            return _back(acc, "assessment")
    return render(
        request,
        "cases/assessment_edit.html",
        {"case": acc.case, "form": form, "assessment": assessment},
    )


@capability_required(MANAGE)
@require_POST
def plan_goal_add(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    return _act(
        request,
        acc,
        GoalForm(request.POST),
        lambda d: services.plan_goal_add(
            actor=request_user(request),
            access=acc,
            text=d["text"],
            expected_version=d["version"],
        ),
        anchor="plan",
    )


@capability_required(MANAGE)
@require_POST
def plan_action_add(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    plan = Plan.objects.filter(case=acc.case).first()
    if plan is None:
        raise Http404
    return _act(
        request,
        acc,
        ActionForm(request.POST, case=acc.case, plan=plan),
        lambda d: services.plan_action_add(
            actor=request_user(request),
            access=acc,
            goal=plan.goals.get(pk=d["goal"]),
            text=d["text"],
            kind=d["kind"],
            owner=d["owner"],
            due=d["due"],
            expected_version=d["version"],
        ),
        anchor="plan",
    )


@capability_required(MANAGE)
@require_POST
def plan_action_status(request: HttpRequest, number: str, action_id: int) -> HttpResponse:
    acc = _manage(request, number)
    action = (
        PlanAction.objects.filter(pk=action_id, goal__plan__case=acc.case)
        .select_related("goal")
        .first()
    )
    if action is None:
        raise Http404
    return _act(
        request,
        acc,
        ActionStatusForm(request.POST),
        lambda d: services.plan_action_set_status(
            actor=request_user(request),
            access=acc,
            action=action,
            status=d["status"],
            expected_version=d["version"],
        ),
        anchor="plan",
    )


@capability_required(MANAGE)
@require_POST
def approval_request(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    return _act(
        request,
        acc,
        ApprovalRequestForm(request.POST),
        lambda d: services.approval_request(
            actor=request_user(request), access=acc, subject=d["subject"], comment=d["comment"]
        ),
        anchor="approvals",
        success=_("Sent to the supervisors for approval."),
    )


@capability_required(MANAGE)
@require_POST
def closure_request(request: HttpRequest, number: str) -> HttpResponse:
    """Write the closure summary and ask for the closure's approval, in one step."""
    user = request_user(request)
    acc = _manage(request, number)
    form = ClosureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the closure summary first."))
        return _back(acc, "status")
    try:
        # Both or neither: a refused request must not leave the summary changed.
        with transaction.atomic():
            services.case_update(
                actor=user,
                access=acc,
                fields={"closure_summary": form.cleaned_data["closure_summary"]},
                expected_version=None,
            )
            services.approval_request(
                actor=user,
                access=acc,
                subject=Approval.Subject.CLOSURE,
                comment=form.cleaned_data["comment"],
            )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Closure sent to the supervisors for approval."))
    return _back(acc, "status")


@capability_required("can_approve")
@require_POST
def approval_decide(request: HttpRequest, number: str, approval_id: int) -> HttpResponse:
    user = request_user(request)
    acc = access.get_case_for_user(user, number, audit=False)
    approval = acc.case.approvals.filter(pk=approval_id).first()
    if approval is None:
        raise Http404
    return _act(
        request,
        acc,
        DecisionForm(request.POST),
        lambda d: services.approval_decide(
            actor=user,
            access=acc,
            approval=approval,
            approve=d["decision"] == "approve",
            comment=d["comment"],
        ),
        anchor="approvals",
        success=_("Decision recorded."),
    )


@capability_required(MANAGE)
@require_POST
def note_add(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(
                actor=request_user(request),
                access=acc,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                confidential=form.cleaned_data["confidential"],
                happened_on=form.cleaned_data["happened_on"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Note saved."))
            return _back(acc, "notes")
    # Keep what was typed: show the note form again with its errors.
    return render(
        request, "cases/note_edit.html", {"case": acc.case, "form": form, "note": None}, status=400
    )


@capability_required(MANAGE)
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, number: str, note_id: int) -> HttpResponse:
    user = request_user(request)
    acc = _manage(request, number)
    note = access.get_note_for_user(user, acc, note_id)
    initial = {
        "kind": note.kind,
        "text": note.text,
        "confidential": note.confidential,
        "version": note.version,
        "happened_on": format_date(note.happened_on),
    }
    form = NoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(
                actor=user,
                access=acc,
                note=note,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                confidential=form.cleaned_data["confidential"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Note saved."))
            return _back(acc, "notes")
    status = 409 if form.errors and request.method == "POST" else 200
    return render(
        request,
        "cases/note_edit.html",
        {"case": acc.case, "form": form, "note": note},
        status=status,
    )


@capability_required(MANAGE)
@require_POST
def task_add(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    return _act(
        request,
        acc,
        TaskForm(request.POST, case=acc.case),
        lambda d: services.task_add(actor=request_user(request), access=acc, **d),
        anchor="tasks",
        success=_("Task added."),
    )


@capability_required(MANAGE)
@require_POST
def task_status(request: HttpRequest, number: str, task_id: int) -> HttpResponse:
    acc = _manage(request, number)
    task = access.get_task_for_user(acc, task_id)
    return _act(
        request,
        acc,
        TaskStatusForm(request.POST),
        lambda d: services.task_set_status(
            actor=request_user(request),
            access=acc,
            task=task,
            status=d["status"],
            expected_version=d["version"],
        ),
        anchor="tasks",
    )


@capability_required(MANAGE)
@require_POST
def attachment_add(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    return _act(
        request,
        acc,
        AttachmentForm(request.POST, request.FILES),
        lambda d: services.attachment_add(
            actor=request_user(request),
            access=acc,
            kind=d["kind"],
            upload=d["file"],
            description=d["description"],
        ),
        anchor="attachments",
        success=_("File attached."),
    )


@capability_required(VIEW)
@require_GET
def attachment_download(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    user = request_user(request)
    acc = access.get_case_for_user(user, number, audit=False)
    item = access.get_attachment_for_user(user, acc, attachment_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@capability_required(MANAGE)
@require_http_methods(["GET", "POST"])
def consent_edit(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = _manage(request, number)
    consent = Consent.objects.filter(case=acc.case).first()
    initial: dict[str, Any] = {
        "guardian": "given" if services.is_child_case(acc.case) else "not_child"
    }
    if consent is not None:
        initial = {
            f: getattr(consent, f)
            for f in (
                "lawful_basis",
                "method",
                "consenting_person",
                "witness",
                "unable_reason",
                "share_outside",
                "guardian",
                "guardian_name",
                "exception_reason",
            )
        }
        initial["form"] = consent.form_id
        initial["version"] = consent.version
    form = ConsentForm(request.POST or None, initial=initial, case=acc.case)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.consent_record(
                actor=user, access=acc, data=services.ConsentInput(**data), expected_version=version
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Consent and lawful basis saved."))
            return _back(acc, "consent")
    return render(
        request,
        "cases/consent_edit.html",
        {
            "case": acc.case,
            "form": form,
            "child": services.is_child_case(acc.case),
            "notice": NOTICES["client"],
        },
    )


@capability_required(MANAGE)
@require_POST
def legal_duty_record(request: HttpRequest, number: str) -> HttpResponse:
    acc = _manage(request, number)
    return _act(
        request,
        acc,
        LegalDutyForm(request.POST),
        lambda d: services.legal_duty_record(actor=request_user(request), access=acc, **d),
        anchor="duties",
        success=_("Decision recorded."),
    )


@capability_required(VIEW)
@require_GET
def case_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The case summary PDF, watermarked for the viewer; every export is audited."""
    from onestop.audit.models import AuditEntry
    from onestop.audit.services import audit_log

    user = request_user(request)
    acc = access.get_case_for_user(user, number, audit=False)
    case = acc.case
    notes = access.notes_for(acc, user)
    facts = services.CaseFacts.load(case)
    summary = pdf.CaseSummary(
        case=case,
        clients=facts.clients,
        assessment=facts.assessment,
        plan=facts.plan,
        timeline=timeline.build(case, notes, facts),
        stage=str(WorkStage(services.work_stage(case, facts)).label),
    )
    data = pdf.render(summary, user.display_name)
    audit_log(
        action="cases.case.exported",
        actor=user,
        obj=case,
        kind=AuditEntry.Kind.READ,
        data={"format": "pdf", "bytes": len(data), "via": acc.via},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
