from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from onestop.cases import services as cases
from onestop.cases.models import Case
from onestop.referrals import services
from onestop.referrals.models import Referral
from tests.cases.conftest import acc, case, client_person, open_case  # noqa: F401 - fixtures
from tests.conftest import World, make_user
from tests.directory.conftest import Directory, directory  # noqa: F401 - fixture


@pytest.fixture
def other_partner(world: World, directory: Directory):  # type: ignore[no-untyped-def]
    """Partner staff of the shelter: a different organisation from the hospital's partner."""
    world.users["shelterstaff"] = make_user(
        "shelterstaff", world.center_a, ["partner_staff"], organization=directory.shelter
    )
    return world["shelterstaff"]


def consent(world: World, case: Case, share: bool = True) -> None:
    cases.consent_record(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        data=cases.ConsentInput(
            lawful_basis="consent",
            method="verbal_witness",
            consenting_person="นายบุญมี",
            witness="นางพยาน",
            share_outside=share,
        ),
    )


@pytest.fixture
def make_referral(world: World, case: Case, directory: Directory):  # type: ignore[no-untyped-def]
    def make(send: bool = True, **over: Any) -> Referral:
        fields: dict[str, Any] = {
            "service": directory.social_medicine,
            "clients": list(case.clients.all()),
            "reason": "ขอให้ประเมินสิทธิการรักษาและช่วยค่าใช้จ่าย",
            "due": timezone.localdate() + dt.timedelta(days=14),
            **over,
        }
        r = services.referral_create(
            actor=world["socialworker"], access=acc(world, "socialworker", case), **fields
        )
        if send:
            r = services.referral_send(
                actor=world["socialworker"], access=acc(world, "socialworker", case), referral=r
            )
        return r

    return make


@pytest.fixture
def make_referral_for(world: World, directory: Directory):  # type: ignore[no-untyped-def]
    """A sent referral from any case of center A (its consent must be recorded first)."""

    def make(case: Case) -> Referral:
        r = services.referral_create(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            service=directory.social_medicine,
            clients=list(case.clients.all()),
            reason="ขอให้ช่วย",
            due=timezone.localdate() + dt.timedelta(days=7),
        )
        return services.referral_send(
            actor=world["socialworker"], access=acc(world, "socialworker", case), referral=r
        )

    return make
