"""GET /api/v1/open-data/{dataset}: the same monthly aggregates as /open-data/, public."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from onestop.api.errors import ApiError
from onestop.opendata import aggregates

router = Router(tags=["open data"])


@router.get(
    "/open-data/{dataset}",
    auth=None,
    summary="Monthly aggregates (open data)",
    description=(
        "dataset: help-requests or cases. from/to: YYYY-MM (CE or BE), at most 60 months; "
        "the last 12 months by default. Counts under 5 are null with suppressed=true."
    ),
)
def open_data(request: HttpRequest, dataset: str) -> dict[str, Any]:
    if dataset not in aggregates.DATASETS:
        raise ApiError(404, "not_found", "No such dataset.")
    try:
        start, end = aggregates.month_range(request.GET.get("from"), request.GET.get("to"))
    except ValidationError as exc:
        raise ApiError(400, "invalid", " ".join(exc.messages)) from exc
    return {
        "dataset": dataset,
        "from": f"{start:%Y-%m}",
        "to": f"{end:%Y-%m}",
        "rows": aggregates.rows(dataset, start, end),
    }
