"""Access helpers of the reports: the list behind a dashboard figure (through the owning app's
own helper, so a drill-down shows no more than that app's list would), and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone

from onestop.accounts.models import User
from onestop.reports.dashboard import Filters
from onestop.reports.models import Export

PAGE = 50
# Which capability opens the list behind each kind of figure.
DRILL_NEEDS = {
    "case": ("can_view_case",),
    "open": ("can_view_case",),
    "overdue": ("can_view_case",),
    "referral": ("can_view_case",),
    "request": ("can_triage", "can_intake"),
}


def can_drill(user: User, kind: str) -> bool:
    return kind in DRILL_NEEDS and any(user.can(c) for c in DRILL_NEEDS[kind])


@dataclass
class DrillRow:
    number: str
    title: str  # "" where the user may know the record exists but not read it
    status: str
    when: dt.datetime | None
    url: str


def _bounds(f: Filters) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(f.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time.min))
    return start, end


def _param(p: QueryDict, name: str) -> str:
    value = p.get(name, "")
    return value if isinstance(value, str) else ""


def _category_q(field: str, code: str) -> Q:
    return Q(**{f"{field}_id": code}) | Q(**{f"{field}__parent_id": code})


def _area_q(prefix: str, area: str) -> Q:
    if len(area) == 4:
        return Q(**{f"{prefix}__district_id": area})
    return Q(**{f"{prefix}__district__province_id": area})


def _cases(user: User, center_id: int, kind: str, f: Filters, p: QueryDict) -> QuerySet[Any]:
    from onestop.cases.access import cases_for_user
    from onestop.cases.models import CaseClient, CaseStatus

    qs = cases_for_user(user).filter(center_id=center_id)
    if kind == "case":
        start, end = _bounds(f)
        qs = qs.filter(opened_at__gte=start, opened_at__lt=end)
    else:
        qs = qs.exclude(status=CaseStatus.CLOSED)
    if kind == "overdue":
        qs = qs.filter(next_task_due__lt=timezone.localdate())
    if _param(p, "category"):
        qs = qs.filter(_category_q("category", _param(p, "category")))
    if _param(p, "target_group"):
        qs = qs.filter(target_group=_param(p, "target_group"))
    if _param(p, "status"):
        qs = qs.filter(status=_param(p, "status"))
    if f.team_id:
        qs = qs.filter(team_id=f.team_id)
    if f.area:
        clients = CaseClient.objects.filter(case_id=OuterRef("pk"), role="client").filter(
            _area_q("person__current_subdistrict", f.area)
        )
        qs = qs.filter(Exists(clients))
    return qs.order_by("-opened_at")


def drill(
    user: User, center_id: int, kind: str, f: Filters, p: QueryDict, page: int
) -> tuple[list[DrillRow], bool]:
    """One page of the records behind a figure, and whether there is a next page."""
    if not can_drill(user, kind):
        raise PermissionDenied
    rows: list[DrillRow] = []
    lo, hi = (page - 1) * PAGE, page * PAGE + 1
    if kind in ("case", "open", "overdue"):
        for c in _cases(user, center_id, kind, f, p)[lo:hi]:
            rows.append(
                DrillRow(
                    c.number,
                    c.title if c.full else "",
                    c.get_status_display(),
                    c.opened_at,
                    f"/cases/{c.number}/",
                )
            )
    elif kind == "request":
        from onestop.intake.access import help_requests_for_user

        start, end = _bounds(f)
        requests = help_requests_for_user(user).filter(
            center_id=center_id,
            received_at__gte=start,
            received_at__lt=end,
            merged_into__isnull=True,
        )
        if _param(p, "channel"):
            requests = requests.filter(channel=_param(p, "channel"))
        if _param(p, "urgency"):
            requests = requests.filter(urgency=_param(p, "urgency"))
        if _param(p, "category"):
            requests = requests.filter(_category_q("category", _param(p, "category")))
        if _param(p, "target_group"):
            requests = requests.filter(target_group=_param(p, "target_group"))
        if f.area:
            requests = requests.filter(_area_q("subdistrict", f.area))
        for r in requests.order_by("-received_at")[lo:hi]:
            rows.append(
                DrillRow(
                    r.reference,
                    r.category.name if r.category else "",
                    r.get_status_display(),
                    r.received_at,
                    f"/intake/requests/{r.pk}/",
                )
            )
    else:  # referral
        from onestop.cases.access import cases_for_user, full_access_q
        from onestop.referrals.models import Referral

        start, end = _bounds(f)
        visible = cases_for_user(user).filter(full_access_q(user), center_id=center_id)
        if f.team_id:
            visible = visible.filter(team_id=f.team_id)
        referrals = Referral.objects.filter(
            case__in=visible.values("pk"), sent_at__gte=start, sent_at__lt=end
        ).select_related("case", "organization")
        if _param(p, "organization").isdigit():
            referrals = referrals.filter(organization_id=int(_param(p, "organization")))
        for ref in referrals.order_by("-sent_at")[lo:hi]:
            rows.append(
                DrillRow(
                    ref.number,
                    ref.organization.name_th,
                    ref.get_status_display(),
                    ref.sent_at,
                    f"/cases/{ref.case.number}/#referrals",
                )
            )
    return rows[:PAGE], len(rows) > PAGE


def exports_for_user(user: User) -> QuerySet[Export]:
    if not user.can("can_view_reports"):
        raise PermissionDenied
    if user.center_id is None:
        return Export.objects.filter(requested_by=user)
    return Export.objects.filter(center_id=user.center_id, requested_by=user)


def get_export_for_user(user: User, token: str) -> Export:
    export = (
        exports_for_user(user).select_related("center", "requested_by").filter(token=token).first()
    )
    if export is None:
        raise Http404
    return export
