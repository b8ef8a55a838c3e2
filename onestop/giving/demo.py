"""Demo CSR data for `make run`: a business partner, a cash gift with its receipt, donated
wheelchairs in stock, and a need on the bedridden elder's case waiting to be matched."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from onestop.accounts.models import User
from onestop.centers.models import Center
from onestop.giving import services


def seed(center: Center, coordinator: User, worker: User, access: Any) -> None:
    today = timezone.localdate()
    partner = services.partner_create(
        actor=coordinator,
        center=center,
        name="บริษัท รังสิตพัฒนา จำกัด",
        kind="business",
        contact_name="คุณวราภรณ์ ฝ่าย CSR",
        contact_email="csr@rangsit-dev.example",
    )
    services.donation_record(
        actor=coordinator,
        partner=partner,
        data=services.DonationInput(
            kind="cash",
            received_on=today - dt.timedelta(days=7),
            amount=Decimal(50000),
            method="transfer",
        ),
    )
    services.donation_record(
        actor=coordinator,
        partner=partner,
        data=services.DonationInput(
            kind="in_kind",
            received_on=today - dt.timedelta(days=5),
            item="รถเข็นวีลแชร์",
            category="mobility",
            quantity=4,
            unit="คัน",
            condition="ใหม่",
            stored_at="ห้องเก็บของ ศูนย์ช่วยเหลือสังคม",
        ),
    )
    services.need_record(
        actor=worker,
        access=access,
        category="mobility",
        description="รถเข็นสำหรับผู้สูงอายุติดเตียง",
        quantity=1,
    )
