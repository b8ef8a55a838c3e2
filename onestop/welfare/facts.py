"""Facts about a person and a household, as the engine reads them. Derived facts (age counted
the Thai way, children under 6, months since a death) are computed here, once, so the rules
stay simple comparisons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from onestop.thai.dates import PartialDate, thai_age

# The facts a rule may name (the OpenAPI schema documents the inputs they come from).
FACTS = {
    "age",
    "thai",
    "registered_subdistrict",
    "receives_pension",
    "has_disability_card",
    "holds_state_welfare_card",
    "in_institution",
    "poor",
    "relatives_poor_or_none",
    "in_hardship",
    "in_social_crisis",
    "annual_income",
    "household_income_per_person",
    "children_eligible",
    "age_at_death",
    "months_since_death",
    "dead",
}


@dataclass
class Child:
    birth: PartialDate | None = None
    nationality: str | None = None
    in_institution: bool | None = None


@dataclass
class Facts:
    birth: PartialDate | None = None
    age: int | None = None
    nationality: str | None = None
    registered_subdistrict: str | None = None
    receives_pension: bool | None = None
    has_disability_card: bool | None = None
    holds_state_welfare_card: bool | None = None
    in_institution: bool | None = None
    poor: bool | None = None
    relatives_poor_or_none: bool | None = None
    in_hardship: bool | None = None
    in_social_crisis: bool | None = None
    annual_income: float | None = None
    date_of_death: dt.date | None = None
    household_size: int | None = None
    household_income: float | None = None
    children: list[Child] | None = field(default=None)
    # The public self-check asks for a count instead of each child's details.
    children_under_6: int | None = None

    def resolve(self, as_of: dt.date) -> dict[str, Any]:
        """The flat facts the rules read; None for anything not known."""
        on = self.date_of_death or as_of
        age = self.birth.age_on(on) if self.birth else self.age
        per_person = None
        if self.household_income is not None and self.household_size:
            per_person = self.household_income / self.household_size
        children = None
        if self.children is not None:
            counted, unknown = 0, False
            for c in self.children:
                # A child under 6 (Thai counting): 5 years 11 months counts, 6 does not.
                if c.birth is None or c.nationality is None or c.in_institution is None:
                    unknown = True
                    continue
                under_six = thai_age(c.birth.anchor, as_of) < 6
                if under_six and c.nationality.upper() == "TH" and not c.in_institution:
                    counted += 1
            children = counted if counted or not unknown else None
        elif self.children_under_6 is not None:
            children = self.children_under_6
        months = None
        if self.date_of_death is not None:
            months = (
                (as_of.year - self.date_of_death.year) * 12 + as_of.month - self.date_of_death.month
            )
            if as_of.day < self.date_of_death.day:
                months -= 1
        return {
            "age": age,
            "thai": None if self.nationality is None else self.nationality.upper() == "TH",
            "registered_subdistrict": self.registered_subdistrict,
            "receives_pension": self.receives_pension,
            "has_disability_card": self.has_disability_card,
            "holds_state_welfare_card": self.holds_state_welfare_card,
            "in_institution": self.in_institution,
            "poor": self.poor,
            "relatives_poor_or_none": self.relatives_poor_or_none,
            "in_hardship": self.in_hardship,
            "in_social_crisis": self.in_social_crisis,
            "annual_income": self.annual_income,
            "household_income_per_person": per_person,
            "children_eligible": children,
            "dead": self.date_of_death is not None,
            "age_at_death": age if self.date_of_death else None,
            "months_since_death": months,
        }
