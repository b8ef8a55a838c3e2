"""Writes on cases. Each is one typed function, in one transaction, that checks the rules and
writes its audit entry; pages and the API both call these.

Errors the user can fix are ``ValidationError`` with translated messages (the view shows them
next to the field); a stale edit is ``StaleEdit`` ("changed by X at Y, reload").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log, diff, snapshot
from onestop.cases import files
from onestop.cases.access import CaseAccess, is_supervisor
from onestop.cases.models import (
    MAX_NOTE,
    MAX_TEXT,
    ActionStatus,
    Approval,
    Assessment,
    Attachment,
    BreakGlass,
    Case,
    CaseClient,
    CaseCounter,
    CaseEvent,
    CaseStatus,
    ClientRole,
    Consent,
    LawfulBasis,
    LegalDuty,
    LegalDutyDecision,
    Note,
    Plan,
    PlanAction,
    PlanGoal,
    PlanRevision,
    ReviewState,
    Task,
    WorkStage,
)
from onestop.centers.models import Center, Team
from onestop.core.errors import StaleEdit
from onestop.core.numbering import next_number
from onestop.intake import deadlines
from onestop.intake.models import Category, HelpRequest, RiskFlag, TargetGroup, Urgency
from onestop.persons.models import Person, PersonPhone
from onestop.privacy import notices

S = CaseStatus

# Which status may follow which (closing has its own rule: an approved closure).
TRANSITIONS: dict[str, set[str]] = {
    S.AWAITING_ASSIGNMENT: {S.UNDER_ASSESSMENT, S.CLOSED},
    S.UNDER_ASSESSMENT: {S.REFERRED, S.HELP_REPORTED, S.HELP_COMPLETED, S.CLOSED},
    S.REFERRED: {S.UNDER_ASSESSMENT, S.HELP_REPORTED, S.HELP_COMPLETED, S.CLOSED},
    S.HELP_REPORTED: {S.UNDER_ASSESSMENT, S.REFERRED, S.HELP_COMPLETED, S.CLOSED},
    S.HELP_COMPLETED: {S.HELP_REPORTED, S.CLOSED},
    S.CLOSED: {S.UNDER_ASSESSMENT},  # reopening, with a reason
}


def stale(
    obj: Case | Note | Plan | Assessment | Task | Consent | CaseClient, by: User | None
) -> StaleEdit:
    """The "changed by X at Y, reload" error for ``obj`` as it is now."""
    when = timezone.localtime(obj.updated)
    return StaleEdit(
        _(
            "%(who)s changed this at %(time)s while you were editing. Reload to see their "
            "change, then make yours again."
        )
        % {"who": by.display_name if by else _("someone"), "time": f"{when:%H:%M:%S}"}
    )


def _check_version(
    obj: Case | Note | Plan | Assessment | Task | Consent | CaseClient, expected: int | None
) -> None:
    if expected is not None and int(expected) != obj.version:
        # Plans and assessments are audited on their case: look at both for the last writer.
        mine = Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        case_id = getattr(obj, "case_id", None)
        if case_id is not None:
            mine |= Q(object_type="cases.case", object_id=str(case_id))
        entry = (
            AuditEntry.objects.filter(mine, kind=AuditEntry.Kind.WRITE)
            .select_related("actor")
            .order_by("-id")
            .first()
        )
        raise stale(obj, entry.actor if entry else None)


def _locked_case(case: Case, expected_version: int | None = None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    _check_version(locked, expected_version)
    return locked


def _bump(case: Case) -> None:
    """Any change inside a case moves its version, so a page open elsewhere knows."""
    Case.objects.filter(pk=case.pk).update(version=case.version + 1, updated=timezone.now())
    case.version += 1


def _require_manage(actor: User, access: CaseAccess) -> None:
    if not actor.can("can_manage_case") or not access.full:
        raise PermissionDenied


def _event(case: Case, kind: str, actor: User | None, **fields: object) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, at=timezone.now(), **fields)


def _refresh_next_due(case: Case) -> None:
    """Keep Case.next_task_due equal to the earliest due date of its open tasks."""
    due = case.tasks.filter(status=Task.Status.OPEN).aggregate(m=Min("due"))["m"]
    Case.objects.filter(pk=case.pk).update(next_task_due=due)
    case.next_task_due = due


def _not_before_opening(case: Case, day: dt.date | None, field: str) -> None:
    if day is not None and day < timezone.localdate(case.opened_at):
        raise ValidationError({field: [_("The date cannot be before the case was opened.")]})


# --- Opening --------------------------------------------------------------------------------


@dataclass
class ClientInput:
    person: Person
    role: str = ClientRole.CLIENT


def _validate_clients(center: Center, clients: Sequence[ClientInput]) -> None:
    for item in clients:
        if item.person.center_id != center.pk:
            raise ValidationError(
                {
                    "clients": [
                        _(
                            "%(code)s belongs to another center. A referral or transfer gives the "
                            "receiving center its own linked copy of the client, with consent."
                        )
                        % {"code": item.person.code}
                    ]
                }
            )
        if not item.person.is_active:
            raise ValidationError(
                {
                    "clients": [
                        _("%(code)s was merged into another record.") % {"code": item.person.code}
                    ]
                }
            )
        if item.role not in ClientRole.values:
            raise ValidationError({"clients": [_("Choose one of the listed roles.")]})


def target_group_of(persons: Sequence[Person]) -> str:
    """The youngest client decides: a child among them makes it a child's case."""
    today = timezone.localdate()
    ages = [a for a in (p.age_on(today) for p in persons) if a is not None]
    if not ages:
        return TargetGroup.UNKNOWN
    from onestop.intake.models import target_group_for_age

    return target_group_for_age(min(ages))


@transaction.atomic
def case_open(
    *,
    actor: User,
    center: Center,
    title: str,
    category: Category,
    clients: Sequence[ClientInput],
    urgency: str = Urgency.NORMAL,
    risk_flags: Sequence[str] = (),
    summary: str = "",
    request: HelpRequest | None = None,
    opened_at: dt.datetime | None = None,
) -> Case:
    """Open a case directly, or from a help request accepted at triage (it brings its category,
    urgency, risk flags and target group unless given)."""
    if not actor.can("can_manage_case") or (
        actor.center_id != center.pk and not actor.is_system_admin
    ):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the case a short title.")]
    if len(summary) > MAX_TEXT:
        errors["summary"] = [_("Keep this under %(n)s characters.") % {"n": f"{MAX_TEXT:,}"}]
    if urgency not in Urgency.values:
        errors["urgency"] = [_("Choose one of the listed values.")]
    if any(f not in RiskFlag.values for f in risk_flags):
        errors["risk_flags"] = [_("Choose one of the listed values.")]
    if not clients:
        errors["clients"] = [_("Add at least one client.")]
    if request is not None:
        if request.center_id != center.pk:
            errors["request"] = [_("That request belongs to another center.")]
        elif request.outcome != HelpRequest.Outcome.ACCEPT:
            errors["request"] = [_("Only a request accepted for case work at triage opens a case.")]
        elif request.cases.exists():
            errors["request"] = [_("A case is already open for this request.")]
    if errors:
        raise ValidationError(errors)
    _validate_clients(center, clients)
    now = opened_at or timezone.now()
    persons = [c.person for c in clients if c.role == ClientRole.CLIENT] or [clients[0].person]
    group = target_group_of(persons)
    if group == TargetGroup.UNKNOWN and request is not None:
        group = request.target_group
    flags = sorted(set(risk_flags) or set(request.risk_flags if request else []))
    case = Case(
        center=center,
        number=next_number(CaseCounter, center, now),
        title=title.strip()[:200],
        summary=summary.strip(),
        category=category,
        urgency=urgency,
        risk_flags=flags,
        target_group=group,
        opened_at=now,
        opened_by=actor,
        assignment_due=deadlines.first_contact_due(center, urgency, now),
    )
    case.full_clean(exclude=["requests"])
    case.save()
    seen: set[tuple[int, str]] = set()
    for item in clients:
        if (item.person.pk, item.role) not in seen:
            seen.add((item.person.pk, item.role))
            CaseClient.objects.create(case=case, person=item.person, role=item.role)
    if request is not None:
        case.requests.add(request)
    _event(case, CaseEvent.Kind.OPENED, actor, to_status=case.status)
    audit_log(
        action="cases.case.opened",
        actor=actor,
        obj=case,
        data={
            "request": request.reference if request else "",
            "clients": [c.person.code for c in clients],
            "category": category.code,
        },
    )
    return case


# --- Assignment and status ------------------------------------------------------------------


@transaction.atomic
def case_assign(
    *,
    actor: User,
    case: Case,
    worker: User,
    team: Team | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    if not actor.can("can_assign") or not is_supervisor(actor, case):
        raise PermissionDenied
    case = _locked_case(case, expected_version)
    if case.is_closed:
        raise ValidationError({"worker": [_("Reopen the case before assigning it.")]})
    if (
        worker.center_id != case.center_id
        or not worker.is_active
        or not worker.can("can_manage_case")
    ):
        raise ValidationError({"worker": [_("Choose a social worker of this center.")]})
    team = team or worker.team
    if team is not None and team.center_id != case.center_id:
        raise ValidationError({"team": [_("Choose a team of this center.")]})
    reassigning = case.worker_id is not None
    if reassigning and case.worker_id == worker.pk and case.team_id == (team.pk if team else None):
        return case
    if reassigning and not reason.strip():
        raise ValidationError({"reason": [_("Give a reason for reassigning the case.")]})
    before = snapshot(case, ["worker", "team", "status"])
    case.worker = worker
    case.team = team
    case.assigned_at = timezone.now()
    if case.status == S.AWAITING_ASSIGNMENT:
        case.status = S.UNDER_ASSESSMENT
    case.version += 1
    case.save()
    _event(
        case,
        CaseEvent.Kind.ASSIGNED,
        actor,
        worker=worker,
        reason=reason.strip()[:500],
        from_status=before["status"],
        to_status=case.status,
    )
    audit_log(
        action="cases.case.reassigned" if reassigning else "cases.case.assigned",
        actor=actor,
        obj=case,
        changes=diff(before, snapshot(case, ["worker", "team", "status"])),
        data={"reason": reason.strip()[:500]},
    )
    from onestop.notifications.services import notify

    notify(
        users=[worker],
        text=_("Case %(number)s was assigned to you.") % {"number": case.number},
        link=f"/cases/{case.number}/",
        email_subject=_("New case: %(number)s") % {"number": case.number},
    )
    return case


def closure_approved(case: Case) -> bool:
    """The latest closure request is approved and nothing reopened the case since."""
    latest = (
        case.approvals.filter(subject=Approval.Subject.CLOSURE).order_by("-requested_at").first()
    )
    return latest is not None and latest.decision == Approval.Decision.APPROVED


@transaction.atomic
def case_transition(
    *,
    actor: User,
    access: CaseAccess,
    to_status: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """The one place status changes: refuses illegal moves with a translated message."""
    _require_manage(actor, access)
    case = _locked_case(access.case, expected_version)
    if to_status not in S.values:
        raise ValidationError({"status": [_("Choose one of the listed values.")]})
    if to_status == case.status:
        return case
    if to_status not in TRANSITIONS[case.status]:
        raise ValidationError(
            {
                "status": [
                    _("A case cannot go from “%(from)s” to “%(to)s”.")
                    % {"from": S(case.status).label, "to": S(to_status).label}
                ]
            }
        )
    reopening = case.status == S.CLOSED
    if reopening and not reason.strip():
        raise ValidationError({"reason": [_("Give a reason for reopening the case.")]})
    if to_status == S.UNDER_ASSESSMENT and case.worker_id is None:
        raise ValidationError({"status": [_("A supervisor must assign the case first.")]})
    if to_status == S.CLOSED and not closure_approved(case):
        raise ValidationError(
            {"status": [_("A supervisor must approve the closure before the case is closed.")]}
        )
    before = case.status
    case.status = to_status
    if to_status == S.CLOSED:
        case.closed_at = timezone.now()
    if reopening:
        case.closed_at = None
        # A reopened case needs a new closure approval: the old one is withdrawn.
        case.approvals.filter(
            subject=Approval.Subject.CLOSURE, decision=Approval.Decision.APPROVED
        ).update(decision=Approval.Decision.RETURNED, decision_comment=_("Case reopened"))
    case.version += 1
    case.save()
    _event(
        case,
        CaseEvent.Kind.REOPENED if reopening else CaseEvent.Kind.STATUS,
        actor,
        from_status=before,
        to_status=to_status,
        reason=reason.strip()[:500],
    )
    audit_log(
        action="cases.case.reopened" if reopening else "cases.case.status_changed",
        actor=actor,
        obj=case,
        changes={"status": [before, to_status]},
        data={"reason": reason.strip()[:500]},
    )
    return case


@transaction.atomic
def case_update(
    *, actor: User, access: CaseAccess, fields: dict[str, object], expected_version: int | None
) -> Case:
    """Title, summary, category, urgency and risk flags."""
    allowed = ["title", "summary", "category", "urgency", "risk_flags", "closure_summary"]
    _require_manage(actor, access)
    case = _locked_case(access.case, expected_version)
    before = snapshot(case, allowed)
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    if any(f not in RiskFlag.values for f in case.risk_flags):
        raise ValidationError({"risk_flags": [_("Choose one of the listed values.")]})
    case.full_clean(exclude=["requests"])
    changes = diff(before, snapshot(case, allowed))
    if changes:
        case.version += 1
        case.save()
        audit_log(action="cases.case.updated", actor=actor, obj=case, changes=changes)
    return case


# --- Clients and safety ---------------------------------------------------------------------


@transaction.atomic
def client_add(*, actor: User, access: CaseAccess, person: Person, role: str) -> CaseClient:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    _validate_clients(case.center, [ClientInput(person, role)])
    try:
        with transaction.atomic():
            client = CaseClient.objects.create(case=case, person=person, role=role)
    except IntegrityError as exc:
        raise ValidationError(
            {"person": [_("This person already has that role in the case.")]}
        ) from exc
    _bump(case)
    audit_log(
        action="cases.client.added",
        actor=actor,
        obj=case,
        data={"person": person.code, "role": role},
    )
    return client


SAFETY_FIELDS = [
    "safe_phone",
    "line_safe",
    "visit_safe",
    "safe_times",
    "do_not_contact",
    "safety_note",
]


@transaction.atomic
def client_safety_update(
    *,
    actor: User,
    access: CaseAccess,
    client: CaseClient,
    safe_phone: PersonPhone | None,
    line_safe: bool,
    visit_safe: bool,
    safe_times: str,
    do_not_contact: bool,
    safety_note: str,
    expected_version: int | None = None,
) -> CaseClient:
    _require_manage(actor, access)
    client = CaseClient.objects.select_for_update().get(pk=client.pk, case=access.case)
    _check_version(client, expected_version)
    if safe_phone is not None and safe_phone.person_id != client.person_id:
        raise ValidationError({"safe_phone": [_("Choose one of this person's phones.")]})
    if safe_phone is not None and not safe_phone.safe_to_contact:
        raise ValidationError({"safe_phone": [_("This phone is marked not safe to call.")]})
    before = snapshot(client, SAFETY_FIELDS)
    client.safe_phone = safe_phone
    client.line_safe = line_safe
    client.visit_safe = visit_safe
    client.safe_times = safe_times.strip()[:200]
    client.do_not_contact = do_not_contact
    client.safety_note = safety_note.strip()[:500]
    changes = diff(before, snapshot(client, SAFETY_FIELDS))
    if changes:
        client.version += 1
        client.save()
        audit_log(
            action="cases.client.safety_updated",
            actor=actor,
            obj=access.case,
            changes=changes,
            data={"person": client.person.code},
        )
    return client


def contact_allowed(client: CaseClient, channel: str) -> bool:
    """May we reach this client by ``channel`` (phone, line, visit)? Every notification to a
    client and every visit task asks this first."""
    if client.do_not_contact:
        return False
    if channel == "phone":
        return client.safe_phone_id is not None
    if channel == "line":
        return client.line_safe
    if channel == "visit":
        return client.visit_safe
    return False


# --- Assessment -----------------------------------------------------------------------------

ASSESSMENT_FIELDS = ["needs", "risks", "strengths", "living_conditions", "opinion", "due"]


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    access: CaseAccess,
    fields: dict[str, object],
    expected_version: int | None = None,
) -> Assessment:
    """Create or edit the assessment. Editing an approved or submitted one makes it a draft
    again: it needs a new approval."""
    _require_manage(actor, access)
    case = _locked_case(access.case)
    if case.is_closed:
        raise ValidationError({"__all__": [_("Reopen the case to change it.")]})
    _not_before_opening(case, fields.get("due"), "due")  # type: ignore[arg-type]
    assessment = Assessment.objects.select_for_update().filter(case=case).first()
    created = assessment is None
    if assessment is None:
        assessment = Assessment(case=case, author=actor)
    else:
        _check_version(assessment, expected_version)
    before = snapshot(assessment, [*ASSESSMENT_FIELDS, "state"])
    for name, value in fields.items():
        if name not in ASSESSMENT_FIELDS:
            raise ValueError(name)
        setattr(assessment, name, value.strip() if isinstance(value, str) else value)
    changes = diff(before, snapshot(assessment, ASSESSMENT_FIELDS))
    if not changes and not created:
        return assessment
    if assessment.state in (ReviewState.APPROVED, ReviewState.SUBMITTED):
        assessment.state = ReviewState.DRAFT
        _withdraw(case, Approval.Subject.ASSESSMENT)
    assessment.full_clean(exclude=["case", "author"])
    if not created:
        assessment.version += 1
    assessment.save()
    _bump(case)
    audit_log(
        action="cases.assessment.created" if created else "cases.assessment.updated",
        actor=actor,
        obj=case,
        changes=diff(before, snapshot(assessment, [*ASSESSMENT_FIELDS, "state"])),
    )
    return assessment


def _withdraw(case: Case, subject: str) -> None:
    case.approvals.filter(subject=subject, decision=Approval.Decision.PENDING).update(
        decision=Approval.Decision.RETURNED,
        decided_at=timezone.now(),
        decision_comment=_("Withdrawn: changed after the request"),
    )


# --- Plan -----------------------------------------------------------------------------------


def _plan_for_update(case: Case, actor: User, expected_version: int | None) -> Plan:
    plan = Plan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        return Plan.objects.create(case=case, version=0)
    _check_version(plan, expected_version)
    return plan


def _plan_data(plan: Plan) -> dict[str, object]:
    return {
        "goals": [
            {
                "text": g.text,
                "actions": [
                    {
                        "kind": a.kind,
                        "text": a.text,
                        "owner": a.owner.display_name if a.owner else "",
                        "owner_id": a.owner_id,
                        "due": a.due.isoformat() if a.due else "",
                        "status": a.status,
                    }
                    for a in g.actions.all()
                ],
            }
            for g in plan.goals.prefetch_related("actions__owner")
        ]
    }


def _plan_saved(plan: Plan, actor: User, action: str, data: dict[str, object]) -> Plan:
    """Every plan change is a new revision; a submitted or approved plan goes back to draft."""
    plan.version += 1
    if plan.state in (ReviewState.SUBMITTED, ReviewState.APPROVED):
        plan.state = ReviewState.DRAFT
        _withdraw(plan.case, Approval.Subject.PLAN)
    plan.save()
    PlanRevision.objects.create(plan=plan, number=plan.version, data=_plan_data(plan), author=actor)
    _bump(plan.case)
    audit_log(
        action=f"cases.plan.{action}",
        actor=actor,
        obj=plan.case,
        data={**data, "plan_version": plan.version},
    )
    return plan


def _plan_guard(actor: User, access: CaseAccess) -> Case:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    if case.is_closed:
        raise ValidationError({"__all__": [_("Reopen the case to change it.")]})
    return case


@transaction.atomic
def plan_goal_add(
    *, actor: User, access: CaseAccess, text: str, expected_version: int | None = None
) -> PlanGoal:
    case = _plan_guard(actor, access)
    if not text.strip():
        raise ValidationError({"text": [_("Write the goal.")]})
    plan = _plan_for_update(case, actor, expected_version)
    goal = PlanGoal.objects.create(plan=plan, text=text.strip()[:500], order=plan.goals.count())
    _plan_saved(plan, actor, "goal_added", {"goal": goal.pk})
    return goal


@transaction.atomic
def plan_action_add(
    *,
    actor: User,
    access: CaseAccess,
    goal: PlanGoal,
    text: str,
    kind: str = PlanAction.Kind.OTHER,
    owner: User | None = None,
    due: dt.date | None = None,
    expected_version: int | None = None,
) -> PlanAction:
    case = _plan_guard(actor, access)
    plan = _plan_for_update(case, actor, expected_version)
    if goal.plan_id != plan.pk:
        raise ValidationError({"goal": [_("Choose a goal of this plan.")]})
    if not text.strip():
        raise ValidationError({"text": [_("Write the action.")]})
    if kind not in PlanAction.Kind.values:
        raise ValidationError({"kind": [_("Choose one of the listed values.")]})
    _check_staff(case, owner, "owner")
    _not_before_opening(case, due, "due")
    action = PlanAction.objects.create(
        goal=goal, text=text.strip()[:500], kind=kind, owner=owner, due=due
    )
    _plan_saved(plan, actor, "action_added", {"action": action.pk})
    return action


@transaction.atomic
def plan_action_set_status(
    *,
    actor: User,
    access: CaseAccess,
    action: PlanAction,
    status: str,
    expected_version: int | None = None,
) -> PlanAction:
    case = _plan_guard(actor, access)
    plan = _plan_for_update(case, actor, expected_version)
    if action.goal.plan_id != plan.pk:
        raise ValidationError({"action": [_("Choose an action of this plan.")]})
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Choose one of the listed values.")]})
    if action.status == status:
        return action
    old = action.status
    action.status = status
    action.save(update_fields=["status"])
    # Progress on an approved plan does not need a new approval: only its content does.
    plan.version += 1
    plan.save(update_fields=["version", "updated"])
    PlanRevision.objects.create(plan=plan, number=plan.version, data=_plan_data(plan), author=actor)
    _bump(case)
    audit_log(
        action="cases.plan.action_status",
        actor=actor,
        obj=case,
        changes={"status": [old, status]},
        data={"action": action.pk, "plan_version": plan.version},
    )
    return action


def _check_staff(case: Case, user: User | None, field: str) -> None:
    if user is not None and (user.center_id != case.center_id or not user.is_active):
        raise ValidationError({field: [_("Choose a staff member of this center.")]})


# --- Approvals ------------------------------------------------------------------------------


@transaction.atomic
def approval_request(
    *, actor: User, access: CaseAccess, subject: str, comment: str = ""
) -> Approval:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    if subject not in (
        Approval.Subject.ASSESSMENT,
        Approval.Subject.PLAN,
        Approval.Subject.CLOSURE,
    ):
        raise ValidationError({"subject": [_("Choose one of the listed values.")]})
    version: int | None = None
    if subject == Approval.Subject.ASSESSMENT:
        assessment = Assessment.objects.select_for_update().filter(case=case).first()
        if assessment is None or not (assessment.needs.strip() and assessment.opinion.strip()):
            raise ValidationError(
                {
                    "subject": [
                        _("Write at least the needs and your opinion before asking for approval.")
                    ]
                }
            )
        if assessment.state == ReviewState.APPROVED:
            raise ValidationError({"subject": [_("The assessment is already approved.")]})
        assessment.state = ReviewState.SUBMITTED
        assessment.save(update_fields=["state", "updated"])
        version = assessment.version
    elif subject == Approval.Subject.PLAN:
        plan = Plan.objects.select_for_update().filter(case=case).first()
        if plan is None or not PlanAction.objects.filter(goal__plan=plan).exists():
            raise ValidationError({"subject": [_("Add at least one goal with an action first.")]})
        if plan.state == ReviewState.APPROVED:
            raise ValidationError({"subject": [_("This version of the plan is already approved.")]})
        plan.state = ReviewState.SUBMITTED
        plan.save(update_fields=["state", "updated"])
        version = plan.version
    else:
        if case.is_closed:
            raise ValidationError({"subject": [_("The case is already closed.")]})
        if not case.closure_summary.strip():
            raise ValidationError({"closure_summary": [_("Write the closure summary first.")]})
    try:
        with transaction.atomic():
            approval = Approval.objects.create(
                case=case,
                subject=subject,
                requested_by=actor,
                requested_at=timezone.now(),
                comment=comment.strip()[:1000],
                subject_version=version,
            )
    except IntegrityError as exc:
        raise ValidationError({"subject": [_("This is already waiting for approval.")]}) from exc
    _bump(case)
    audit_log(
        action="cases.approval.requested",
        actor=actor,
        obj=case,
        data={"subject": subject, "version": version},
    )
    from onestop.notifications.services import notify

    notify(
        users=_supervisors(case),
        text=_("%(number)s: %(subject)s is waiting for your approval.")
        % {"number": case.number, "subject": Approval.Subject(subject).label},
        link=f"/cases/{case.number}/",
    )
    return approval


def _supervisors(case: Case) -> list[User]:
    return list(
        User.objects.filter(
            center_id=case.center_id, is_active=True, groups__permissions__codename="can_approve"
        ).distinct()
    )


@transaction.atomic
def approval_decide(
    *, actor: User, access: CaseAccess, approval: Approval, approve: bool, comment: str = ""
) -> Approval:
    """A supervisor approves or returns. Nobody approves their own request; a return says why."""
    if not actor.can("can_approve") or not is_supervisor(actor, access.case):
        raise PermissionDenied
    case = _locked_case(access.case)
    approval = Approval.objects.select_for_update().get(pk=approval.pk, case=case)
    if approval.decision != Approval.Decision.PENDING:
        raise ValidationError({"decision": [_("This request was already decided.")]})
    if approval.requested_by_id == actor.pk:
        raise ValidationError({"decision": [_("Someone else must approve your own request.")]})
    if not approve and not comment.strip():
        raise ValidationError({"comment": [_("Say what needs to change.")]})
    state = ReviewState.APPROVED if approve else ReviewState.RETURNED
    if approval.subject == Approval.Subject.ASSESSMENT:
        assessment = Assessment.objects.select_for_update().get(case=case)
        if assessment.version != approval.subject_version:
            raise ValidationError({"decision": [_("The assessment changed after the request.")]})
        assessment.state = state
        assessment.save(update_fields=["state", "updated"])
    elif approval.subject == Approval.Subject.PLAN:
        plan = Plan.objects.select_for_update().get(case=case)
        if plan.version != approval.subject_version:
            raise ValidationError({"decision": [_("The plan changed after the request.")]})
        plan.state = state
        if approve:
            plan.approved_version = plan.version
        plan.save(update_fields=["state", "approved_version", "updated"])
    elif approval.subject == Approval.Subject.CONSENT_EXCEPTION and approve:
        Consent.objects.filter(case=case).update(
            exception_approved_by=actor, exception_approved_at=timezone.now()
        )
    approval.decision = Approval.Decision.APPROVED if approve else Approval.Decision.RETURNED
    approval.decided_by = actor
    approval.decided_at = timezone.now()
    approval.decision_comment = comment.strip()[:1000]
    approval.save()
    _bump(case)
    audit_log(
        action="cases.approval.approved" if approve else "cases.approval.returned",
        actor=actor,
        obj=case,
        data={"subject": approval.subject, "comment": approval.decision_comment},
    )
    from onestop.notifications.services import notify

    notify(
        users=[approval.requested_by],
        text=(
            _("%(number)s: %(subject)s approved.")
            if approve
            else _("%(number)s: %(subject)s returned.")
        )
        % {"number": case.number, "subject": approval.get_subject_display()},
        link=f"/cases/{case.number}/",
    )
    return approval


# --- Notes ----------------------------------------------------------------------------------


def _clean_note(kind: str, text: str, happened_on: dt.date | None, case: Case) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in Note.Kind.values:
        errors["kind"] = [_("Choose one of the listed values.")]
    if not text.strip():
        errors["text"] = [_("Write the note.")]
    elif len(text) > MAX_NOTE:
        errors["text"] = [
            _(
                "A note can be at most %(max)s characters; this one has %(n)s. Split it, or attach a document."
            )
            % {"max": f"{MAX_NOTE:,}", "n": f"{len(text):,}"}
        ]
    if happened_on is not None and happened_on > timezone.localdate():
        errors["happened_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    _not_before_opening(case, happened_on, "happened_on")


@transaction.atomic
def note_add(
    *,
    actor: User,
    access: CaseAccess,
    kind: str,
    text: str,
    confidential: bool = False,
    happened_on: dt.date | None = None,
) -> Note:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    _clean_note(kind, text, happened_on, case)
    if confidential and not access.confidential:
        raise ValidationError(
            {"confidential": [_("Only the case's team can write confidential notes.")]}
        )
    note = Note.objects.create(
        case=case,
        kind=kind,
        text=text.strip(),
        confidential=confidential,
        happened_on=happened_on or timezone.localdate(),
        author=actor,
    )
    _bump(case)
    audit_log(
        action="cases.note.added",
        actor=actor,
        obj=note,
        data={"case": case.number, "kind": kind, "confidential": confidential},
    )
    return note


@transaction.atomic
def note_update(
    *,
    actor: User,
    access: CaseAccess,
    note: Note,
    kind: str,
    text: str,
    confidential: bool,
    expected_version: int | None,
) -> Note:
    """Only the author or a supervisor edits a note; a stale edit is refused, never merged."""
    _require_manage(actor, access)
    note = Note.objects.select_for_update().get(pk=note.pk, case=access.case)
    if note.author_id != actor.pk and not is_supervisor(actor, access.case):
        raise PermissionDenied
    _check_version(note, expected_version)
    _clean_note(kind, text, note.happened_on, access.case)
    before = snapshot(note, ["kind", "text", "confidential"])
    note.kind = kind
    note.text = text.strip()
    note.confidential = confidential
    after = snapshot(note, ["kind", "text", "confidential"])
    if before == after:
        return note
    note.version += 1
    note.save()
    changed = sorted(k for k in after if before[k] != after[k])
    # The text itself stays out of the audit table: it names which fields changed.
    audit_log(
        action="cases.note.updated",
        actor=actor,
        obj=note,
        data={"case": access.case.number, "fields": changed},
    )
    return note


# --- Tasks ----------------------------------------------------------------------------------


@transaction.atomic
def task_add(
    *,
    actor: User,
    access: CaseAccess,
    title: str,
    due: dt.date,
    owner: User,
    kind: str = Task.Kind.TASK,
    client: CaseClient | None = None,
) -> Task:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Say what is to be done.")]
    if kind not in Task.Kind.values:
        errors["kind"] = [_("Choose one of the listed values.")]
    if errors:
        raise ValidationError(errors)
    if case.is_closed:
        raise ValidationError({"__all__": [_("Reopen the case to change it.")]})
    _not_before_opening(case, due, "due")
    _check_staff(case, owner, "owner")
    if client is not None and client.case_id != case.pk:
        raise ValidationError({"client": [_("Choose a client of this case.")]})
    if kind == Task.Kind.HOME_VISIT:
        if client is None:
            raise ValidationError({"client": [_("Say whom the visit is for.")]})
        if not contact_allowed(client, "visit"):
            raise ValidationError(
                {"client": [_("This client's safety preferences say a home visit is not safe.")]}
            )
    task = Task.objects.create(
        case=case,
        kind=kind,
        title=title.strip()[:300],
        due=due,
        owner=owner,
        client=client,
        created_by=actor,
    )
    _refresh_next_due(case)
    _bump(case)
    audit_log(
        action="cases.task.added",
        actor=actor,
        obj=task,
        data={"case": case.number, "due": due.isoformat(), "owner": owner.pk},
    )
    if owner.pk != actor.pk:
        from onestop.notifications.services import notify

        notify(
            users=[owner],
            text=_("%(number)s: new task “%(title)s”")
            % {"number": case.number, "title": task.title},
            link=f"/cases/{case.number}/",
        )
    return task


@transaction.atomic
def task_set_status(
    *, actor: User, access: CaseAccess, task: Task, status: str, expected_version: int | None = None
) -> Task:
    _require_manage(actor, access)
    task = Task.objects.select_for_update().get(pk=task.pk, case=access.case)
    _check_version(task, expected_version)
    if status not in Task.Status.values:
        raise ValidationError({"status": [_("Choose one of the listed values.")]})
    if status == task.status:
        return task
    old = task.status
    task.status = status
    task.done_at = timezone.now() if status == Task.Status.DONE else None
    task.version += 1
    task.save()
    _refresh_next_due(access.case)
    _bump(access.case)
    audit_log(
        action="cases.task.status_changed",
        actor=actor,
        obj=task,
        changes={"status": [old, status]},
        data={"case": access.case.number},
    )
    return task


# --- Attachments ----------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *, actor: User, access: CaseAccess, kind: str, upload: UploadedFile, description: str = ""
) -> Attachment:
    _require_manage(actor, access)
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": [_("Choose one of the listed values.")]})
    clean = files.clean_attachment(upload)
    case = _locked_case(access.case)
    item = Attachment(
        case=case,
        kind=kind,
        original_name=files.safe_name(upload.name or "file")[:200],
        content_type=clean.content_type,
        size=len(clean.data),
        sha256=hashlib.sha256(clean.data).hexdigest(),
        description=description.strip()[:300],
        uploaded_by=actor,
    )
    item.file.save(f"{item.sha256[:16]}.{clean.extension}", clean.content(), save=False)
    item.save()
    _bump(case)
    audit_log(
        action="cases.attachment.added",
        actor=actor,
        obj=item,
        data={"case": case.number, "kind": kind, "size": item.size},
    )
    return item


# --- Break-glass ----------------------------------------------------------------------------


@transaction.atomic
def break_glass(*, actor: User, access: CaseAccess, reason: str) -> BreakGlass:
    """Read a case outside one's team: a reason is required, access lasts BreakGlass.HOURS, the
    grant and each read are audited and the center's supervisors are told at once."""
    if not actor.can("can_view_case"):
        raise PermissionDenied
    case = access.case
    if access.full:
        raise ValidationError({"reason": [_("You can already read this case.")]})
    if len(reason.strip()) < 10:
        raise ValidationError(
            {"reason": [_("Say why you need this case now (at least 10 characters).")]}
        )
    now = timezone.now()
    grant = BreakGlass.objects.create(
        case=case,
        user=actor,
        reason=reason.strip()[:500],
        granted_at=now,
        expires_at=now + dt.timedelta(hours=BreakGlass.HOURS),
    )
    _event(case, CaseEvent.Kind.BREAK_GLASS, actor, reason=grant.reason)
    audit_log(
        action="cases.case.break_glass",
        actor=actor,
        obj=case,
        data={"reason": grant.reason, "expires_at": grant.expires_at.isoformat()},
    )
    from onestop.notifications.services import notify

    notify(
        users=[u for u in _supervisors(case) if u.pk != actor.pk],
        text=_("%(user)s used emergency access on %(number)s: %(reason)s")
        % {"user": actor.display_name, "number": case.number, "reason": grant.reason},
        link=f"/cases/{case.number}/",
        email_subject=_("Emergency access to %(number)s") % {"number": case.number},
    )
    return grant


# --- Consent and legal duties ---------------------------------------------------------------


@dataclass
class ConsentInput:
    lawful_basis: str
    method: str
    consenting_person: str = ""
    form: Attachment | None = None
    witness: str = ""
    unable_reason: str = ""
    share_outside: bool = False
    guardian: str = Consent.Guardian.NOT_CHILD
    guardian_name: str = ""
    exception_reason: str = ""
    # The client notice version the form showed; the current one when not given (the API).
    notice_version: str = ""


def is_child_case(case: Case) -> bool:
    return case.target_group == TargetGroup.CHILD


@transaction.atomic
def consent_record(
    *, actor: User, access: CaseAccess, data: ConsentInput, expected_version: int | None = None
) -> Consent:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    errors: dict[str, list[str]] = {}
    if data.lawful_basis not in LawfulBasis.values:
        errors["lawful_basis"] = [_("Choose one of the listed values.")]
    if data.method not in Consent.Method.values:
        errors["method"] = [_("Choose one of the listed values.")]
    if data.lawful_basis == LawfulBasis.CONSENT:
        if data.method in (Consent.Method.UNABLE, Consent.Method.NOT_NEEDED):
            errors["method"] = [
                _("Explicit consent needs a signed form or a witnessed verbal consent.")
            ]
        if not data.consenting_person.strip():
            errors["consenting_person"] = [_("Say who consented.")]
    if data.method == Consent.Method.SIGNED_FORM and (
        data.form is None or data.form.case_id != case.pk
    ):
        errors["form"] = [_("Upload the signed form to this case first, then choose it.")]
    if data.method == Consent.Method.VERBAL_WITNESS and not data.witness.strip():
        errors["witness"] = [_("Name the witness.")]
    if data.method == Consent.Method.UNABLE and not data.unable_reason.strip():
        errors["unable_reason"] = [_("Say why the person cannot consent.")]
    if is_child_case(case):
        if data.guardian == Consent.Guardian.NOT_CHILD:
            errors["guardian"] = [
                _("This is a child's case: record the guardian's consent or the exception.")
            ]
        if data.guardian == Consent.Guardian.GIVEN and not data.guardian_name.strip():
            errors["guardian_name"] = [_("Name the guardian who consented.")]
        if data.guardian == Consent.Guardian.EXCEPTION:
            if not data.exception_reason.strip():
                errors["exception_reason"] = [_("Say why the guardian is not asked.")]
            if data.lawful_basis == LawfulBasis.CONSENT:
                errors["lawful_basis"] = [
                    _("Without the guardian, use the legal-duty or vital-interest basis.")
                ]
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.select_for_update().filter(case=case).first()
    created = consent is None
    if consent is None:
        consent = Consent(case=case, recorded_by=actor)
    else:
        _check_version(consent, expected_version)
        consent.version += 1
    fields = [
        "lawful_basis",
        "method",
        "consenting_person",
        "form",
        "witness",
        "unable_reason",
        "share_outside",
        "guardian",
        "guardian_name",
        "exception_reason",
        "notice_version",
    ]
    before = snapshot(consent, fields) if not created else {}
    current = notices.version("client")
    if data.notice_version not in ("", current):
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "The privacy notice changed while this page was open: read the new "
                        "notice to the person and save again."
                    )
                ]
            }
        )
    data.notice_version = current
    for name in fields:
        value = getattr(data, name)
        setattr(consent, name, value.strip() if isinstance(value, str) else value)
    needs_exception = consent.guardian == Consent.Guardian.EXCEPTION
    if not needs_exception or (
        before and before.get("exception_reason") != consent.exception_reason
    ):
        consent.exception_approved_by = None
        consent.exception_approved_at = None
    consent.recorded_by = actor
    consent.save()
    _bump(case)
    audit_log(
        action="cases.consent.recorded",
        actor=actor,
        obj=case,
        changes=diff(before, snapshot(consent, fields)),
    )
    if needs_exception and consent.exception_approved_at is None:
        _withdraw(case, Approval.Subject.CONSENT_EXCEPTION)
        Approval.objects.create(
            case=case,
            subject=Approval.Subject.CONSENT_EXCEPTION,
            requested_by=actor,
            requested_at=timezone.now(),
            comment=consent.exception_reason[:1000],
        )
    return consent


def sharing_allowed(case: Case, consent: Consent | None = None) -> tuple[bool, str]:
    """May this case's data leave the center (a referral, a transfer)? Referrals call this."""
    consent = consent or Consent.objects.filter(case=case).first()
    if consent is None:
        return False, _("Record the lawful basis and consent first.")
    if consent.guardian == Consent.Guardian.EXCEPTION and consent.exception_approved_at is None:
        return False, _("A supervisor must approve the consent exception first.")
    if consent.lawful_basis == LawfulBasis.CONSENT and not consent.share_outside:
        return False, _("The consent does not cover sharing outside the center.")
    return True, ""


def legal_duties_for(case: Case) -> list[str]:
    """The reporting duties a case raises, from its category, risk flags and target group."""
    duties: list[str] = []
    code = case.category_id or ""
    flags = set(case.risk_flags)
    child_risk = flags - {RiskFlag.NONE}
    if code.startswith(("VIO.CHILD", "CHY")) or (
        case.target_group == TargetGroup.CHILD and child_risk
    ):
        duties.append(LegalDuty.CHILD_PROTECTION)
    if code.startswith("VIO.DV") or RiskFlag.HARM_OTHERS in flags:
        duties.append(LegalDuty.FAMILY_VIOLENCE)
    if code.startswith("TIP") or RiskFlag.TRAFFICKING in flags:
        duties.append(LegalDuty.TRAFFICKING)
    return duties


@transaction.atomic
def legal_duty_record(
    *, actor: User, access: CaseAccess, duty: str, decision: str, detail: str
) -> LegalDutyDecision:
    _require_manage(actor, access)
    case = _locked_case(access.case)
    errors: dict[str, list[str]] = {}
    if duty not in LegalDuty.values:
        errors["duty"] = [_("Choose one of the listed values.")]
    if decision not in LegalDutyDecision.Decision.values:
        errors["decision"] = [_("Choose one of the listed values.")]
    if len(detail.strip()) < 5:
        errors["detail"] = [_("Say to whom and when it was reported, or why it does not apply.")]
    if errors:
        raise ValidationError(errors)
    item = LegalDutyDecision.objects.create(
        case=case,
        duty=duty,
        decision=decision,
        detail=detail.strip()[:500],
        decided_by=actor,
        decided_at=timezone.now(),
    )
    _bump(case)
    audit_log(
        action="cases.legal_duty.recorded",
        actor=actor,
        obj=case,
        data={"duty": duty, "decision": decision},
    )
    return item


# --- Computed -------------------------------------------------------------------------------


@dataclass
class CaseFacts:
    """What the case page, the PDF and the work stage read about one case, fetched once: one
    query per kind of record, whatever the size of the case."""

    case: Case
    clients: list[CaseClient]
    assessment: Assessment | None
    plan: Plan | None
    consent: Consent | None
    approvals: list[Approval]
    tasks: list[Task]
    attachments: list[Attachment]
    legal_duties: list[LegalDutyDecision]

    @classmethod
    def load(cls, case: Case) -> CaseFacts:
        plan = Plan.objects.filter(case=case).prefetch_related("goals__actions__owner").first()
        return cls(
            case=case,
            clients=list(case.clients.select_related("person", "safe_phone")),
            assessment=Assessment.objects.filter(case=case).first(),
            plan=plan,
            consent=Consent.objects.filter(case=case)
            .select_related("exception_approved_by")
            .first(),
            approvals=list(case.approvals.select_related("requested_by", "decided_by")),
            tasks=list(case.tasks.select_related("owner", "client__person")),
            attachments=list(case.attachments.select_related("uploaded_by")),
            legal_duties=list(case.legal_duties.select_related("decided_by")),
        )

    def actions(self) -> list[PlanAction]:
        if self.plan is None:
            return []
        return [a for g in self.plan.goals.all() for a in g.actions.all()]


def work_stage(case: Case, facts: CaseFacts | None = None) -> str:
    """Where the work is, computed from the data (never stored, so it cannot drift)."""
    facts = facts or CaseFacts.load(case)
    closing = any(
        a.subject == Approval.Subject.CLOSURE and a.decision in ("pending", "approved")
        for a in facts.approvals
    )
    if case.is_closed or closing:
        return WorkStage.CLOSURE
    if case.worker_id is None:
        return WorkStage.INTAKE
    plan = facts.plan
    if plan is not None and plan.approved_version is not None:
        still_open = [
            a for a in facts.actions() if a.status not in (ActionStatus.DONE, ActionStatus.DROPPED)
        ]
        if still_open or case.status == S.REFERRED:
            return WorkStage.INTERVENTION
        return WorkStage.FOLLOW_UP
    if plan is not None:
        return WorkStage.PLAN
    if facts.assessment is not None:
        if facts.assessment.state == ReviewState.APPROVED:
            return WorkStage.PLAN
        return WorkStage.ASSESSMENT
    return WorkStage.SCREENING


def cases_escalate(*, now: dt.datetime | None = None) -> int:
    """Unassigned cases past their assignment deadline escalate once to the supervisors (the
    same sweep and deadline engine as intake's first contact)."""
    from onestop.notifications.services import notify

    now = now or timezone.now()
    due = list(
        Case.objects.filter(
            status=S.AWAITING_ASSIGNMENT, escalated_at__isnull=True, assignment_due__lt=now
        ).select_related("center")[:500]
    )
    count = 0
    for case in due:
        with transaction.atomic():
            if not Case.objects.filter(pk=case.pk, escalated_at__isnull=True).update(
                escalated_at=now
            ):
                continue
            late = (
                int((now - case.assignment_due).total_seconds() // 60) if case.assignment_due else 0
            )
            notified = notify(
                users=_supervisors(case),
                text=_("%(number)s has no social worker; %(late)s minutes past its deadline.")
                % {"number": case.number, "late": late},
                link=f"/cases/{case.number}/",
                email_subject=_("Case not assigned: %(number)s") % {"number": case.number},
            )
            audit_log(
                action="cases.case.escalated",
                obj=case,
                data={"minutes_late": late, "notified": notified},
            )
            count += 1
    return count


def overdue_q(today: dt.date) -> Q:
    """Cases with an overdue open task, or unassigned past their deadline (the list's and the
    API's "overdue" filter)."""
    return Q(next_task_due__lt=today) | Q(
        status=S.AWAITING_ASSIGNMENT, assignment_due__lt=timezone.now()
    )
