"""The registry of research exporters: what each dataset may contain, and how a record becomes
a de-identified row.

No exporter has a column for a name, an ID, a phone, an exact address or free text: those are
listed in DIRECT_IDENTIFIERS, and asking for one is refused with that reason. Records are
named by a per-project pseudonym, dates are given as months, ages as bands and places as
districts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DIRECT_IDENTIFIERS = {
    "name",
    "given_name",
    "family_name",
    "full_name",
    "national_id",
    "id_number",
    "passport_number",
    "phone",
    "email",
    "line_id",
    "address",
    "address_text",
    "birth_date",
    "lat",
    "lng",
    "note",
    "notes",
    "summary",
    "description",
    "title",
    "report",
    "case_number",
    "person_code",
    "reference",
}
AGE_BANDS = [(0, 17), (18, 24), (25, 39), (40, 59), (60, 69), (70, 79)]


@dataclass(frozen=True)
class Context:
    key: str  # the project's pseudonym key
    center_id: int
    start: dt.date
    end: dt.date

    def pseudonym(self, kind: str, pk: int) -> str:
        digest = hmac.new(self.key.encode(), f"{kind}:{pk}".encode(), hashlib.sha256).digest()
        return kind[0].upper() + base64.b32encode(digest)[:10].decode().lower()

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        return (
            timezone.make_aware(dt.datetime.combine(self.start, dt.time.min)),
            timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)),
        )


@dataclass(frozen=True)
class Column:
    label: Promise
    quasi: bool  # a quasi-identifier: checked for k-anonymity when chosen
    get: Callable[[Any, Context], Any]


@dataclass(frozen=True)
class Exporter:
    code: str
    label: Promise
    records: Callable[[Context], Iterator[Any]]
    columns: dict[str, Column]


def month(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.year:04d}-{value.month:02d}"


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return f"{lo}-{hi}"
    return "80+"


def _person(p: Any, on: dt.date) -> dict[str, Any]:
    sub = p.current_subdistrict
    return {
        "sex": p.sex,
        "age_band": age_band(p.age_on(on)),
        "disabled": p.has_disability,
        "district": sub.district_id if sub else "",
        "province": sub.district.province_id if sub else "",
        "nationality": "thai" if p.citizenship_status == "thai" else "other",
    }


def _root(category: Any) -> str:
    return category.parent_id or category.pk if category else ""


# --- cases ------------------------------------------------------------------------------------


def _cases(ctx: Context) -> Iterator[Any]:
    from onestop.cases.models import Case, CaseClient

    start, end = ctx.bounds
    clients = CaseClient.objects.filter(role="client").select_related(
        "person__current_subdistrict__district"
    )
    qs = (
        Case.objects.filter(center_id=ctx.center_id, opened_at__gte=start, opened_at__lt=end)
        .select_related("category")
        .annotate(n_referrals=Count("referrals", distinct=True))
        .prefetch_related(Prefetch("clients", queryset=clients, to_attr="client_rows"))
        .order_by("pk")
    )
    for case in qs.iterator(chunk_size=2000):
        first = case.client_rows[0] if case.client_rows else None
        on = timezone.localtime(case.opened_at).date()
        case.p = _person(first.person, on) if first else {}  # type: ignore[attr-defined]
        case.client_pk = first.person_id if first else None  # type: ignore[attr-defined]
        yield case


def _p(name: str) -> Callable[[Any, Context], Any]:
    return lambda r, ctx: r.p.get(name, "")


CASES = Exporter(
    "cases",
    _("Cases"),
    _cases,
    {
        "case_id": Column(_("case pseudonym"), False, lambda r, ctx: ctx.pseudonym("case", r.pk)),
        "client_id": Column(
            _("client pseudonym"),
            False,
            lambda r, ctx: ctx.pseudonym("person", r.client_pk) if r.client_pk else "",
        ),
        "opened_month": Column(_("month opened"), True, lambda r, ctx: month(r.opened_at)),
        "closed_month": Column(_("month closed"), True, lambda r, ctx: month(r.closed_at)),
        "category": Column(_("problem (top level)"), True, lambda r, ctx: _root(r.category)),
        "target_group": Column(_("target group"), True, lambda r, ctx: r.target_group),
        "urgency": Column(_("urgency"), False, lambda r, ctx: r.urgency),
        "status": Column(_("status"), False, lambda r, ctx: r.status),
        "sex": Column(_("sex"), True, _p("sex")),
        "age_band": Column(_("age band at opening"), True, _p("age_band")),
        "disabled": Column(_("has a disability"), True, _p("disabled")),
        "district": Column(_("district code"), True, _p("district")),
        "province": Column(_("province code"), True, _p("province")),
        "days_open": Column(
            _("days open"),
            False,
            lambda r, ctx: ((r.closed_at or timezone.now()) - r.opened_at).days,
        ),
        "referrals": Column(_("referrals sent"), False, lambda r, ctx: r.n_referrals),
    },
)


# --- persons ----------------------------------------------------------------------------------


def _persons(ctx: Context) -> Iterator[Any]:
    from onestop.persons.models import Person

    start, end = ctx.bounds
    qs = (
        Person.objects.filter(
            center_id=ctx.center_id,
            merged_into__isnull=True,
            cases__case__opened_at__gte=start,
            cases__case__opened_at__lt=end,
        )
        .distinct()
        .select_related("current_subdistrict__district")
        .annotate(n_cases=Count("cases", distinct=True))
        .order_by("pk")
    )
    today = timezone.localdate()
    for person in qs.iterator(chunk_size=2000):
        person.p = _person(person, today)  # type: ignore[attr-defined]
        yield person


PERSONS = Exporter(
    "persons",
    _("Persons (clients)"),
    _persons,
    {
        "person_id": Column(
            _("person pseudonym"), False, lambda r, ctx: ctx.pseudonym("person", r.pk)
        ),
        "sex": Column(_("sex"), True, _p("sex")),
        "age_band": Column(_("age band today"), True, _p("age_band")),
        "disabled": Column(_("has a disability"), True, _p("disabled")),
        "nationality": Column(_("Thai or other"), True, _p("nationality")),
        "district": Column(_("district code"), True, _p("district")),
        "province": Column(_("province code"), True, _p("province")),
        "cases": Column(_("cases as client"), False, lambda r, ctx: r.n_cases),
    },
)


# --- referrals --------------------------------------------------------------------------------


def _referrals(ctx: Context) -> Iterator[Any]:
    from onestop.referrals.models import Referral

    start, end = ctx.bounds
    qs = (
        Referral.objects.filter(center_id=ctx.center_id, sent_at__gte=start, sent_at__lt=end)
        .select_related("organization", "case__category")
        .order_by("pk")
    )
    yield from qs.iterator(chunk_size=2000)


REFERRALS = Exporter(
    "referrals",
    _("Referrals"),
    _referrals,
    {
        "referral_id": Column(
            _("referral pseudonym"), False, lambda r, ctx: ctx.pseudonym("referral", r.pk)
        ),
        "case_id": Column(
            _("case pseudonym"), False, lambda r, ctx: ctx.pseudonym("case", r.case_id)
        ),
        "sent_month": Column(_("month sent"), True, lambda r, ctx: month(r.sent_at)),
        "partner_kind": Column(_("kind of partner"), True, lambda r, ctx: r.organization.kind),
        "category": Column(_("problem (top level)"), True, lambda r, ctx: _root(r.case.category)),
        "status": Column(_("status"), False, lambda r, ctx: r.status),
        "days_to_answer": Column(
            _("days to the partner's answer"),
            False,
            lambda r, ctx: (r.answered_at - r.sent_at).days if r.answered_at else "",
        ),
    },
)


# --- outcomes ---------------------------------------------------------------------------------


def _outcomes(ctx: Context) -> Iterator[Any]:
    from onestop.outcomes.models import OutcomeRecord

    qs = (
        OutcomeRecord.objects.filter(
            case__center_id=ctx.center_id, recorded_on__gte=ctx.start, recorded_on__lte=ctx.end
        )
        .select_related("case__category", "client")
        .order_by("pk")
    )
    yield from qs.iterator(chunk_size=2000)


def _score(code: str) -> Callable[[Any, Context], Any]:
    return lambda r, ctx: r.scores.get(code, "")


OUTCOMES = Exporter(
    "outcomes",
    _("Quality-of-life outcomes"),
    _outcomes,
    {
        "client_id": Column(
            _("client pseudonym"), False, lambda r, ctx: ctx.pseudonym("person", r.client.person_id)
        ),
        "case_id": Column(
            _("case pseudonym"), False, lambda r, ctx: ctx.pseudonym("case", r.case_id)
        ),
        "stage": Column(_("when scored"), False, lambda r, ctx: r.stage),
        "recorded_month": Column(_("month scored"), True, lambda r, ctx: month(r.recorded_on)),
        "category": Column(_("problem (top level)"), True, lambda r, ctx: _root(r.case.category)),
        "target_group": Column(_("target group"), True, lambda r, ctx: r.case.target_group),
        **{
            f"score_{code}": Column(_("score"), False, _score(code))
            for code in ("housing", "income", "health", "family", "safety", "participation")
        },
    },
)


# --- visits -----------------------------------------------------------------------------------


def _visits(ctx: Context) -> Iterator[Any]:
    from onestop.volunteers.models import Visit

    qs = (
        Visit.objects.filter(center_id=ctx.center_id, due__gte=ctx.start, due__lte=ctx.end)
        .select_related("subdistrict__district")
        .order_by("pk")
    )
    yield from qs.iterator(chunk_size=2000)


VISITS = Exporter(
    "visits",
    _("Volunteer home visits"),
    _visits,
    {
        "visit_id": Column(
            _("visit pseudonym"), False, lambda r, ctx: ctx.pseudonym("visit", r.pk)
        ),
        "case_id": Column(
            _("case pseudonym"), False, lambda r, ctx: ctx.pseudonym("case", r.case_id)
        ),
        "due_month": Column(_("month due"), True, lambda r, ctx: month(r.due)),
        "status": Column(_("status"), False, lambda r, ctx: r.status),
        "district": Column(
            _("district code"),
            True,
            lambda r, ctx: r.subdistrict.district_id if r.subdistrict else "",
        ),
        "urgent": Column(_("urgent finding"), False, lambda r, ctx: r.urgent),
        "far_from_address": Column(
            _("checked in far from the address"), False, lambda r, ctx: r.far_from_address
        ),
    },
)

REGISTRY: dict[str, Exporter] = {e.code: e for e in (CASES, PERSONS, REFERRALS, OUTCOMES, VISITS)}
