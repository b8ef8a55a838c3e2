"""Open data: monthly counts of help requests and of cases opened, by problem category,
province and target group, for the whole deployment. Cells under five are suppressed (shown
as null), so no small group of people can be picked out; nothing else is published."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

SMALLEST = 5
MAX_MONTHS = 60
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Dataset:
    code: str
    title: Any
    description: Any


DATASETS = {
    "help-requests": Dataset(
        "help-requests",
        gettext_lazy("Help requests received"),
        gettext_lazy("Requests for help from every channel, by the month they arrived."),
    ),
    "cases": Dataset(
        "cases",
        gettext_lazy("Cases opened"),
        gettext_lazy("Cases opened by the centers' social workers, by the month they opened."),
    ),
}

DICTIONARY = [
    ("month", gettext_lazy("Month, YYYY-MM (Gregorian; the page shows the Buddhist Era)")),
    ("category_code", gettext_lazy("Problem category code (the 1300 hotline's taxonomy)")),
    ("category", gettext_lazy("Problem category, in Thai")),
    ("province_code", gettext_lazy("Province code (DOPA); empty when not recorded")),
    ("province", gettext_lazy("Province, in Thai")),
    ("target_group", gettext_lazy("child, youth, adult, elderly or unknown")),
    ("count", gettext_lazy("How many; null when fewer than 5 (suppressed)")),
    ("suppressed", gettext_lazy("true when the count is under 5 and not published")),
]


def _month(text: str, field: str) -> dt.date:
    m = MONTH_RE.match(text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError({field: [_("Give a month as YYYY-MM, for example 2026-10.")]})
    year = int(m.group(1))
    if year >= 2400:  # a Buddhist Era year
        year -= 543
    return dt.date(year, int(m.group(2)), 1)


def month_range(start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    today = timezone.localdate().replace(day=1)
    end_month = _month(end, "to") if end else today
    start_month = (
        _month(start, "from") if start else (end_month - dt.timedelta(days=335)).replace(day=1)
    )
    if start_month > end_month:
        raise ValidationError({"from": [_("The start must be before the end.")]})
    months = (end_month.year - start_month.year) * 12 + end_month.month - start_month.month + 1
    if months > MAX_MONTHS:
        raise ValidationError(
            {"from": [_("Ask for at most %(n)s months at a time.") % {"n": MAX_MONTHS}]}
        )
    return start_month, end_month


def rows(dataset: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    from onestop.cases.models import Case
    from onestop.intake.models import HelpRequest

    until = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    qs: Any
    with scopes_disabled():  # the whole deployment, on purpose: counts only
        if dataset == "help-requests":
            qs = HelpRequest.objects.filter(
                received_at__date__gte=start, received_at__date__lt=until
            ).annotate(
                month=TruncMonth("received_at"),
                cat=F("category__code"),
                cat_name=F("category__name_th"),
                prov=F("subdistrict__district__province__code"),
                prov_name=F("subdistrict__district__province__name_th"),
            )
        elif dataset == "cases":
            client = Q(clients__role="client")
            qs = (
                Case.objects.filter(opened_at__date__gte=start, opened_at__date__lt=until)
                .filter(client)
                .annotate(
                    month=TruncMonth("opened_at"),
                    cat=F("category__code"),
                    cat_name=F("category__name_th"),
                    prov=F("clients__person__current_subdistrict__district__province__code"),
                    prov_name=F(
                        "clients__person__current_subdistrict__district__province__name_th"
                    ),
                )
            )
        else:
            raise ValidationError(_("No such dataset."))
        grouped = (
            qs.values("month", "cat", "cat_name", "prov", "prov_name", "target_group")
            .annotate(n=Count("id", distinct=True))
            .order_by("month", "cat", "prov", "target_group")
        )
        out = []
        for r in grouped:
            small = r["n"] < SMALLEST
            month = r["month"]
            out.append(
                {
                    "month": f"{month.year:04d}-{month.month:02d}",
                    "category_code": r["cat"] or "",
                    "category": r["cat_name"] or "",
                    "province_code": r["prov"] or "",
                    "province": r["prov_name"] or "",
                    "target_group": r["target_group"] or "unknown",
                    "count": None if small else r["n"],
                    "suppressed": small,
                }
            )
    return out
