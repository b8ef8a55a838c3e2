from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from onestop.directory import services
from onestop.directory.models import Location, Organization, Service, TaxonomyTerm
from onestop.geo.models import Province, Subdistrict
from tests.conftest import World


@dataclass
class Directory:
    hospital: Organization
    shelter: Organization
    social_medicine: Service
    shelter_service: Service
    clinic: Location
    safe_house: Location


def term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


@pytest.fixture
def directory(world: World) -> Directory:
    shelter = services.organization_create(
        actor=None, name_th="บ้านพักเด็กและครอบครัวจังหวัดปทุมธานี", name_en="Shelter", kind="shelter"
    )
    med = services.service_save(
        actor=None,
        fields={
            "organization": world.hospital,
            "name_th": "งานสังคมสงเคราะห์ทางการแพทย์",
            "name_en": "Medical social work",
            "description": "ช่วยผู้ป่วยเรื่องสิทธิการรักษา",
            "minimum_age": 0,
            "maximum_age": 120,
        },
        terms=[term("ELD"), term("SVC.MEDICAL")],
        documents=["บัตรประจำตัวประชาชน"],
    )
    safe = services.service_save(
        actor=None,
        fields={
            "organization": shelter,
            "name_th": "ที่พักพิงชั่วคราว",
            "description": "ที่พักสำหรับผู้ประสบความรุนแรงในครอบครัว",
        },
        terms=[term("VIO.DV"), term("SVC.SHELTER")],
    )
    pathum = Province.objects.get(code="13")
    services.service_area_set(actor=None, service=safe, provinces=[pathum], districts=[])
    clinic = services.location_save(
        actor=None,
        organization=world.hospital,
        fields={
            "name": "อาคารผู้ป่วยนอก",
            "address_line": "95 หมู่ 8 ถ.พหลโยธิน",
            "subdistrict": Subdistrict.objects.get(code="130201"),
            "lat": Decimal("14.072200"),
            "lng": Decimal("100.601900"),
        },
        services=[med],
        phone="029269999",
    )
    services.hours_set(
        actor=None,
        location=clinic,
        days=["MO", "TU", "WE", "TH", "FR"],
        opens_at=dt.time(8, 30),
        closes_at=dt.time(16, 30),
    )
    house = services.location_save(
        actor=None,
        organization=shelter,
        fields={
            "name": "บ้านพัก",
            "address_line": "99 ซอยลับ",
            "subdistrict": Subdistrict.objects.get(code="130101"),
            "lat": Decimal("14.020000"),
            "lng": Decimal("100.520000"),
            "confidential": True,
        },
        services=[safe],
        phone="025813440",
    )
    return Directory(world.hospital, shelter, med, safe, clinic, house)
