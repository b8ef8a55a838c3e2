"""What a partner sees of what their giving did: totals and outcomes by need, target group and
province. Never a name, a case or an address; a group under three people is not counted
exactly, so nobody can be picked out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from onestop.giving.models import Donation, Handover, Need, Partner

SMALLEST = 3


@dataclass
class Outcome:
    category: str
    target_group: str
    province: str
    people: int | None  # None: fewer than SMALLEST
    items: int


@dataclass
class PartnerReport:
    partner: Partner
    cash: Decimal
    gifts: int
    goods: int
    hours: Decimal
    outcomes: list[Outcome]


def partner_report(partner: Partner) -> PartnerReport:
    received = Donation.objects.filter(partner=partner, pledged=False)
    cash = received.filter(kind=Donation.Kind.CASH).aggregate(t=Sum("amount"))["t"] or Decimal(0)
    goods = received.filter(kind=Donation.Kind.IN_KIND).aggregate(t=Sum("quantity"))["t"] or 0
    hours = Decimal(0)
    for gift in received.filter(kind=Donation.Kind.TIME).prefetch_related("volunteers"):
        # Hours are per person: staff named as volunteers, or one person when none are named.
        hours += (gift.hours or Decimal(0)) * max(1, len(gift.volunteers.all()))
    rows = (
        Handover.objects.filter(donation__partner=partner, handed_over_on__isnull=False)
        .values("need__category", "need__target_group", "need__province__name_th")
        .annotate(people=Count("need", distinct=True), items=Sum("quantity"))
        .order_by("need__category", "need__target_group")
    )
    labels = dict(Need.Category.choices)
    from onestop.intake.models import TargetGroup

    groups = dict(TargetGroup.choices)
    outcomes = [
        Outcome(
            category=str(labels.get(r["need__category"], r["need__category"])),
            target_group=str(groups.get(r["need__target_group"], r["need__target_group"] or "")),
            province=r["need__province__name_th"] or _("a province not recorded"),
            people=r["people"] if r["people"] >= SMALLEST else None,
            items=int(r["items"] or 0),
        )
        for r in rows
    ]
    return PartnerReport(partner, cash, received.count(), int(goods), hours, outcomes)
