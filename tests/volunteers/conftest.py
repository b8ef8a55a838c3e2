from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from onestop.volunteers import services
from onestop.volunteers.models import Card, Volunteer
from tests.conftest import World

# Khlong Nueng, Khlong Luang, Pathum Thani (the university's sub-district) and a neighbour in
# the same district; and one in another province.
KHLONG_NUENG = "130201"
KHLONG_SONG = "130202"
ELSEWHERE = "100101"  # Phra Borom Maha Ratchawang, Phra Nakhon, Bangkok
VALID_ID = "1101700230708"


def photo_bytes(fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", (200, 260), (180, 150, 120))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def photo_upload(name: str = "me.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes(), "image/jpeg")


def years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def application(**overrides: Any) -> services.ApplicationInput:
    data: dict[str, Any] = {
        "type_code": "aso",
        "title": "miss",
        "given_name": "สมหญิง",
        "family_name": "ใจดี",
        "birth_date": years_ago(20),
        "phone": "0812345678",
        "address_text": "99 หมู่ 1",
        "home_subdistrict_code": KHLONG_NUENG,
        "area_subdistrict_code": KHLONG_NUENG,
        "emergency_name": "นางสมศรี ใจดี",
        "emergency_phone": "0898765432",
        "consent": True,
        "national_id": VALID_ID,
        "student_id": "6401234567",
        "faculty": "คณะสังคมสงเคราะห์ศาสตร์",
        "skills": ["elderly_care", "first_aid"],
        "languages": ["th", "en"],
        "availability": ["sat", "sun"],
    }
    data.update(overrides)
    return services.ApplicationInput(**data)


@pytest.fixture
def apply(world: World) -> Callable[..., Volunteer]:
    def make(**overrides: Any) -> Volunteer:
        return services.volunteer_apply(
            center=overrides.pop("center", world.center_a),
            data=application(**overrides),
            photo=photo_upload(),
        )

    return make


@pytest.fixture
def active_volunteer(world: World, apply: Callable[..., Volunteer]) -> Volunteer:
    """An อพม. who passed every check (basic course recorded) and was approved."""
    v = apply()
    services.training_record_add(
        actor=world["coordinator"],
        volunteer=v,
        course_code="ASO-BASIC",
        title="หลักสูตรพื้นฐาน อพม.",
        hours=Decimal("18"),
        completed_on=timezone.localdate() - dt.timedelta(days=30),
    )
    return services.volunteer_review(
        actor=world["coordinator"], volunteer=v, decision="approve", registration_number="0042/2568"
    )


@pytest.fixture
def card(world: World, active_volunteer: Volunteer) -> Card:
    return services.card_issue(actor=world["coordinator"], volunteer=active_volunteer)


# Visits need a case: the case fixtures, for these tests.
from tests.cases.conftest import acc, case, client_person, open_case  # noqa: E402, F401

# The client's home in Khlong Nueng; a check-in 50 km away is in Ayutthaya.
HOME = (Decimal("14.072000"), Decimal("100.621000"))
FAR = (Decimal("14.500000"), Decimal("100.700000"))


@pytest.fixture
def on_phone(world: World, active_volunteer: Volunteer) -> Volunteer:
    """The active volunteer, signed in as the "volunteer" persona."""
    active_volunteer.user = world["volunteer"]
    active_volunteer.lat, active_volunteer.lng = HOME
    active_volunteer.save()
    return active_volunteer


@pytest.fixture
def visit(world: World, case: Any) -> Any:
    from onestop.volunteers import visits

    return visits.visit_request(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        client=case.clients.get(role="client"),
        address_text="12 หมู่ 3 ซอยร่วมใจ",
        subdistrict_code=KHLONG_NUENG,
        checklist=["มีอาหารพอไหม", "ยาที่กินอยู่"],
        due=timezone.localdate() + dt.timedelta(days=3),
        skills_needed=["elderly_care"],
        lat=HOME[0],
        lng=HOME[1],
    )
