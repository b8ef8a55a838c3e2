from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from onestop.giving import services
from onestop.giving.models import Donation, Partner
from tests.cases.conftest import acc, case, client_person, open_case  # noqa: F401
from tests.conftest import World
from tests.volunteers.conftest import active_volunteer, apply, on_phone, visit  # noqa: F401


@pytest.fixture
def partner(world: World) -> Partner:
    return services.partner_create(
        actor=world["coordinator"],
        center=world.center_a,
        name="บริษัท ใจดี จำกัด (มหาชน)",
        kind="business",
        contact_name="คุณสมพร",
        contact_email="csr@jaidee.example",
    )


def wheelchairs(world: World, partner: Partner, quantity: int = 2, **fields: Any) -> Donation:
    return services.donation_record(
        actor=world["coordinator"],
        partner=partner,
        data=services.DonationInput(
            kind="in_kind",
            received_on=timezone.localdate() - dt.timedelta(days=1),
            item="รถเข็นวีลแชร์",
            category="mobility",
            quantity=quantity,
            unit="คัน",
            condition="ใหม่",
            stored_at="ห้องเก็บของ ชั้น 1",
            **fields,
        ),
    )
