"""Editing rules: every edit is a new version (past results keep the one they used), checked
before it is saved: the benefit exists, the conditions parse, and versions do not overlap."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.welfare import conditions
from onestop.welfare.facts import FACTS
from onestop.welfare.models import Benefit, RuleVersion


def check_rule(rule_conditions: Any, amounts: Any) -> None:
    if not isinstance(rule_conditions, list) or not rule_conditions:
        raise ValidationError({"conditions": [_("A rule needs at least one condition.")]})
    for i, c in enumerate(rule_conditions):
        if not isinstance(c, dict) or not {"id", "th", "en", "expr"} <= set(c):
            raise ValidationError(
                {"conditions": [_("Condition %(n)s needs id, th, en and expr.") % {"n": i + 1}]}
            )
        try:
            conditions.check(c["expr"], f"conditions[{i}].expr", FACTS)
        except conditions.ConditionError as exc:
            raise ValidationError({"conditions": [str(exc)]}) from exc
    if not isinstance(amounts, list):
        raise ValidationError({"amounts": [_("Amounts are a list of tiers.")]})
    for i, tier in enumerate(amounts):
        try:
            conditions.check(tier.get("when"), f"amounts[{i}].when", FACTS)
            conditions.check(tier.get("amount"), f"amounts[{i}].amount", FACTS)
        except (conditions.ConditionError, AttributeError) as exc:
            raise ValidationError({"amounts": [str(exc)]}) from exc


@transaction.atomic
def rule_version_add(
    *,
    actor: User | None,
    benefit_code: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    rule_conditions: Any,
    amounts: Any,
    source_title: str,
    source_url: str,
    verified_on: dt.date,
) -> RuleVersion:
    benefit = Benefit.objects.select_for_update().filter(code=benefit_code).first()
    if benefit is None:
        raise ValidationError(
            {"benefit": [_("Unknown benefit code %(code)s.") % {"code": benefit_code}]}
        )
    if effective_to is not None and effective_to < effective_from:
        raise ValidationError({"effective_to": [_("The end is before the start.")]})
    check_rule(rule_conditions, amounts)
    # A new open-ended version supersedes the open-ended one in force, which is closed the day
    # before; any other overlap (a bounded version inside another) is refused.
    current = (
        benefit.versions.filter(
            effective_to__isnull=True, effective_from__lt=effective_from
        ).first()
        if effective_to is None
        else None
    )
    if current is not None:
        current.effective_to = effective_from - dt.timedelta(days=1)
        current.save(update_fields=["effective_to"])
    end = effective_to or dt.date.max
    overlap = benefit.versions.filter(effective_from__lte=end).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=effective_from)
    )
    clash = overlap.first()
    if clash is not None:
        raise ValidationError(
            {
                "effective_from": [
                    _("These dates overlap version %(v)s of this benefit.") % {"v": clash.version}
                ]
            }
        )
    number = (benefit.versions.aggregate(m=Max("version"))["m"] or 0) + 1
    version = RuleVersion.objects.create(
        benefit=benefit,
        version=number,
        effective_from=effective_from,
        effective_to=effective_to,
        source_title=source_title.strip()[:300],
        source_url=source_url.strip()[:500],
        verified_on=verified_on,
        conditions=rule_conditions,
        amounts=amounts,
        created_by=actor,
    )
    audit_log(action="welfare.rule.versioned", actor=actor, obj=benefit, data={"version": number})
    return version


def load_shipped(benefit_model: Any, version_model: Any) -> None:
    """The shipped rules (rules.py), for the data migration (historical models)."""
    from onestop.welfare.rules import SHIPPED

    for row in SHIPPED:
        benefit, _created = benefit_model.objects.update_or_create(
            code=row["code"],
            defaults={
                k: row[k]
                for k in (
                    "name_th",
                    "name_en",
                    "agency",
                    "period",
                    "sort",
                    "documents",
                    "how_to_apply",
                )
            },
        )
        if not version_model.objects.filter(benefit=benefit).exists():
            version_model.objects.create(
                benefit=benefit,
                version=1,
                effective_from=row["effective_from"],
                source_title=row["source_title"],
                source_url=row["source_url"],
                verified_on=row["verified_on"],
                conditions=row["conditions"],
                amounts=row["amounts"],
            )
