"""GET /api/v1/reports/dashboard: the dashboard's panels as JSON, from the same
``reports.dashboard.build`` as the page (for a ministry system or a wall display)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from onestop.accounts.models import User
from onestop.api.errors import ApiError
from onestop.reports import dashboard, facts
from onestop.reports.models import FactRefresh
from onestop.thai.dates import fiscal_year

router = Router(tags=["reports"])


@router.get(
    "/reports/dashboard",
    summary="Dashboard figures",
    description=(
        "fy: a fiscal year (BE), or start/end as dates (15/03/2569 or 2026-03-15), at most five "
        "years; team (id) or area (province or district code), not both. Needs "
        "can_view_reports. Each panel has columns, rows (key, label, values) and totals."
    ),
)
def dashboard_figures(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    assert isinstance(user, User)
    if not user.can("can_view_reports") or user.center_id is None:
        raise PermissionDenied
    data = request.GET.copy()
    if not (data.get("fy") or data.get("start") or data.get("end")):
        data["fy"] = str(fiscal_year(timezone.localdate()))
    form = dashboard.FilterForm(data, center_id=user.center_id)
    if not form.is_valid():
        raise ApiError(
            400,
            "validation_error",
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            {k: [str(e) for e in v] for k, v in form.errors.items()},
        )
    if not FactRefresh.objects.filter(center_id=user.center_id).exists():
        facts.refresh(center_id=user.center_id)
    return dashboard.build(user.center_id, form.filters()).as_json()
