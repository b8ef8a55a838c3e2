"""The standard reports in the ministry's layout: a daily, monthly or fiscal-year summary by
channel, region, province, target group (normal and disabled columns), issue, action taken and
receiving agency type. Summed from ``Fact``, like the dashboard, so a fiscal year of a million
cases is a few grouped queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onestop.directory.models import Organization
from onestop.geo.models import Province
from onestop.intake.models import HelpRequest, TargetGroup
from onestop.reports.dashboard import Filters, _categories, _sum_by, facts
from onestop.reports.models import Export, FactKind
from onestop.thai.dates import be_year, fiscal_year_bounds, format_date, format_month

# DOPA province codes start with the region's digit (the ministry's six-region grouping).
REGIONS = {
    "1": gettext_lazy("Central (with Bangkok)"),
    "2": gettext_lazy("East"),
    "3": gettext_lazy("Northeast"),
    "4": gettext_lazy("Northeast"),
    "5": gettext_lazy("North"),
    "6": gettext_lazy("North"),
    "7": gettext_lazy("West"),
    "8": gettext_lazy("South"),
    "9": gettext_lazy("South"),
}


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[Any]]  # [label, figure, figure, ...]
    totals: list[Any] = field(default_factory=list)

    def finish(self) -> Section:
        width = len(self.columns) - 1
        self.totals = [_("Total")] + [
            sum(r[i + 1] for r in self.rows if isinstance(r[i + 1], (int, float)))
            for i in range(width)
        ]
        return self


@dataclass
class StandardReport:
    title: str
    center_name: str
    period: str
    sections: list[Section]


def period_for(
    report: str, day: dt.date | None, month: str, fy: int | None
) -> tuple[dt.date, dt.date]:
    """The period of a report: one day, one month ("2569-10" or "2026-10"), one fiscal year."""
    if report == Export.Report.DAILY:
        if day is None:
            raise ValidationError({"day": [_("Choose the day.")]})
        return day, day
    if report == Export.Report.MONTHLY:
        try:
            year_text, month_text = month.split("-")
            year, mon = int(year_text), int(month_text)
            if year >= 2400:
                year -= 543
            start = dt.date(year, mon, 1)
        except ValueError as exc:
            raise ValidationError(
                {"month": [_("Give the month as year-month, for example 2569-10.")]}
            ) from exc
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return start, end
    if report == Export.Report.FISCAL_YEAR:
        if fy is None:
            raise ValidationError({"fy": [_("Choose the fiscal year.")]})
        return fiscal_year_bounds(fy)
    raise ValidationError({"report": [_("Choose a report.")]})


def _split(
    sums: dict[tuple[Any, ...], float], labels: dict[str, str], order: list[str]
) -> list[list[Any]]:
    """Rows of [label, normal, disabled, total] from sums keyed (key, disabled)."""
    keys = [k for k in order if (k, False) in sums or (k, True) in sums]
    keys += sorted({k for k, _d in sums} - set(keys), key=str)
    rows = []
    for k in keys:
        normal, disabled = int(sums.get((k, False), 0)), int(sums.get((k, True), 0))
        rows.append([labels.get(k, k or _("Not recorded")), normal, disabled, normal + disabled])
    return rows


def build(
    center_id: int, center_name: str, report: str, start: dt.date, end: dt.date
) -> StandardReport:
    f = Filters(start=start, end=end)
    split_cols = [_("Normal"), _("With a disability"), _("Total")]

    channels = _sum_by(facts(center_id, FactKind.REQUEST, f), "channel")
    channel_labels = dict(HelpRequest.Channel.choices)
    by_channel = Section(
        _("Requests received, by channel"),
        [_("Channel"), _("Requests")],
        [[str(channel_labels.get(k, k)), int(n)] for (k,), n in sorted(channels.items())],
    )

    cases = facts(center_id, FactKind.CASE, f)
    by_prov = _sum_by(facts(center_id, FactKind.CASE, f, scope="a"), "province", "disabled")
    provinces = dict(Province.objects.values_list("code", "name_th"))
    region_sums: dict[tuple[Any, ...], float] = {}
    for (prov, disabled), n in by_prov.items():
        key = str(REGIONS.get(prov[:1], "")) if prov else ""
        region_sums[(key, disabled)] = region_sums.get((key, disabled), 0) + n
    by_region = Section(
        _("Cases by region"),
        [_("Region"), *split_cols],
        _split(region_sums, {}, []),
    )
    by_province = Section(
        _("Cases by province"), [_("Province"), *split_cols], _split(by_prov, provinces, [])
    )
    tg = _sum_by(cases, "target_group", "disabled")
    by_group = Section(
        _("Cases by target group"),
        [_("Target group"), *split_cols],
        _split(tg, {k: str(v) for k, v in TargetGroup.choices}, list(TargetGroup.values)),
    )
    issues = _sum_by(cases, "category", "disabled")
    names = _categories()
    by_issue = Section(
        _("Cases by issue"),
        [_("Issue"), *split_cols],
        _split(issues, names, sorted(names)),
    )
    actions = _sum_by(facts(center_id, FactKind.REQUEST_ACTION, f), "label")
    action_labels = dict(HelpRequest.Outcome.choices)
    by_action = Section(
        _("Action taken on the requests"),
        [_("Action"), _("Requests")],
        [
            [str(action_labels.get(k, _("Not yet decided"))) if k else _("Not yet decided"), int(n)]
            for (k,), n in sorted(actions.items())
        ],
    )
    kinds = dict(Organization.Kind.choices)
    sent = _sum_by(facts(center_id, FactKind.REFERRAL_SENT, f), "label")
    accepted = _sum_by(facts(center_id, FactKind.REFERRAL_ACCEPTED, f), "label")
    done = _sum_by(facts(center_id, FactKind.REFERRAL_DONE, f), "label")
    agency_keys = sorted({k for (k,) in (*sent, *accepted, *done)})
    by_agency = Section(
        _("Referrals by receiving agency type"),
        [_("Agency type"), _("Sent"), _("Accepted"), _("Completed")],
        [
            [
                str(kinds.get(k, k)),
                int(sent.get((k,), 0)),
                int(accepted.get((k,), 0)),
                int(done.get((k,), 0)),
            ]
            for k in agency_keys
        ],
    )
    sections = [by_channel, by_region, by_province, by_group, by_issue, by_action, by_agency]
    if report == Export.Report.FISCAL_YEAR:
        monthly = _sum_by(cases, "category", "day")
        months = []
        d = start
        while d <= end:
            months.append((d.year, d.month))
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        table: dict[str, list[int]] = {}
        for (cat, day), n in monthly.items():
            row = table.setdefault(cat, [0] * len(months))
            row[months.index((day.year, day.month))] += int(n)
        sections.append(
            Section(
                _("Cases by issue and month"),
                [_("Issue"), *(format_month(y, m) for y, m in months)],
                [[names.get(k, k), *v] for k, v in sorted(table.items())],
            )
        )
    titles = dict(Export.Report.choices)
    if report == Export.Report.DAILY:
        period = format_date(start, "long")
    elif report == Export.Report.MONTHLY:
        period = format_month(start.year, start.month)
    else:
        period = _("Fiscal year %(fy)s (%(start)s – %(end)s)") % {
            "fy": be_year(end.year),
            "start": format_date(start),
            "end": format_date(end),
        }
    return StandardReport(
        str(titles.get(report, report)), center_name, period, [s.finish() for s in sections]
    )
