"""Outcome scores on a case (workers) and the before/after report per cohort (reports)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.cases import access as case_access
from onestop.core.forms import flash_errors
from onestop.intake.models import Category
from onestop.outcomes import services
from onestop.thai.dates import fiscal_year, fiscal_year_bounds


@capability_required("can_manage_case")
@require_POST
def record(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    client = acc.case.clients.filter(
        pk=request.POST.get("client", "0") if request.POST.get("client", "").isdigit() else 0
    ).first()
    if client is None:
        raise Http404
    scores = {k[6:]: v for k, v in request.POST.items() if k.startswith("score_")}
    try:
        services.outcome_record(
            actor=user,
            access=acc,
            client=client,
            stage=request.POST.get("stage", ""),
            scores=scores,
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Outcome scores recorded."))
    return redirect("cases:case_detail", number=acc.case.number)


@capability_required("can_view_reports")
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    from django.utils import timezone

    current = fiscal_year(timezone.localdate())
    text = request.GET.get("fy", "")
    fy = int(text) if text.isdigit() and current - 20 <= int(text) <= current else current
    start, end = fiscal_year_bounds(fy)
    category = request.GET.get("category", "")
    if category and not Category.objects.filter(code=category).exists():
        category = ""
    result = services.cohort_report(
        center_id=user.center_id or 0, start=start, end=end, category=category
    )
    context = {
        "result": result,
        "fy": fy,
        "years": list(range(current, current - 6, -1)),
        "category": category,
        "categories": Category.objects.filter(parent__isnull=True, is_active=True),
    }
    return render(request, "outcomes/report.html", context)
