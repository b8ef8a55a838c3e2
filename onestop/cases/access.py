"""Need-to-know access to cases: the one place that decides who sees what.

* another center's case: 404, whoever asks;
* the assigned worker, the case's team, the center's supervisors and whoever opened it: the
  whole case (confidential notes only for the worker, the team and the supervisors);
* any other staff of the center with ``can_view_case``: that the case exists (number, category,
  status, worker), and the content only through break-glass: a reason, a time limit, an audit
  entry and a notification to the supervisors;
* partner staff and volunteers hold no ``can_view_case``: referrals and visit tasks (their own
  issues) will give them narrower doors of their own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as Cond
from django.http import Http404
from django.utils import timezone

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log, audit_read, audit_reads
from onestop.cases.models import Attachment, BreakGlass, Case, Note, Task


class Level(enum.IntEnum):
    EXISTS = 1  # number, category, status and worker only
    FULL = 2


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    level: Level
    via: str  # worker, team, supervisor, opener, break_glass, or "" (existence only)

    @property
    def full(self) -> bool:
        return self.level == Level.FULL

    @property
    def confidential(self) -> bool:
        """Confidential notes: the case's team and supervisors, never break-glass."""
        return self.via in ("worker", "team", "supervisor")


class NeedToKnow(PermissionDenied):
    """The user may know the case exists, not read it (the page offers break-glass)."""

    def __init__(self, access: CaseAccess) -> None:
        super().__init__()
        self.access = access


def _require_view(user: User) -> None:
    if not user.can("can_view_case"):
        raise PermissionDenied


def is_supervisor(user: User, case: Case) -> bool:
    return user.can("can_approve") and user.center_id == case.center_id


def _scoped(user: User, qs: QuerySet[Any], field: str = "center_id") -> QuerySet[Any]:
    if user.is_system_admin:
        return qs
    if user.center_id is None:
        return qs.none()
    return qs.filter(**{field: user.center_id})


def full_access_q(user: User) -> Q:
    """The cases whose content ``user`` may read, as one filter (used by lists and counts)."""
    active_grant = BreakGlass.objects.filter(
        case=OuterRef("pk"), user=user, expires_at__gt=timezone.now()
    )
    q = Q(worker=user) | Q(opened_by=user) | Q(Exists(active_grant))
    if user.team_id is not None:
        q |= Q(team_id=user.team_id)
    if user.can("can_approve") and user.center_id is not None:
        q |= Q(center_id=user.center_id)
    return q


def cases_for_user(user: User) -> QuerySet[Case]:
    """Every case of the user's center, each annotated ``full`` (may its content be shown).
    Lists show the content columns only where ``full`` is true."""
    _require_view(user)
    return _scoped(user, Case.objects.all()).annotate(
        full=Cond(
            When(full_access_q(user), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def access_for(user: User, case: Case) -> CaseAccess:
    if case.worker_id == user.pk:
        return CaseAccess(case, Level.FULL, "worker")
    if case.team_id is not None and case.team_id == user.team_id:
        return CaseAccess(case, Level.FULL, "team")
    if is_supervisor(user, case):
        return CaseAccess(case, Level.FULL, "supervisor")
    if case.opened_by_id == user.pk:
        return CaseAccess(case, Level.FULL, "opener")
    if BreakGlass.objects.filter(case=case, user=user, expires_at__gt=timezone.now()).exists():
        return CaseAccess(case, Level.FULL, "break_glass")
    return CaseAccess(case, Level.EXISTS, "")


def get_case_for_user(
    user: User, number: str, *, full: bool = True, audit: bool = True
) -> CaseAccess:
    """The case by number. Another center's (or an unknown) number is 404. With ``full`` the
    content must be readable (else NeedToKnow, a 403 that offers break-glass); the read is
    audited, with the reason when it is a break-glass read."""
    _require_view(user)
    case = (
        _scoped(user, Case.objects.all())
        .select_related("category", "worker", "team", "opened_by", "center")
        .filter(number=str(number).strip().upper())
        .first()
    )
    if case is None:
        raise Http404
    access = access_for(user, case)
    if full and not access.full:
        raise NeedToKnow(access)
    if full and audit:
        audit_read(
            actor=user, obj=case, reason="break-glass" if access.via == "break_glass" else ""
        )
    return access


def get_manageable_case(user: User, number: str) -> CaseAccess:
    """For writes: the content must be readable and the user must hold can_manage_case."""
    if not user.can("can_manage_case"):
        raise PermissionDenied
    return get_case_for_user(user, number, audit=False)


def notes_for(access: CaseAccess, user: User) -> list[Note]:
    """The case's notes. Confidential ones are returned only to those allowed, and each read of
    one is audited."""
    qs = access.case.notes.select_related("author")
    if not access.confidential:
        qs = qs.filter(confidential=False)
    notes = list(qs)
    audit_reads(actor=user, objs=[n for n in notes if n.confidential], reason="confidential note")
    return notes


def get_note_for_user(user: User, access: CaseAccess, note_id: int | str) -> Note:
    if not str(note_id).isdigit():
        raise Http404
    note = access.case.notes.filter(pk=int(note_id)).select_related("author").first()
    if note is None or (note.confidential and not access.confidential):
        raise Http404
    if note.confidential:
        audit_read(actor=user, obj=note, reason="confidential note")
    return note


def get_task_for_user(access: CaseAccess, task_id: int | str) -> Task:
    if not str(task_id).isdigit():
        raise Http404
    task = access.case.tasks.filter(pk=int(task_id)).first()
    if task is None:
        raise Http404
    return task


def get_attachment_for_user(user: User, access: CaseAccess, attachment_id: int | str) -> Attachment:
    """Every download is audited."""
    if not str(attachment_id).isdigit():
        raise Http404
    item = access.case.attachments.filter(pk=int(attachment_id)).first()
    if item is None:
        raise Http404
    audit_log(
        action="cases.attachment.downloaded",
        actor=user,
        obj=item,
        center=access.case.center,
        kind=AuditEntry.Kind.READ,
        data={"case": access.case.number, "kind": item.kind},
    )
    return item


def my_tasks(user: User) -> QuerySet[Task]:
    return Task.objects.filter(owner=user, status=Task.Status.OPEN).select_related("case")
