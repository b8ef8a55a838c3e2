"""Rebuilding the pre-aggregated ``Fact`` table from the records.

Each kind is one grouped query over its own records, written with a single
``INSERT ... SELECT`` (the SELECT is Django's own SQL for a ``values().annotate()`` queryset),
so a million cases never pass through Python. A refresh deletes and rewrites, inside one
transaction, the days from ``since`` on (or everything); the snapshot kinds are rewritten
whole. ``refresh`` is called by the ``refresh_reports`` command and task: every few minutes
for the last two days, and in full every night so that later edits (a case's category or team)
reach the older days.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Func
from django.db.models.functions import Cast, Coalesce, Substr, TruncDate, TruncMonth
from django.utils import timezone
from django_scopes import scopes_disabled

from onestop.reports.models import Fact, FactKind, FactRefresh

COLUMNS = [
    "center_id",
    "day",
    "kind",
    "grain",
    "scope",
    "channel",
    "category",
    "target_group",
    "disabled",
    "province",
    "district",
    "team_id",
    "urgency",
    "label",
    "detail",
    "on_time",
    "n",
    "total",
]
DEFAULTS: dict[str, Any] = {
    "channel": Value(""),
    "category": Value(""),
    "target_group": Value(""),
    "disabled": Value(False),
    "province": Value(""),
    "district": Value(""),
    "team_id": Value(None, output_field=models.BigIntegerField()),
    "urgency": Value(""),
    "label": Value(""),
    "detail": Value(""),
    "on_time": Value(None, output_field=BooleanField()),
}
SNAPSHOTS = (FactKind.OPEN, FactKind.OVERDUE)


class EpochSeconds(Func):
    """Seconds since 1970 of a datetime, on either database (for durations summed in SQL)."""

    output_field = FloatField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)")

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        )


def _root(path: str) -> Any:
    """The top-level category of ``path`` (a category FK): its parent, or itself."""
    return Coalesce(F(f"{path}__parent_id"), F(f"{path}_id"), output_field=CharField())


def _client_district(case_ref: str) -> Subquery:
    """The district code where the case's first client lives (blank when not recorded)."""
    from onestop.cases.models import CaseClient

    return Subquery(
        CaseClient.objects.filter(case_id=OuterRef(case_ref), role="client")
        .order_by("pk")
        .values("person__current_subdistrict__district_id")[:1],
        output_field=CharField(),
    )


def _client_disabled(case_ref: str) -> Exists:
    from onestop.cases.models import CaseClient

    return Exists(
        CaseClient.objects.filter(case_id=OuterRef(case_ref), person__has_disability=True)
    )


@dataclass
class Spec:
    kind: str
    qs: Any  # the kind's records, filtered to what it counts
    when: str | None  # the field whose date is the fact's day (None: a snapshot)
    dims: dict[str, Any]
    total: Any = None


def _specs(today: dt.date) -> list[Spec]:
    """Each kind with the dimensions its panels and reports group by, and where its team and
    its place come from (``team_id``, ``district``: written into one scope each)."""
    from onestop.cases.models import Case as CaseModel
    from onestop.cases.models import CaseStatus, Task
    from onestop.intake.models import HelpRequest
    from onestop.referrals.models import Referral
    from onestop.volunteers.models import HoursEntry, Visit
    from onestop.welfare.models import BenefitApplication

    now = timezone.now()
    on_time = Case(
        When(first_contact_due__isnull=True, then=Value(None)),
        When(
            first_contact_at__isnull=False, first_contact_at__lte=F("first_contact_due"), then=True
        ),
        When(first_contact_at__isnull=False, then=False),
        When(first_contact_due__lt=now, then=False),
        default=Value(None),
        output_field=BooleanField(),
    )
    district = Coalesce(F("subdistrict__district_id"), Value(""), output_field=CharField())
    case_district = Coalesce(_client_district("pk"), Value(""), output_field=CharField())
    answered = (
        Referral.Status.ACCEPTED,
        Referral.Status.IN_PROGRESS,
        Referral.Status.COMPLETED,
        Referral.Status.NOT_COMPLETED,
    )
    requests = HelpRequest.objects.filter(merged_into__isnull=True)
    request_place = {"center_id": F("center_id"), "district": district}
    referral_dims = {
        "center_id": F("center_id"),
        "team_id": F("case__team_id"),
        "label": F("organization__kind"),
        "detail": Cast(F("organization_id"), CharField()),
    }
    case_dims = {
        "center_id": F("center_id"),
        "category": _root("category"),
        "target_group": F("target_group"),
        "disabled": _client_disabled("pk"),
        "district": case_district,
        "team_id": F("team_id"),
    }
    return [
        Spec(FactKind.REQUEST, requests, "received_at", {**request_place, "channel": F("channel")}),
        Spec(
            FactKind.REQUEST_GROUP,
            requests,
            "received_at",
            {
                **request_place,
                "category": Coalesce(_root("category"), Value(""), output_field=CharField()),
                "target_group": F("target_group"),
            },
        ),
        Spec(
            FactKind.REQUEST_DEADLINE,
            requests,
            "received_at",
            {**request_place, "urgency": F("urgency"), "on_time": on_time},
        ),
        Spec(
            FactKind.REQUEST_ACTION,
            requests,
            "received_at",
            {**request_place, "label": F("outcome")},
        ),
        Spec(FactKind.CASE, CaseModel.objects.all(), "opened_at", case_dims),
        Spec(
            FactKind.REFERRAL_SENT,
            Referral.objects.filter(sent_at__isnull=False),
            "sent_at",
            referral_dims,
        ),
        Spec(
            FactKind.REFERRAL_ACCEPTED,
            Referral.objects.filter(answered_at__isnull=False, status__in=answered),
            "answered_at",
            referral_dims,
            total=Sum(EpochSeconds("answered_at") - EpochSeconds("sent_at")),
        ),
        Spec(
            FactKind.REFERRAL_DONE,
            Referral.objects.filter(ended_at__isnull=False, status=Referral.Status.COMPLETED),
            "ended_at",
            referral_dims,
        ),
        Spec(
            FactKind.WELFARE,
            BenefitApplication.objects.all(),
            "created",
            {
                "center_id": F("case__center_id"),
                "team_id": F("case__team_id"),
                "district": Coalesce(
                    F("person__current_subdistrict__district_id"),
                    Value(""),
                    output_field=CharField(),
                ),
                "label": F("status"),
                "detail": F("benefit__code"),
            },
        ),
        Spec(
            FactKind.VISIT,
            Visit.objects.filter(status=Visit.Status.REPORTED, checked_out_at__isnull=False),
            "checked_out_at",
            {"center_id": F("center_id"), "team_id": F("case__team_id"), "district": district},
        ),
        Spec(
            FactKind.HOURS,
            HoursEntry.objects.filter(status=HoursEntry.Status.APPROVED),
            "day",
            {"center_id": F("volunteer__center_id"), "label": F("source")},
            total=Sum("hours", output_field=FloatField()),
        ),
        Spec(
            FactKind.OPEN,
            CaseModel.objects.exclude(status=CaseStatus.CLOSED),
            None,
            {
                "center_id": F("center_id"),
                "district": case_district,
                "team_id": F("team_id"),
                "label": F("status"),
            },
        ),
        Spec(
            FactKind.OVERDUE,
            Task.objects.filter(status=Task.Status.OPEN, due__lt=today).exclude(
                case__status=CaseStatus.CLOSED
            ),
            None,
            {
                "center_id": F("case__center_id"),
                "district": Coalesce(
                    _client_district("case_id"), Value(""), output_field=CharField()
                ),
                "team_id": F("case__team_id"),
            },
        ),
    ]


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _insert(
    spec: Spec, today: dt.date, center_id: int | None, since: dt.date | None, grain: str, scope: str
) -> int:
    qs = spec.qs
    if center_id is not None:
        qs = qs.filter(Q(**{spec.dims["center_id"].name: center_id}))
    field = spec.qs.model._meta.get_field(spec.when) if spec.when else None
    timed = isinstance(field, models.DateTimeField)
    if field is not None and since is not None:
        first = month_start(since) if grain == "m" else since
        bound: Any = _day_start(first) if timed else first
        qs = qs.filter(**{f"{spec.when}__gte": bound})
    if field is None:
        day: Any = Value(today, output_field=models.DateField())
    elif grain == "m":
        day = TruncMonth(str(spec.when), output_field=models.DateField())
    elif timed:
        day = TruncDate(str(spec.when))
    else:
        day = F(str(spec.when))
    dims = dict(spec.dims)
    if scope == "t":
        dims.pop("district", None)
    elif scope == "a":
        dims.pop("team_id", None)
    if "district" in dims:
        dims["province"] = Substr(dims["district"], 1, 2)
    exprs: dict[str, Any] = {
        **DEFAULTS,
        **dims,
        "day": day,
        "kind": Value(str(spec.kind)),
        "grain": Value(grain),
        "scope": Value(scope),
    }
    # Named f_<column> so no annotation shadows a model field; values() keeps this order.
    group = [c for c in COLUMNS if c not in ("n", "total")]
    qs = (
        qs.annotate(**{f"f_{c}": exprs[c] for c in group})
        .values(*[f"f_{c}" for c in group])
        .annotate(
            f_n=Count("pk"),
            f_total=Coalesce(spec.total, Value(0.0), output_field=FloatField())
            if spec.total is not None
            else Value(0.0, output_field=FloatField()),
        )
        .order_by()
    )
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        # The column names are constants and the SELECT is Django's, with its parameters.
        cursor.execute(f"INSERT INTO {Fact._meta.db_table} ({', '.join(COLUMNS)}) {sql}", params)
        return int(cursor.rowcount)


def _months_from_days(center_id: int | None, since: dt.date | None) -> int:
    """The monthly rows of scopes "t" and "a", summed from their daily rows: the records are
    read once per scope, not twice. From the first of ``since``'s month: its earlier days'
    rows are still there."""
    qs = Fact.objects.filter(grain="d", scope__in=["t", "a"]).exclude(kind__in=SNAPSHOTS)
    if center_id is not None:
        qs = qs.filter(center_id=center_id)
    if since is not None:
        qs = qs.filter(day__gte=month_start(since))
    exprs: dict[str, Any] = {c: F(c) for c in COLUMNS}
    exprs["day"] = TruncMonth("day", output_field=models.DateField())
    exprs["grain"] = Value("m")
    group = [c for c in COLUMNS if c not in ("n", "total")]
    qs = (
        qs.annotate(**{f"f_{c}": exprs[c] for c in group})
        .values(*[f"f_{c}" for c in group])
        .annotate(f_n=Sum("n"), f_total=Sum("total"))
        .order_by()
    )
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {Fact._meta.db_table} ({', '.join(COLUMNS)}) {sql}", params)
        return int(cursor.rowcount)


@dataclass
class RefreshResult:
    rows: int
    seconds: float


def refresh(*, center_id: int | None = None, since: dt.date | None = None) -> RefreshResult:
    """Rebuild the facts of one center (or every center) from ``since`` (or from the start)."""
    started = time.perf_counter()
    today = timezone.localdate()
    rows = 0
    with scopes_disabled(), transaction.atomic():
        old = Fact.objects.all()
        if center_id is not None:
            old = old.filter(center_id=center_id)
        if since is not None:
            old = old.filter(
                Q(kind__in=SNAPSHOTS)
                | Q(grain="d", day__gte=since)
                | Q(grain="m", day__gte=month_start(since))
            )
        old.delete()
        for spec in _specs(today):
            for scope in ("t", "a"):
                rows += _insert(spec, today, center_id, since, "d", scope)
            if "team_id" in spec.dims and "district" in spec.dims:
                # A team in one area: monthly only (daily rows per team and place would be as
                # many as the records); the dashboard then reads whole months.
                grain = "d" if spec.when is None else "m"
                rows += _insert(spec, today, center_id, since, grain, "b")
        rows += _months_from_days(center_id, since)
        seconds = time.perf_counter() - started
        from onestop.centers.models import Center

        centers = (
            [center_id]
            if center_id is not None
            else list(Center.objects.values_list("pk", flat=True))
        )
        now = timezone.now()
        for pk in centers:
            defaults: dict[str, Any] = {"refreshed_at": now, "seconds": seconds}
            if since is None:
                defaults["full_at"] = now
            FactRefresh.objects.update_or_create(center_id=pk, defaults=defaults)
    return RefreshResult(rows, time.perf_counter() - started)


def refreshed_at(center_id: int) -> dt.datetime | None:
    row = FactRefresh.objects.filter(center_id=center_id).first()
    return row.refreshed_at if row else None
