from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from onestop.cases import services
from onestop.cases.access import CaseAccess, access_for
from onestop.cases.models import Case
from onestop.intake.models import Category
from onestop.persons.models import Person
from tests.conftest import World
from tests.persons.conftest import make_person


def acc(world: World, who: str, case: Case) -> CaseAccess:
    """The access a persona has to ``case``, read fresh (as a request would)."""
    return access_for(world[who], Case.objects.get(pk=case.pk))


@pytest.fixture
def client_person(world: World) -> Person:
    return make_person(world, given_name="บุญมี", family_name="มีสุข", birth="2490", sex="M")


@pytest.fixture
def open_case(world: World, client_person: Person):  # type: ignore[no-untyped-def]
    def make(opener: str = "socialworker", **kwargs: Any) -> Case:
        fields: dict[str, Any] = {
            "title": "ผู้สูงอายุอยู่ลำพัง ต้องการผู้ดูแล",
            "category": Category.objects.get(code="ELD.ALONE"),
            "clients": [services.ClientInput(client_person)],
            **kwargs,
        }
        return services.case_open(actor=world[opener], center=world.center_a, **fields)

    return make


@pytest.fixture
def case(world: World, open_case: Any) -> Case:
    """A case of center A opened by the social worker and assigned to them (team A2)."""
    c = open_case()
    return services.case_assign(actor=world["supervisor"], case=c, worker=world["socialworker"])


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    """Service tests read the messages in English (the pages are tested in Thai)."""
    from django.utils import translation

    with translation.override("en"):
        yield
