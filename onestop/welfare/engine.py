"""Screening: given facts and a date, each benefit's rule version in force gives a result —
likely eligible, needs information, or not eligible — with its reasons, the facts still
missing, the amount, and the version and source it used. It never decides; the agency does."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import get_language

from onestop.welfare import conditions
from onestop.welfare.models import Benefit, RuleVersion

LIKELY = "likely_eligible"
NEEDS_INFO = "needs_information"
NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Reason:
    id: str
    state: str  # met, not_met, unknown
    text: str


@dataclass
class Result:
    benefit: str
    name: str
    status: str
    amount_baht: float | None
    period: str
    reasons: list[Reason]
    missing_facts: list[str]
    rule_id: int
    rule_version: int
    effective_from: dt.date
    source_title: str
    source_url: str
    agency: str
    how_to_apply: str
    documents: list[str]
    amount_note: str = ""
    next_steps: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    benefit: Benefit
    version: RuleVersion


def rules_in_force(as_of: dt.date) -> list[Rule]:
    """One query: every benefit's version in force on ``as_of``."""
    versions = (
        RuleVersion.objects.filter(effective_from__lte=as_of)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=as_of))
        .select_related("benefit")
        .order_by("benefit__sort", "benefit__code")
    )
    return [Rule(v.benefit, v) for v in versions]


def _vars(expr: Any) -> set[str]:
    if isinstance(expr, dict):
        ((op, args),) = expr.items()
        if op == "var":
            return {args}
        return _vars(args)
    if isinstance(expr, list):
        return set().union(*(_vars(x) for x in expr)) if expr else set()
    return set()


def screen_one(rule: Rule, facts: dict[str, Any], thai: bool = True) -> Result:
    reasons: list[Reason] = []
    missing: set[str] = set()
    verdicts = []
    for c in rule.version.conditions:
        value = conditions.evaluate(c["expr"], facts)
        verdicts.append(value)
        state = "unknown" if value is None else ("met" if value else "not_met")
        if value is None:
            missing |= {name for name in _vars(c["expr"]) if facts.get(name) is None}
        reasons.append(Reason(c["id"], state, c["th"] if thai else c["en"]))
    if any(v is False for v in verdicts):
        status = NOT_ELIGIBLE
    elif any(v is None for v in verdicts):
        status = NEEDS_INFO
    else:
        status = LIKELY
    amount: float | None = None
    note = ""
    for tier in rule.version.amounts:
        when = tier.get("when")
        test = True if when is None else conditions.evaluate(when, facts)
        if test is None:
            break  # an unknown fact decides the tier: say no amount rather than guess
        if test:
            value = conditions.evaluate(tier["amount"], facts)
            amount = float(value) if value is not None else None
            note = tier.get("th" if thai else "en", "")
            break
    b = rule.benefit
    steps = []
    if b.code == "old_age_allowance" and status != NOT_ELIGIBLE:
        steps.append(
            "การจ่ายเงินเริ่มตามรอบปีงบประมาณหลังลงทะเบียน: ลงทะเบียนให้เร็วที่สุด"
            if thai
            else "Payment starts with the fiscal-year cycle after registration: register early."
        )
    return Result(
        benefit=b.code,
        name=b.name_th if thai else b.name_en,
        status=status,
        amount_baht=amount if status != NOT_ELIGIBLE else None,
        period=b.period,
        reasons=reasons,
        missing_facts=sorted(missing),
        rule_id=rule.version.pk,
        rule_version=rule.version.version,
        effective_from=rule.version.effective_from,
        source_title=rule.version.source_title,
        source_url=rule.version.source_url,
        agency=b.agency,
        how_to_apply=b.how_to_apply,
        documents=list(b.documents),
        amount_note=note,
        next_steps=steps,
    )


def screen(facts: dict[str, Any], as_of: dt.date, rules: list[Rule] | None = None) -> list[Result]:
    thai = (get_language() or "th").startswith("th")
    return [
        screen_one(r, facts, thai) for r in (rules if rules is not None else rules_in_force(as_of))
    ]
