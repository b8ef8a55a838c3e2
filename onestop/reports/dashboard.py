"""The operational dashboard: its filters, and each panel's figures summed from ``Fact``.

A panel is a list of rows (a label and one or more figures) and the drill-down parameters of
each row; the page draws it as an SVG bar chart with a table beside it, the API returns it as
JSON. Both call ``build``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onestop.cases.models import CaseStatus
from onestop.centers.models import Team
from onestop.core.forms import ThaiDateField
from onestop.geo.models import District, Province
from onestop.intake.models import Category, HelpRequest, TargetGroup, Urgency
from onestop.reports.models import Fact, FactKind
from onestop.thai.dates import fiscal_year, fiscal_year_bounds, format_date

MAX_DAYS = 366 * 5  # a range longer than five years is refused (the "30 years")
# Kinds whose facts carry a team or an area; the filters leave the others alone.
TEAM_KINDS = {
    FactKind.CASE,
    FactKind.REFERRAL_SENT,
    FactKind.REFERRAL_ACCEPTED,
    FactKind.REFERRAL_DONE,
    FactKind.WELFARE,
    FactKind.VISIT,
    FactKind.OPEN,
    FactKind.OVERDUE,
}
AREA_KINDS = {
    FactKind.REQUEST,
    FactKind.REQUEST_GROUP,
    FactKind.REQUEST_DEADLINE,
    FactKind.REQUEST_ACTION,
    FactKind.CASE,
    FactKind.WELFARE,
    FactKind.VISIT,
    FactKind.OPEN,
    FactKind.OVERDUE,
}


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    team_id: int | None = None
    area: str = ""  # a province (2 digits) or district (4 digits) code
    fy: int | None = None

    @property
    def whole_months(self) -> bool:
        """A team and an area together are kept per month only: the period is whole months."""
        return bool(self.team_id and self.area)

    def query(self) -> dict[str, str]:
        """The filters as GET parameters (for drill-down links and exports)."""
        out = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.team_id:
            out["team"] = str(self.team_id)
        if self.area:
            out["area"] = self.area
        return out


class FilterForm(forms.Form):
    fy = forms.TypedChoiceField(label=gettext_lazy("Fiscal year"), coerce=int, required=False)
    start = ThaiDateField(label=gettext_lazy("From"))
    end = ThaiDateField(label=gettext_lazy("Up to"))
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=gettext_lazy("All teams"),
    )
    # Any province or district code is accepted (drill-down links carry them); the list offers
    # every province and the districts of the center's own province.
    area = forms.CharField(label=gettext_lazy("Area"), required=False, widget=forms.Select)

    def __init__(self, *args: Any, center_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = fiscal_year(timezone.localdate())
        years = range(current, current - 6, -1)
        self.fields["fy"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose dates instead")),
            *((y, str(y)) for y in years),
        ]
        teams = Team.objects.filter(center_id=center_id).order_by("name")
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["area"].widget.choices = area_choices(center_id, self.data.get("area", ""))

    def clean_area(self) -> str:
        code: str = (self.cleaned_data.get("area") or "").strip()
        if not code:
            return ""
        if len(code) == 2 and Province.objects.filter(code=code).exists():
            return code
        if len(code) == 4 and District.objects.filter(code=code).exists():
            return code
        raise ValidationError(_("No province or district has this code."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start or end:
            start = start or end
            end = end or start
            assert start is not None and end is not None
            if start > end:
                raise ValidationError(_("The start date must be before the end date."))
            if (end - start).days > MAX_DAYS:
                raise ValidationError(
                    _("Choose a period of at most five years; ask for an export for longer.")
                )
            if data.get("team") and data.get("area"):
                # A team in one area is kept per month: widen the period to whole months.
                start, end = start.replace(day=1), _next_month(end) - dt.timedelta(days=1)
            data["start"], data["end"], data["fy"] = start, end, None
        else:
            fy = data.get("fy") or fiscal_year(timezone.localdate())
            data["start"], data["end"] = fiscal_year_bounds(fy)
            data["fy"] = fy
        return data

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(
            start=d["start"],
            end=d["end"],
            team_id=d["team"].pk if d.get("team") else None,
            area=d.get("area") or "",
            fy=d.get("fy"),
        )


def area_choices(center_id: int, current: str = "") -> list[Any]:
    from onestop.centers.models import Center

    provinces = [(p.code, p.name_th) for p in Province.objects.order_by("name_th")]
    choices: list[Any] = [("", _("All areas")), (_("Provinces"), provinces)]
    home = (
        Center.objects.filter(pk=center_id)
        .values_list(
            "subdistrict__district__province_id", "subdistrict__district__province__name_th"
        )
        .first()
    )
    if home and home[0]:
        districts = [
            (d.code, d.name_th)
            for d in District.objects.filter(province_id=home[0]).order_by("name_th")
        ]
        choices.append((_("Districts of %(province)s") % {"province": home[1]}, districts))
    if len(current) == 4 and not (home and current.startswith(str(home[0]))):
        other = District.objects.filter(code=current).first()
        if other is not None:
            choices.append((_("Other"), [(other.code, other.name_th)]))
    return choices


def default_filters() -> Filters:
    fy = fiscal_year(timezone.localdate())
    start, end = fiscal_year_bounds(fy)
    return Filters(start=start, end=end, fy=fy)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_q(start: dt.date, end: dt.date) -> Q:
    """The rows of a period: whole months from the monthly rows, the ragged ends from the
    daily ones (a fiscal year is twelve monthly rows per combination, not 365 daily ones)."""
    first = start if start.day == 1 else _next_month(start)
    after = (
        _next_month(end) if _next_month(end) - dt.timedelta(days=1) == end else end.replace(day=1)
    )
    if first >= after:
        return Q(grain="d", day__gte=start, day__lte=end)
    q = Q(grain="m", day__gte=first, day__lt=after)
    if start < first:
        q |= Q(grain="d", day__gte=start, day__lt=first)
    if end >= after:
        q |= Q(grain="d", day__gte=after, day__lte=end)
    return q


def facts(
    center_id: int, kind: str, f: Filters, *, dated: bool = True, scope: str = ""
) -> QuerySet[Fact]:
    """A kind's rows for the filters. Scope "a" (per place) when an area is chosen or the
    caller groups by place, else "t" (per team, which also sums to the whole center)."""
    if not scope:
        team, area = f.team_id and kind in TEAM_KINDS, f.area and kind in AREA_KINDS
        scope = "b" if team and area else "a" if area else "t"
    qs = Fact.objects.filter(center_id=center_id, kind=kind, scope=scope)
    if not dated or kind in (FactKind.OPEN, FactKind.OVERDUE):
        qs = qs.filter(grain="d")
    elif scope == "b":
        qs = qs.filter(grain="m", day__gte=f.start.replace(day=1), day__lte=f.end)
    else:
        qs = qs.filter(period_q(f.start, f.end))
    if f.team_id and kind in TEAM_KINDS and scope in ("t", "b"):
        qs = qs.filter(team_id=f.team_id)
    if f.area and kind in AREA_KINDS and scope in ("a", "b"):
        qs = qs.filter(district=f.area) if len(f.area) == 4 else qs.filter(province=f.area)
    return qs


@dataclass
class Row:
    key: str
    label: str
    values: list[float | None]
    drill: dict[str, str] | None = None  # GET parameters of the list behind the first figure


@dataclass
class Panel:
    code: str
    title: str
    columns: list[str]
    rows: list[Row]
    drill_kind: str = ""  # which list the rows drill into ("" = none)
    note: str = ""
    totals: list[float] = field(default_factory=list)

    def finish(self) -> Panel:
        width = len(self.columns)
        self.totals = [round(sum(r.values[i] or 0 for r in self.rows), 1) for i in range(width)]
        return self

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "columns": self.columns,
            "rows": [{"key": r.key, "label": r.label, "values": r.values} for r in self.rows],
            "totals": self.totals,
        }


def _sum_by(qs: QuerySet[Fact], *dims: str, total: bool = False) -> dict[tuple[Any, ...], float]:
    measure = "total" if total else "n"
    out: dict[tuple[Any, ...], float] = {}
    for r in qs.values(*dims).annotate(v=Sum(measure)).order_by():
        out[tuple(r[d] for d in dims)] = r["v"] or 0
    return out


def _categories() -> dict[str, str]:
    return {c.code: c.name for c in Category.objects.filter(parent__isnull=True)}


def _by_category_and_group(center_id: int, f: Filters) -> list[Panel]:
    requests = _sum_by(facts(center_id, FactKind.REQUEST_GROUP, f), "category")
    requests_tg = _sum_by(facts(center_id, FactKind.REQUEST_GROUP, f), "target_group")
    cases = _sum_by(facts(center_id, FactKind.CASE, f), "category", "target_group", "disabled")
    columns = [_("Requests"), _("Cases, no disability"), _("Cases, with a disability")]
    by_cat: dict[str, list[float | None]] = {}
    by_tg: dict[str, list[float | None]] = {}
    for (cat, tg, disabled), n in cases.items():
        for bucket, key in ((by_cat, cat), (by_tg, tg)):
            row = bucket.setdefault(key, [0, 0, 0])
            row[2 if disabled else 1] = (row[2 if disabled else 1] or 0) + n
    for (cat,), n in requests.items():
        by_cat.setdefault(cat, [0, 0, 0])[0] = n
    for (tg,), n in requests_tg.items():
        by_tg.setdefault(tg, [0, 0, 0])[0] = n
    names = _categories()
    cat_rows = [
        Row(cat, names.get(cat, _("Not classified")), v, {"category": cat})
        for cat, v in sorted(by_cat.items(), key=lambda kv: -sum(v or 0 for v in kv[1]))
    ]
    tg_labels = dict(TargetGroup.choices)
    tg_rows = [
        Row(tg, str(tg_labels.get(tg, tg)), by_tg[tg], {"target_group": tg})
        for tg in TargetGroup.values
        if tg in by_tg
    ]
    return [
        Panel("category", _("Requests and cases by problem"), columns, cat_rows, "case").finish(),
        Panel(
            "target_group", _("Requests and cases by target group"), columns, tg_rows, "case"
        ).finish(),
    ]


def _channels(center_id: int, f: Filters) -> Panel:
    sums = _sum_by(facts(center_id, FactKind.REQUEST, f), "channel")
    labels = dict(HelpRequest.Channel.choices)
    rows = [
        Row(ch, str(labels[ch]), [sums[(ch,)]], {"channel": ch})
        for ch in HelpRequest.Channel.values
        if (ch,) in sums
    ]
    return Panel(
        "channel",
        _("Requests by channel"),
        [_("Requests")],
        rows,
        "request",
        note=_("Requests belong to no team: the team filter does not apply."),
    ).finish()


def _deadlines(center_id: int, f: Filters) -> Panel:
    sums = _sum_by(facts(center_id, FactKind.REQUEST_DEADLINE, f), "urgency", "on_time")
    labels = dict(Urgency.choices)
    rows = []
    for u in reversed(Urgency.values):
        met = sums.get((u, True), 0)
        missed = sums.get((u, False), 0)
        pending = sums.get((u, None), 0)
        if met + missed + pending == 0:
            continue
        share = round(100 * met / (met + missed), 1) if met + missed else None
        rows.append(Row(u, str(labels[u]), [met, missed, pending, share], {"urgency": u}))
    panel = Panel(
        "deadlines",
        _("First-contact deadlines by urgency"),
        [_("Met"), _("Missed"), _("Not yet due or no deadline"), _("% met")],
        rows,
        "request",
    ).finish()
    met, missed = panel.totals[0], panel.totals[1]
    panel.totals[3] = round(100 * met / (met + missed), 1) if met + missed else 0
    return panel


def _open_by_stage(center_id: int, f: Filters) -> Panel:
    sums = _sum_by(facts(center_id, FactKind.OPEN, f, dated=False), "label")
    labels = dict(CaseStatus.choices)
    rows = [
        Row(s, str(labels[s]), [sums[(s,)]], {"status": s})
        for s in CaseStatus.values
        if (s,) in sums
    ]
    return Panel(
        "open",
        _("Open cases by stage (now)"),
        [_("Cases")],
        rows,
        "open",
        note=_("Today's figure, whatever the dates chosen."),
    ).finish()


def _overdue(center_id: int, f: Filters) -> Panel:
    sums = _sum_by(facts(center_id, FactKind.OVERDUE, f, dated=False), "team_id")
    teams = dict(Team.objects.filter(center_id=center_id).values_list("pk", "name"))
    rows = [
        Row(
            str(team or ""),
            teams.get(team, _("No team")) if team else _("No team"),
            [n],
            {"team": str(team)} if team else {},
        )
        for (team,), n in sorted(sums.items(), key=lambda kv: -kv[1])
    ]
    return Panel(
        "overdue",
        _("Overdue tasks by team (now)"),
        [_("Tasks")],
        rows,
        "overdue",
        note=_("Today's figure, whatever the dates chosen."),
    ).finish()


def _referrals(center_id: int, f: Filters) -> Panel:
    from onestop.directory.models import Organization

    sent = _sum_by(facts(center_id, FactKind.REFERRAL_SENT, f), "detail")
    accepted = _sum_by(facts(center_id, FactKind.REFERRAL_ACCEPTED, f), "detail")
    waited = _sum_by(facts(center_id, FactKind.REFERRAL_ACCEPTED, f), "detail", total=True)
    done = _sum_by(facts(center_id, FactKind.REFERRAL_DONE, f), "detail")
    keys = sorted({k[0] for k in (*sent, *accepted, *done)})
    names = {
        str(pk): name
        for pk, name in Organization.objects.filter(
            pk__in=[int(k) for k in keys if k.isdigit()]
        ).values_list("pk", "name_th")
    }
    rows = []
    for k in keys:
        acc = accepted.get((k,), 0)
        hours = round(waited.get((k,), 0) / acc / 3600, 1) if acc else None
        rows.append(
            Row(
                k,
                names.get(k, k),
                [sent.get((k,), 0), acc, done.get((k,), 0), hours],
                {"organization": k},
            )
        )
    rows.sort(key=lambda r: -(r.values[0] or 0))
    panel = Panel(
        "referrals",
        _("Referrals by partner"),
        [_("Sent"), _("Accepted"), _("Completed"), _("Hours to acceptance (mean)")],
        rows,
        "referral",
        note=_("Each figure counts what happened in the period: sent, accepted or completed."),
    ).finish()
    total_acc = panel.totals[1]
    total_wait = sum(waited.values())
    panel.totals[3] = round(total_wait / total_acc / 3600, 1) if total_acc else 0
    return panel


def _welfare(center_id: int, f: Filters) -> Panel:
    from onestop.welfare.models import Benefit, BenefitApplication

    sums = _sum_by(facts(center_id, FactKind.WELFARE, f), "detail", "label")
    statuses = BenefitApplication.Status.values
    names = {b.code: b.name for b in Benefit.objects.all()}
    benefits = sorted({k[0] for k in sums})
    rows = [
        Row(code, names.get(code, code), [sums.get((code, s), 0) for s in statuses])
        for code in benefits
    ]
    labels = dict(BenefitApplication.Status.choices)
    return Panel(
        "welfare",
        _("Welfare applications and their outcomes"),
        [str(labels[s]) for s in statuses],
        rows,
    ).finish()


def _volunteers(center_id: int, f: Filters) -> Panel:
    from onestop.volunteers.models import HoursEntry

    visits = sum(facts(center_id, FactKind.VISIT, f).values_list("n", flat=True))
    hours = _sum_by(facts(center_id, FactKind.HOURS, f), "label", total=True)
    labels = dict(HoursEntry.Source.choices)
    rows = [Row("visits", _("Home visits reported"), [visits, None])]
    rows += [
        Row(src, str(labels[src]), [None, round(hours[(src,)], 1)])
        for src in HoursEntry.Source.values
        if (src,) in hours
    ]
    return Panel(
        "volunteers",
        _("Volunteer visits and hours"),
        [_("Visits"), _("Hours approved")],
        rows,
        note=_("Hours are counted for the whole center: the team and area filters do not apply."),
    ).finish()


@dataclass
class Dashboard:
    filters: Filters
    panels: list[Panel]
    refreshed_at: dt.datetime | None

    def panel(self, code: str) -> Panel:
        return next(p for p in self.panels if p.code == code)

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.filters.start.isoformat(),
            "to": self.filters.end.isoformat(),
            "refreshed_at": self.refreshed_at.isoformat() if self.refreshed_at else None,
            "panels": [p.as_json() for p in self.panels],
        }


def build(center_id: int, f: Filters) -> Dashboard:
    from onestop.reports.facts import refreshed_at

    return Dashboard(
        f,
        [
            _channels(center_id, f),
            *_by_category_and_group(center_id, f),
            _deadlines(center_id, f),
            _open_by_stage(center_id, f),
            _overdue(center_id, f),
            _referrals(center_id, f),
            _welfare(center_id, f),
            _volunteers(center_id, f),
        ],
        refreshed_at(center_id),
    )


def period_label(f: Filters) -> str:
    if f.fy:
        return _("Fiscal year %(fy)s") % {"fy": f.fy}
    label = f"{format_date(f.start)} – {format_date(f.end)}"
    if f.whole_months:
        label += " " + _("(whole months: a team in one area is counted per month)")
    return label
