"""/api/v1/cases: list, read, open, change status, notes and tasks, over the same services and
access helpers as the pages (need-to-know included: a case outside one's team is 403 with
code ``need_to_know``, another center's is 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from onestop.accounts.models import User
from onestop.api.errors import ApiError
from onestop.cases import access, services
from onestop.cases.models import Case, CaseStatus, Note, Task
from onestop.intake.models import Category, HelpRequest, RiskFlag
from onestop.persons.access import persons_for_user

router = Router(tags=["cases"])


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _case(request: HttpRequest, number: str) -> access.CaseAccess:
    try:
        return access.get_case_for_user(_user(request), number)
    except access.NeedToKnow as exc:
        raise ApiError(
            403,
            "need_to_know",
            _("This case belongs to another team. Use emergency access on its page if you must."),
        ) from exc


class CaseRow(Schema):
    number: str
    status: str
    category_code: str
    urgency: str
    worker: str | None
    opened_at: dt.datetime
    restricted: bool = Field(..., description="True: you may know it exists, not read it.")
    title: str | None = Field(None, description="Only when not restricted.")


class CaseList(Schema):
    results: list[CaseRow]
    offset: int
    limit: int
    more: bool


class ClientOut(Schema):
    person_code: str
    name: str
    role: str


class CaseOut(Schema):
    number: str
    title: str
    summary: str
    status: str
    work_stage: str
    category_code: str
    urgency: str
    risk_flags: list[str]
    target_group: str
    worker: str | None
    team: str | None
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    requests: list[str]
    clients: list[ClientOut]
    version: int


def _row(case: Case) -> dict[str, Any]:
    full = bool(getattr(case, "full", False))
    return {
        "number": case.number,
        "status": case.status,
        "category_code": case.category_id,
        "urgency": case.urgency,
        "worker": case.worker.display_name if case.worker else None,
        "opened_at": case.opened_at,
        "restricted": not full,
        "title": case.title if full else None,
    }


def _out(case: Case) -> dict[str, Any]:
    return {
        "number": case.number,
        "title": case.title,
        "summary": case.summary,
        "status": case.status,
        "work_stage": services.work_stage(case),
        "category_code": case.category_id,
        "urgency": case.urgency,
        "risk_flags": case.risk_flags,
        "target_group": case.target_group,
        "worker": case.worker.display_name if case.worker else None,
        "team": case.team.name if case.team else None,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "requests": [r.reference for r in case.requests.all()],
        "clients": [
            {"person_code": c.person.code, "name": c.person.full_name, "role": c.role}
            for c in case.clients.select_related("person")
        ],
        "version": case.version,
    }


class ListParams(Schema):
    status: Literal[
        "open",
        "all",
        "awaiting_assignment",
        "under_assessment",
        "referred",
        "help_reported",
        "help_completed",
        "closed",
    ] = "open"
    category: str = Field("", max_length=20)
    overdue: bool = False
    mine: bool = False
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


@router.get("/cases", response={200: CaseList})
def cases_list(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    """The cases of your center, newest first. Restricted rows carry only the number, status,
    category, urgency and worker."""
    user = _user(request)
    qs = access.cases_for_user(user).select_related("worker")
    if params.status == "open":
        qs = qs.exclude(status=CaseStatus.CLOSED)
    elif params.status != "all":
        qs = qs.filter(status=params.status)
    if params.category:
        qs = qs.filter(Q(category_id=params.category) | Q(category__parent_id=params.category))
    if params.mine:
        qs = qs.filter(worker=user)
    if params.overdue:
        qs = qs.filter(services.overdue_q(timezone.localdate()))
    rows = list(qs.order_by("-opened_at")[params.offset : params.offset + params.limit + 1])
    return {
        "results": [_row(c) for c in rows[: params.limit]],
        "offset": params.offset,
        "limit": params.limit,
        "more": len(rows) > params.limit,
    }


@router.get("/cases/{number}", response={200: CaseOut})
def cases_get(request: HttpRequest, number: str) -> dict[str, Any]:
    return _out(_case(request, number).case)


class ClientIn(Schema):
    person_code: str = Field(..., max_length=20)
    role: Literal["client", "family", "perpetrator", "reporter"] = "client"


class CaseIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    category_code: str = Field(..., max_length=20)
    clients: list[ClientIn] = Field(..., min_length=1, max_length=20)
    urgency: Literal["normal", "urgent", "most_urgent"] = "normal"
    risk_flags: list[str] = Field(default_factory=list, max_length=12)
    summary: str = Field("", max_length=5000)
    request_reference: str = Field("", max_length=24, description="An accepted help request.")


@router.post("/cases", response={201: CaseOut})
def cases_create(request: HttpRequest, data: CaseIn) -> Any:
    user = _user(request)
    if not user.can("can_manage_case"):
        raise PermissionDenied
    if user.center is None:
        raise ApiError(403, "no_center", _("Your account has no center."))
    fields: dict[str, list[str]] = {}
    category = Category.objects.filter(code=data.category_code, is_active=True).first()
    if category is None:
        fields["category_code"] = [_("Choose one of the listed values.")]
    bad = [f for f in data.risk_flags if f not in RiskFlag.values]
    if bad:
        fields["risk_flags"] = [_("Choose one of the listed values.")]
    codes = [c.person_code.strip().upper() for c in data.clients]
    persons = {p.code: p for p in persons_for_user(user).filter(code__in=codes)}
    missing = [c for c in codes if c not in persons]
    if missing:
        fields["clients"] = [
            _("No person with code %(codes)s in this center. Register them first.")
            % {"codes": ", ".join(missing)}
        ]
    help_request = None
    if data.request_reference:
        help_request = HelpRequest.objects.filter(
            center=user.center, reference=data.request_reference.strip().upper()
        ).first()
        if help_request is None:
            fields["request_reference"] = [_("No request with that reference in this center.")]
    if fields:
        raise ApiError(400, "validation_error", _("Please correct the fields listed."), fields)
    assert category is not None
    case = services.case_open(
        actor=user,
        center=user.center,
        title=data.title,
        category=category,
        clients=[
            services.ClientInput(persons[c.person_code.strip().upper()], c.role)
            for c in data.clients
        ],
        urgency=data.urgency,
        risk_flags=data.risk_flags,
        summary=data.summary,
        request=help_request,
    )
    return Status(201, _out(access.get_case_for_user(user, case.number, audit=False).case))


class TransitionIn(Schema):
    status: str = Field(..., max_length=20)
    reason: str = Field("", max_length=500)
    version: int | None = Field(None, description="The case version you read; 409 if stale.")


@router.post("/cases/{number}/transition", response={200: CaseOut})
def cases_transition(request: HttpRequest, number: str, data: TransitionIn) -> dict[str, Any]:
    user = _user(request)
    acc = _case(request, number)
    if not user.can("can_manage_case"):
        raise PermissionDenied
    case = services.case_transition(
        actor=user,
        access=acc,
        to_status=data.status,
        reason=data.reason,
        expected_version=data.version,
    )
    return _out(case)


class NoteOut(Schema):
    id: int
    kind: str
    text: str
    confidential: bool
    happened_on: dt.date
    author: str
    created: dt.datetime
    version: int


def _note(n: Note) -> dict[str, Any]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "text": n.text,
        "confidential": n.confidential,
        "happened_on": n.happened_on,
        "author": n.author.display_name,
        "created": n.created,
        "version": n.version,
    }


@router.get("/cases/{number}/notes", response={200: list[NoteOut]})
def notes_list(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """Confidential notes are listed only for the case's team and supervisors (each read is
    audited)."""
    acc = _case(request, number)
    return [_note(n) for n in access.notes_for(acc, _user(request))]


class NoteIn(Schema):
    kind: Literal["contact", "home_visit", "counselling", "coordination", "result"]
    # No max_length here: the service's message gives the limit and the length.
    text: str
    confidential: bool = False
    happened_on: dt.date | None = None


@router.post("/cases/{number}/notes", response={201: NoteOut})
def notes_create(request: HttpRequest, number: str, data: NoteIn) -> Any:
    user = _user(request)
    acc = _case(request, number)
    if not user.can("can_manage_case"):
        raise PermissionDenied
    note = services.note_add(
        actor=user,
        access=acc,
        kind=data.kind,
        text=data.text,
        confidential=data.confidential,
        happened_on=data.happened_on,
    )
    return Status(201, _note(note))


class TaskOut(Schema):
    id: int
    kind: str
    title: str
    due: dt.date
    owner: str
    status: str
    version: int


def _task(t: Task) -> dict[str, Any]:
    return {
        "id": t.pk,
        "kind": t.kind,
        "title": t.title,
        "due": t.due,
        "owner": t.owner.username,
        "status": t.status,
        "version": t.version,
    }


@router.get("/cases/{number}/tasks", response={200: list[TaskOut]})
def tasks_list(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    acc = _case(request, number)
    return [_task(t) for t in acc.case.tasks.select_related("owner")]


class TaskIn(Schema):
    kind: Literal["task", "follow_up", "home_visit"] = "task"
    title: str = Field(..., min_length=1, max_length=300)
    due: dt.date
    owner: str = Field("", max_length=150, description="A username; empty means yourself.")


@router.post("/cases/{number}/tasks", response={201: TaskOut})
def tasks_create(request: HttpRequest, number: str, data: TaskIn) -> Any:
    user = _user(request)
    acc = _case(request, number)
    if not user.can("can_manage_case"):
        raise PermissionDenied
    owner = user
    if data.owner:
        found = User.objects.filter(username=data.owner, center_id=acc.case.center_id).first()
        if found is None:
            raise ApiError(
                400,
                "validation_error",
                _("Please correct the fields listed."),
                {"owner": [_("Choose a staff member of this center.")]},
            )
        owner = found
    task = services.task_add(
        actor=user, access=acc, title=data.title, due=data.due, owner=owner, kind=data.kind
    )
    return Status(201, _task(task))
