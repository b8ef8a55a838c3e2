"""/reports/: the dashboard, the list behind each figure, and the standard-report exports."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.centers.models import Center
from onestop.core.exports import XLSX, attachment
from onestop.core.forms import ThaiDateField, add_errors
from onestop.reports import access, charts, dashboard, facts, services
from onestop.reports.models import Export, FactRefresh
from onestop.reports.tasks import refresh_facts
from onestop.thai.dates import fiscal_year

REPORTS = "can_view_reports"


def _center(request: HttpRequest) -> Center:
    """The user's center; a system administrator (no center) picks one with ?center=CODE."""
    user = request_user(request)
    if user.center is not None:
        return user.center
    code = request.GET.get("center", "")
    center = (
        Center.objects.filter(code=code).first() if code else Center.objects.order_by("pk").first()
    )
    if center is None:
        raise Http404
    return center


def _filters(
    request: HttpRequest, center: Center
) -> tuple[dashboard.FilterForm, dashboard.Filters, bool]:
    data = request.GET.copy()
    data.setdefault("start", data.get("from", ""))
    data.setdefault("end", data.get("to", ""))
    if not (data.get("fy") or data.get("start") or data.get("end")):
        data["fy"] = str(fiscal_year(timezone.localdate()))
    form = dashboard.FilterForm(data, center_id=center.pk)
    if form.is_valid():
        return form, form.filters(), True
    return form, dashboard.default_filters(), False


@capability_required(REPORTS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    center = _center(request)
    form, f, ok = _filters(request, center)
    if not FactRefresh.objects.filter(center=center).exists():
        facts.refresh(center_id=center.pk)  # a new center: its first figures, now
    board = dashboard.build(center.pk, f)
    panels = []
    for p in board.panels:
        link = bool(p.drill_kind) and access.can_drill(user, p.drill_kind)
        panels.append({"panel": p, "chart": charts.chart(p), "drill": link})
    breaches = None
    if user.can("can_manage_pdpa"):
        from onestop.privacy.access import breaches_for_user

        open_ = list(breaches_for_user(user).filter(status="open"))
        breaches = {"open": len(open_), "late": sum(1 for b in open_ if b.clock_breached)}
    context = {
        "breaches": breaches,
        "form": form,
        "board": board,
        "panels": panels,
        "center": center,
        "period": dashboard.period_label(f),
        "filter_query": "&".join(f"{k}={v}" for k, v in f.query().items()),
    }
    return render(request, "reports/dashboard.html", context, status=200 if ok else 400)


@capability_required(REPORTS)
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    center = _center(request)
    refresh_facts.enqueue(center.pk, 2)
    messages.success(request, _("The figures are being brought up to date. Reload in a minute."))
    return redirect("reports:index")


@capability_required(REPORTS)
@require_GET
def drill(request: HttpRequest, kind: str) -> HttpResponse:
    user = request_user(request)
    if kind not in access.DRILL_NEEDS:
        raise Http404
    center = _center(request)
    form, f, ok = _filters(request, center)
    if not ok:
        return render(request, "reports/drill.html", {"form": form, "rows": []}, status=400)
    text = request.GET.get("page", "1")
    page = max(1, int(text)) if text.isdigit() else 1
    rows, more = access.drill(user, center.pk, kind, f, request.GET, page)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "more": more,
        "kind": kind,
        "period": dashboard.period_label(f),
        "query": query.urlencode(),
    }
    return render(request, "reports/drill.html", context)


class ExportForm(forms.Form):
    report = forms.ChoiceField(label=gettext_lazy("Report"), choices=Export.Report.choices)
    day = ThaiDateField(label=gettext_lazy("Day (daily summary)"))
    month = forms.CharField(
        label=gettext_lazy("Month (monthly summary)"),
        required=False,
        max_length=7,
        help_text=gettext_lazy("Year-month, e.g. 2569-10"),
    )
    fy = forms.TypedChoiceField(
        label=gettext_lazy("Fiscal year (fiscal-year summary)"), coerce=int, required=False
    )
    fmt = forms.ChoiceField(label=gettext_lazy("Format"), choices=Export.Format.choices)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        current = fiscal_year(timezone.localdate())
        self.fields["fy"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(current, current - 10, -1)
        ]


@capability_required(REPORTS)
@require_http_methods(["GET", "POST"])
def exports(request: HttpRequest) -> HttpResponse:
    from onestop.reports.standard import period_for

    user = request_user(request)
    center = _center(request)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            start, end = period_for(d["report"], d["day"], d["month"] or "", d["fy"])
            export = services.export_request(
                actor=user, center=center, report=d["report"], start=start, end=end, fmt=d["fmt"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("reports:export", token=export.token)
    context = {"form": form, "exports": list(access.exports_for_user(user)[:30])}
    return render(request, "reports/exports.html", context, status=400 if form.errors else 200)


@capability_required(REPORTS)
@require_GET
def export(request: HttpRequest, token: str) -> HttpResponse:
    item = access.get_export_for_user(request_user(request), token)
    context = {"export": item}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "reports/export.html#progress", context)
    return render(request, "reports/export.html", context)


@capability_required(REPORTS)
@require_GET
def export_download(request: HttpRequest, token: str) -> HttpResponse:
    user = request_user(request)
    item = access.get_export_for_user(user, token)
    try:
        data = services.export_downloaded(actor=user, export=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:export", token=item.token)
    types = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX, "pdf": "application/pdf"}
    return attachment(data, item.filename, types[item.fmt])
