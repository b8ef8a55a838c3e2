"""/volunteers/apply/: the public application form."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from onestop.audit.models import AuditEntry
from onestop.thai.dates import be_year
from onestop.volunteers.models import Volunteer, VolunteerEvent
from tests.conftest import World
from tests.volunteers.conftest import ELSEWHERE, KHLONG_NUENG, VALID_ID, photo_upload, years_ago


def _be(day: Any) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "type": "aso",
        "title": "miss",
        "given_name": "สมหญิง",
        "family_name": "ใจดี",
        "nationality": "TH",
        "national_id": VALID_ID,
        "birth_date": _be(years_ago(20)),
        "phone": "081-234-5678",
        "address_text": "99 หมู่ 1",
        "home-province": "13",
        "home-district": "1302",
        "home-subdistrict": KHLONG_NUENG,
        "area-province": "13",
        "area-district": "1302",
        "area-subdistrict": KHLONG_NUENG,
        "skills": ["elderly_care"],
        "languages": ["th"],
        "availability": ["sat"],
        "emergency_name": "นางสมศรี ใจดี",
        "emergency_phone": "0898765432",
        "consent": "on",
        "photo": photo_upload(),
    }
    data.update(overrides)
    return data


def test_the_form_is_public_and_in_thai(client: Client, world: World) -> None:
    response = client.get("/volunteers/apply/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์" in body
    assert 'enctype="multipart/form-data"' in body


def test_an_application_is_stored_with_everything_it_asked(client: Client, world: World) -> None:
    response = client.post("/volunteers/apply/", _form())
    assert response.status_code == 201, re.findall(
        r"class=\"error\"[^>]*>([^<]*)", response.content.decode()
    )
    v = Volunteer.objects.get()
    assert response.content.decode().count(f"V-{v.pk:05d}") == 1
    assert v.status == "applicant" and v.center == world.center_a
    assert v.national_id == VALID_ID and v.phone == "+66812345678"
    assert v.home_subdistrict_id == KHLONG_NUENG and v.area_subdistrict_id == KHLONG_NUENG
    assert v.skills == ["elderly_care"] and v.availability == ["sat"]
    assert bytes(v.photo)[:3] == b"\xff\xd8\xff" and v.photo_type == "image/jpeg"
    assert v.consent_version
    assert VolunteerEvent.objects.filter(volunteer=v, kind="applied").exists()
    assert AuditEntry.objects.filter(
        action="volunteers.volunteer.applied", object_id=str(v.pk)
    ).exists()


def test_a_17_year_old_cannot_apply_as_aso(client: Client, world: World) -> None:
    response = client.post("/volunteers/apply/", _form(birth_date=_be(years_ago(17, days=-5))))
    assert response.status_code == 400
    assert "18" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_saved(
    client: Client, world: World
) -> None:
    fake = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not a photo", "image/jpeg")
    response = client.post("/volunteers/apply/", _form(photo=fake))
    assert response.status_code == 400
    assert "JPEG" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_without_consent_or_a_valid_id_the_form_says_why(client: Client, world: World) -> None:
    data = _form(national_id="1101700230709")
    del data["consent"]
    response = client.post("/volunteers/apply/", data)
    assert response.status_code == 400
    assert not Volunteer.objects.exists()
    assert 'class="error"' in response.content.decode()


def test_a_sub_district_outside_the_chosen_district_is_refused(
    client: Client, world: World
) -> None:
    response = client.post("/volunteers/apply/", _form(**{"area-subdistrict": ELSEWHERE}))
    assert response.status_code == 400
    assert not Volunteer.objects.exists()


@override_settings(VOLUNTEER_APPLY_RATE_PER_IP="2/h")
def test_applications_are_rate_limited_per_device(client: Client, world: World) -> None:
    for _ in range(2):
        assert client.post("/volunteers/apply/", _form()).status_code == 201
    assert client.post("/volunteers/apply/", _form()).status_code == 429


def test_the_refresh_button_saves_nothing(client: Client, world: World) -> None:
    response = client.post("/volunteers/apply/", _form(refresh="1"))
    assert response.status_code == 200
    assert not Volunteer.objects.exists()
