from __future__ import annotations

from typing import Any

import pytest

from onestop.persons import services
from onestop.persons.models import Person
from onestop.thai.dates import PartialDate
from tests.conftest import World

# Valid 13-digit IDs (check digit per domain.md §4), one per person type used in tests.
THAI_ID = "1103702071838"
THAI_ID_2 = "3100600123450"
STATELESS_ID = "0012345678909"


def valid_id(first12: str) -> str:
    from onestop.thai.ids import check_digit

    return first12 + str(check_digit(first12))


def make_person(
    world: World,
    *,
    center: Any = None,
    phones: list[str] | None = None,
    national_id: str = "",
    birth: str = "",
    reason: str = "test fixture",
    **fields: Any,
) -> Person:
    data = {"given_name": "สมหญิง", "family_name": "ใจดี", "citizenship_status": "thai", **fields}
    if birth:
        services.set_birth(data, PartialDate.parse(birth))
    new = services.NewPerson(
        data,
        phones=[services.PhoneData(p) for p in phones or []],
        documents=[services.DocumentData("thai_id", national_id)] if national_id else [],
    )
    return services.person_create(
        actor=world["socialworker"],
        center=center or world.center_a,
        data=new,
        duplicate_reason=reason,
    )


@pytest.fixture
def person(world: World) -> Person:
    return make_person(
        world,
        national_id=THAI_ID,
        phones=["+66812345678"],
        birth="15/03/2510",
        nickname="หญิง",
        sex="F",
        prefix="miss",
    )
