"""The screening engine, table-driven over every shipped benefit: Thai age counting at the band
edges, partial birth dates, income limits, a child of 5 years 11 months against one of 6, a
non-Thai person, a funeral claim after 6 months; unknown facts never guess."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from onestop.thai.dates import PartialDate
from onestop.welfare import engine
from onestop.welfare.facts import Child, Facts

AS_OF = dt.date(2026, 11, 30)
THAI_ADULT = {"nationality": "TH", "registered_subdistrict": "130201", "receives_pension": False}


def result(code: str, as_of: dt.date = AS_OF, **facts: object):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        for r in engine.screen(Facts(**facts).resolve(as_of), as_of):  # type: ignore[arg-type]
            if r.benefit == code:
                return r
    raise AssertionError(code)


@pytest.mark.parametrize(
    ("as_of", "amount"),
    [
        # Born 2 Dec 1956: the 70th anniversary is 2 Dec 2026. Thai counting completes 70 years
        # at the end of the day before it, so on 1 Dec the person is already 70.
        (dt.date(2026, 11, 30), 600),  # two days before the anniversary: still 69
        (dt.date(2026, 12, 1), 700),  # the day before the anniversary: 70
        (dt.date(2026, 12, 2), 700),  # the day of the anniversary: 70
    ],
)
def test_old_age_bands_follow_thai_counting(db: None, as_of: dt.date, amount: int) -> None:
    r = result("old_age_allowance", as_of, birth=PartialDate(1956, 12, 2), **THAI_ADULT)
    assert r.status == engine.LIKELY and r.amount_baht == amount
    assert r.rule_version == 1 and r.source_url.startswith("https://")
    assert r.next_steps  # registration timing is a next step, not a condition


def test_partial_birth_dates_use_the_civil_code(db: None) -> None:
    # A year only counts from 1 January: born "2509" (1966) is 60 on 30 Nov 2026, "2510" is not.
    assert (
        result("old_age_allowance", birth=PartialDate(1966), **THAI_ADULT).status == engine.LIKELY
    )
    assert (
        result("old_age_allowance", birth=PartialDate(1967), **THAI_ADULT).status
        == engine.NOT_ELIGIBLE
    )
    # A month counts from its first day: born 12/1966 counts from 1 Dec 1966, so the person
    # completes 60 at the end of 30 Nov 2026 (the day before), and is 59 on 29 Nov.
    assert (
        result("old_age_allowance", birth=PartialDate(1966, 12), **THAI_ADULT).status
        == engine.LIKELY
    )
    earlier = dt.date(2026, 11, 29)
    assert (
        result("old_age_allowance", earlier, birth=PartialDate(1966, 12), **THAI_ADULT).status
        == engine.NOT_ELIGIBLE
    )


def test_unknown_facts_need_information_and_are_named(db: None) -> None:
    r = result("old_age_allowance", age=75)
    assert r.status == engine.NEEDS_INFO
    assert set(r.missing_facts) == {"thai", "registered_subdistrict", "receives_pension"}
    assert {x.state for x in r.reasons} == {"met", "unknown"}


def test_a_non_thai_person_is_not_eligible(db: None) -> None:
    r = result(
        "old_age_allowance",
        age=75,
        nationality="MM",
        registered_subdistrict="130201",
        receives_pension=False,
    )
    assert r.status == engine.NOT_ELIGIBLE and r.amount_baht is None
    assert [x.id for x in r.reasons if x.state == "not_met"] == ["thai"]


def test_disability_allowance_with_the_welfare_card_top_up(db: None) -> None:
    base = {"nationality": "TH", "registered_subdistrict": "130201", "has_disability_card": True}
    assert (
        result("disability_allowance", age=30, holds_state_welfare_card=False, **base).amount_baht
        == 800
    )
    topped = result("disability_allowance", age=30, holds_state_welfare_card=True, **base)
    assert topped.amount_baht == 1000 and "+200" in topped.amount_note
    assert (
        result("disability_allowance", age=10, holds_state_welfare_card=False, **base).amount_baht
        == 1000
    )
    assert (
        result(
            "disability_allowance",
            age=30,
            nationality="TH",
            registered_subdistrict="130201",
            has_disability_card=False,
        ).status
        == engine.NOT_ELIGIBLE
    )


def test_child_support_grant_at_six(db: None) -> None:
    five_11 = Child(PartialDate(2020, 12, 31), "TH", False)  # 5 years 11 months on 30 Nov 2026
    six = Child(PartialDate(2020, 11, 30), "TH", False)  # 6 on 30 Nov 2026
    poor = {"household_size": 4, "household_income": 200_000}
    r = result("child_support_grant", children=[five_11], **poor)
    assert r.status == engine.LIKELY and r.amount_baht == 600
    assert result("child_support_grant", children=[six], **poor).status == engine.NOT_ELIGIBLE
    assert result("child_support_grant", children=[five_11, five_11], **poor).amount_baht == 1200
    assert (
        result(
            "child_support_grant", children=[Child(PartialDate(2022), "MM", False)], **poor
        ).status
        == engine.NOT_ELIGIBLE
    )
    assert (
        result(
            "child_support_grant", children=[Child(PartialDate(2022), "TH", True)], **poor
        ).status
        == engine.NOT_ELIGIBLE
    )


@pytest.mark.parametrize(
    ("income", "household", "status"),
    [
        (100_000, 200_000, engine.LIKELY),  # at the limits
        (100_001, 200_000, engine.NOT_ELIGIBLE),  # own income one baht over
        (50_000, 200_002, engine.NOT_ELIGIBLE),  # household 100,001 a head
        (None, 200_000, engine.NEEDS_INFO),
    ],
)
def test_state_welfare_card_income_limits(
    db: None, income: float | None, household: float, status: str
) -> None:
    r = result(
        "state_welfare_card",
        age=40,
        nationality="TH",
        annual_income=income,
        household_size=2,
        household_income=household,
    )
    assert r.status == status


def test_relief_grants(db: None) -> None:
    assert result("emergency_relief", in_social_crisis=True).amount_baht == 3000
    assert result("emergency_relief").status == engine.NEEDS_INFO
    assert result("low_income_family_relief", in_hardship=False).status == engine.NOT_ELIGIBLE
    assert (
        result("elderly_hardship_relief", age=65, nationality="TH", in_hardship=True).status
        == engine.LIKELY
    )
    assert (
        result("elderly_hardship_relief", age=59, nationality="TH", in_hardship=True).status
        == engine.NOT_ELIGIBLE
    )


@pytest.mark.parametrize(
    ("died", "status"),
    [(dt.date(2026, 6, 1), engine.LIKELY), (dt.date(2026, 5, 30), engine.NOT_ELIGIBLE)],
)
def test_funeral_grant_within_six_months(db: None, died: dt.date, status: str) -> None:
    r = result(
        "elderly_funeral_grant",
        birth=PartialDate(1940, 1, 1),
        date_of_death=died,
        poor=True,
        relatives_poor_or_none=True,
    )
    assert r.status == status


def test_every_shipped_benefit_answers(db: None) -> None:
    codes = {r.benefit for r in engine.screen(Facts().resolve(AS_OF), AS_OF)}
    assert codes == {
        "old_age_allowance",
        "disability_allowance",
        "child_support_grant",
        "state_welfare_card",
        "emergency_relief",
        "low_income_family_relief",
        "elderly_hardship_relief",
        "elderly_funeral_grant",
    }
