"""POST /api/v1/eligibility/screen: public, stores nothing, rate-limited
(ELIGIBILITY_RATE_LIMIT). Every fact is optional; an unknown fact gives "needs_information",
never a guess."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.throttling import AnonRateThrottle

from onestop.api.auth import _SettingsRateMixin
from onestop.api.errors import ApiError
from onestop.persons import validation
from onestop.welfare import engine
from onestop.welfare.facts import Child, Facts

router = Router(tags=["eligibility"])
EARLIEST = dt.date(2000, 1, 1)


class ScreenThrottle(_SettingsRateMixin, AnonRateThrottle):
    setting_name = "ELIGIBILITY_RATE_LIMIT"


class PersonFacts(Schema):
    birth_date: str | None = Field(
        None,
        max_length=10,
        description="YYYY-MM-DD, YYYY-MM or YYYY, CE or BE (a year of 2400 or more is BE)",
    )
    age: int | None = Field(
        None, ge=0, le=130, description="Whole years; used when there is no birth date"
    )
    nationality: str | None = Field(
        None, min_length=2, max_length=2, description="ISO 3166 alpha-2; TH for Thai"
    )
    registered_subdistrict: str | None = Field(
        None, pattern=r"^\d{6}$", description="6-digit sub-district code of the house registration"
    )
    receives_pension: bool | None = None
    has_disability_card: bool | None = None
    holds_state_welfare_card: bool | None = None
    in_institution: bool | None = None
    poor: bool | None = None
    relatives_poor_or_none: bool | None = None
    in_hardship: bool | None = None
    in_social_crisis: bool | None = Field(None, description="As assessed by a social worker")
    annual_income: float | None = Field(None, description="Baht per year")
    date_of_death: dt.date | None = Field(None, description="For the funeral grant")


class ChildFacts(Schema):
    birth_date: str | None = Field(None, max_length=10)
    nationality: str | None = Field(None, min_length=2, max_length=2)
    in_institution: bool | None = None


class HouseholdFacts(Schema):
    size: int | None = Field(None, ge=1, le=50)
    annual_income_total: float | None = Field(
        None, description="Baht per year for the whole household"
    )
    children: list[ChildFacts] | None = Field(None, max_length=20)


class ScreenIn(Schema):
    as_of: dt.date | None = Field(None, description="Default: today")
    person: PersonFacts | None = None
    household: HouseholdFacts | None = None


class RuleOut(Schema):
    id: int
    version: int
    effective_from: dt.date
    source_url: str
    source_title: str


class ReasonOut(Schema):
    condition: str
    state: str = Field(..., description="met, not_met or unknown")
    text: str


class ResultOut(Schema):
    benefit: str
    name: str
    status: str = Field(..., description="likely_eligible, needs_information or not_eligible")
    amount_baht: float | None
    period: str = Field(..., description="month or once")
    amount_note: str
    reasons: list[ReasonOut]
    missing_facts: list[str]
    documents: list[str]
    agency: str
    how_to_apply: str
    next_steps: list[str]
    rule: RuleOut


class ScreenOut(Schema):
    as_of: dt.date
    results: list[ResultOut]


def _birth(text: str | None, field: str, as_of: dt.date, errors: dict[str, list[str]]) -> Any:
    if not text:
        return None
    try:
        value = validation.birth_date(text, today=dt.date.max - dt.timedelta(days=1))
    except ValidationError as exc:
        errors.setdefault(field, []).extend(exc.messages)
        return None
    if value is not None and value.anchor > as_of:
        errors.setdefault(field, []).append(_("The birth date is after the date of the check."))
    return value


def facts_from(data: ScreenIn, as_of: dt.date) -> Facts:
    errors: dict[str, list[str]] = {}
    p = data.person or PersonFacts.model_validate({})
    h = data.household or HouseholdFacts.model_validate({})
    if as_of < EARLIEST:
        errors["as_of"] = [_("The date of the check cannot be before 2000.")]
    for name, value in (
        ("person.annual_income", p.annual_income),
        ("household.annual_income_total", h.annual_income_total),
    ):
        if value is not None and value < 0:
            errors[name] = [_("An income cannot be negative.")]
    birth = _birth(p.birth_date, "person.birth_date", as_of, errors)
    children = None
    if h.children is not None:
        children = [
            Child(
                _birth(c.birth_date, f"household.children.{i}.birth_date", as_of, errors),
                c.nationality,
                c.in_institution,
            )
            for i, c in enumerate(h.children)
        ]
    if p.date_of_death is not None and p.date_of_death > as_of:
        errors["person.date_of_death"] = [_("The date of death is after the date of the check.")]
    if errors:
        raise ApiError(400, "validation_error", _("Please correct the fields listed."), errors)
    return Facts(
        birth=birth,
        age=p.age,
        nationality=p.nationality,
        registered_subdistrict=p.registered_subdistrict,
        receives_pension=p.receives_pension,
        has_disability_card=p.has_disability_card,
        holds_state_welfare_card=p.holds_state_welfare_card,
        in_institution=p.in_institution,
        poor=p.poor,
        relatives_poor_or_none=p.relatives_poor_or_none,
        in_hardship=p.in_hardship,
        in_social_crisis=p.in_social_crisis,
        annual_income=p.annual_income,
        date_of_death=p.date_of_death,
        household_size=h.size,
        household_income=h.annual_income_total,
        children=children,
    )


def result_out(r: engine.Result) -> dict[str, Any]:
    return {
        "benefit": r.benefit,
        "name": r.name,
        "status": r.status,
        "amount_baht": r.amount_baht,
        "period": r.period,
        "amount_note": r.amount_note,
        "reasons": [{"condition": x.id, "state": x.state, "text": x.text} for x in r.reasons],
        "missing_facts": r.missing_facts,
        "documents": r.documents,
        "agency": r.agency,
        "how_to_apply": r.how_to_apply,
        "next_steps": r.next_steps,
        "rule": {
            "id": r.rule_id,
            "version": r.rule_version,
            "effective_from": r.effective_from,
            "source_url": r.source_url,
            "source_title": r.source_title,
        },
    }


@router.post(
    "/eligibility/screen",
    auth=None,
    throttle=[ScreenThrottle()],
    response={200: ScreenOut},
    summary="Which benefits may this person receive? (public; nothing is stored)",
)
def screen(request: HttpRequest, data: ScreenIn) -> dict[str, Any]:
    as_of = data.as_of or timezone.localdate()
    facts = facts_from(data, as_of)
    results = engine.screen(facts.resolve(as_of), as_of)
    return {"as_of": as_of, "results": [result_out(r) for r in results]}
