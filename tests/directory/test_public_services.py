"""/services/: the public directory in Thai, searched by words, problem, province and open now;
a shelter's page shows a phone, never its address."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from onestop.directory import public
from onestop.directory.models import Service
from tests.directory.conftest import Directory


def listed(client, query: str = "") -> set[str]:  # type: ignore[no-untyped-def]
    body = client.get(f"/services/{query}").content.decode()
    return {s for s in ("งานสังคมสงเคราะห์ทางการแพทย์", "ที่พักพิงชั่วคราว") if s in body}


def test_browse_and_filter(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    assert listed(client) == {"งานสังคมสงเคราะห์ทางการแพทย์", "ที่พักพิงชั่วคราว"}
    assert listed(client, "?q=สิทธิการรักษา") == {"งานสังคมสงเคราะห์ทางการแพทย์"}
    assert listed(client, "?problem=VIO") == {"ที่พักพิงชั่วคราว"}
    # Pathum Thani: the shelter serves it; the hospital has no area, so it serves everyone.
    assert listed(client, "?province=13") == {"งานสังคมสงเคราะห์ทางการแพทย์", "ที่พักพิงชั่วคราว"}
    assert listed(client, "?province=50") == {"งานสังคมสงเคราะห์ทางการแพทย์"}
    partial = client.get("/services/?problem=VIO", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "ที่พักพิงชั่วคราว" in partial
    assert client.get("/services/?province=zz").status_code == 200  # a bad choice is ignored


def test_open_now_follows_the_hours_in_thai_time(directory: Directory) -> None:
    monday_morning = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))
    sunday = timezone.make_aware(dt.datetime(2026, 11, 29, 9, 0))
    evening = timezone.make_aware(dt.datetime(2026, 11, 30, 17, 0))
    open_now = public.Filters(open_now=True)
    assert [s.name_th for s in public.public_services(open_now, monday_morning)] == [
        "งานสังคมสงเคราะห์ทางการแพทย์"
    ]
    assert list(public.public_services(open_now, sunday)) == []
    assert list(public.public_services(open_now, evening)) == []


def test_inactive_services_are_not_public(directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    Service.objects.filter(pk=directory.social_medicine.pk).update(status="defunct")
    assert listed(client) == {"ที่พักพิงชั่วคราว"}
    assert client.get(f"/services/{directory.social_medicine.pk}/").status_code == 404
    assert client.get("/services/not-a-uuid/").status_code == 404


def test_a_service_page_in_thai_and_a_shelter_shows_only_a_phone(
    directory: Directory, client
) -> None:  # type: ignore[no-untyped-def]
    page = client.get(f"/services/{directory.social_medicine.pk}/").content.decode()
    assert "บัตรประจำตัวประชาชน" in page and "จ.–ศ. 08:30–16:30 น." in page and "95 หมู่ 8" in page
    shelter = client.get(f"/services/{directory.shelter_service.pk}/").content.decode()
    assert "ซอยลับ" not in shelter and "tel:025813440" in shelter
    assert "191" in shelter  # the emergency numbers are on every public page
