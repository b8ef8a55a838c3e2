"""/open-data/: the public page, and each dataset as CSV or JSON."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from onestop.accounts.decorators import public
from onestop.core.exports import csv_response
from onestop.opendata import aggregates

FIELDS = [name for name, _label in aggregates.DICTIONARY]


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    try:
        start, end = aggregates.month_range(request.GET.get("from"), request.GET.get("to"))
        error = ""
    except ValidationError as exc:
        start, end = aggregates.month_range(None, None)
        error = " ".join(exc.messages)
    tables = [(ds, aggregates.rows(ds.code, start, end)) for ds in aggregates.DATASETS.values()]
    context = {
        "tables": tables,
        "dictionary": aggregates.DICTIONARY,
        "start": start,
        "end": end,
        "error": error,
        "smallest": aggregates.SMALLEST,
        "query": request.GET.urlencode(),
    }
    return render(request, "opendata/index.html", context, status=400 if error else 200)


@public
@require_GET
@cache_page(300)
def download(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    if dataset not in aggregates.DATASETS or fmt not in ("csv", "json"):
        raise Http404
    try:
        start, end = aggregates.month_range(request.GET.get("from"), request.GET.get("to"))
    except ValidationError as exc:
        return JsonResponse(
            {"error": {"code": "invalid", "message": " ".join(exc.messages)}}, status=400
        )
    data = aggregates.rows(dataset, start, end)
    if fmt == "json":
        return JsonResponse(
            {"dataset": dataset, "from": f"{start:%Y-%m}", "to": f"{end:%Y-%m}", "rows": data}
        )
    return csv_response(
        f"onestop-{dataset}-{start:%Y%m}-{end:%Y%m}.csv",
        FIELDS,
        [[row[f] if row[f] is not None else "" for f in FIELDS] for row in data],
    )
