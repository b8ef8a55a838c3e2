from __future__ import annotations

import re

import pytest
from django.test import Client

from onestop.audit.models import AuditEntry
from onestop.intake.models import HelpRequest
from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.conftest import World, denied, sign_in


def _submit(world: World, text: str = "พ่อทำร้ายร่างกายแม่ทุกคืน", center=None, **kw):  # type: ignore[no-untyped-def]
    return help_request_submit(
        center=center or world.center_a, data=HelpRequestInput(description=text, **kw)
    ).request


def _triage(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "category": "VIO.DV",
        "urgency": "most_urgent",
        "risk_flags": ["harm_others"],
        "target_group": "adult",
        "outcome": "accept",
        "reason": "ความรุนแรงในครอบครัว มีเด็กอยู่ด้วย",
        "merge_into": "",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("persona", ["volunteer", "socialworker", "partner", "researcher"])
def test_roles_outside_intake_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world)
    client = client_for(persona)
    assert client.get(f"/intake/requests/{hr.pk}/").status_code == denied(persona)
    assert client.post(
        f"/intake/requests/{hr.pk}/", {**_triage(), "version": hr.version}
    ).status_code == denied(persona)
    hr.refresh_from_db()
    assert hr.status == "received"


def test_another_centers_officer_gets_404(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_user

    other = make_user("b_intake", world.center_b, ["intake_officer"])
    hr = _submit(world)
    client = Client()
    sign_in(client, other)
    assert client.get(f"/intake/requests/{hr.pk}/").status_code == 404
    assert client.post(f"/intake/requests/{hr.pk}/", _triage()).status_code == 404


def test_the_public_gets_sent_to_login(client: Client, world: World) -> None:
    hr = _submit(world)
    assert client.get(f"/intake/requests/{hr.pk}/").status_code == 302


def test_opening_shows_the_suggestion_with_its_reason_and_is_audited(
    world: World, client_for
) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world)
    body = client_for("intake").get(f"/intake/requests/{hr.pk}/").content.decode()
    assert 'data-suggested-urgency="most_urgent"' in body
    assert "ทำร้ายร่างกาย" in body  # the term that triggered it
    hr.refresh_from_db()
    assert hr.status == "in_review"
    assert AuditEntry.objects.filter(
        action="intake.help_request.viewed", object_id=str(hr.pk)
    ).exists()


def test_triage_accepts_with_a_reason_and_is_audited(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world)
    client = client_for("intake")
    page = client.get(f"/intake/requests/{hr.pk}/").content.decode()
    # The form carries the version as it is after opening (which moved it to "in review").
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    response = client.post(f"/intake/requests/{hr.pk}/", {**_triage(), "version": version.group(1)})
    assert response.status_code == 302
    hr.refresh_from_db()
    assert hr.status == "accepted"
    assert hr.category_id == "VIO.DV"
    assert hr.triaged_by == world["intake"]
    assert hr.first_contact_at is not None
    entry = AuditEntry.objects.get(action="intake.help_request.triaged")
    assert entry.changes["status"] == ["in_review", "accepted"]


def test_the_officer_can_overrule_the_suggestion(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world, "เขาไม่ได้ทำร้ายใคร แค่ขอข้อมูลสิทธิ")
    response = client_for("intake").post(
        f"/intake/requests/{hr.pk}/",
        {
            **_triage(
                category="RGT",
                urgency="normal",
                risk_flags=[],
                outcome="info_only",
                reason="ให้ข้อมูลสิทธิแล้ว",
            ),
            "version": hr.version,
        },
    )
    assert response.status_code == 302
    hr.refresh_from_db()
    assert (hr.status, hr.urgency, hr.outcome) == ("closed", "normal", "info_only")


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"reason": ""}, "จำเป็นต้องกรอก"),
        ({"outcome": "merge", "merge_into": "TU-0000-00000"}, "เลขที่เรื่องอื่น"),
        ({"category": "", "outcome": "accept"}, "เลือกประเภทปัญหาก่อน"),
        ({"urgency": "whenever"}, "เลือกตัวเลือกที่ถูกต้อง"),
    ],
)
def test_bad_triage_explains_and_changes_nothing(
    world: World, client_for, over: dict, message: str
) -> None:  # type: ignore[type-arg,no-untyped-def]
    hr = _submit(world)
    response = client_for("intake").post(
        f"/intake/requests/{hr.pk}/", {**_triage(**over), "version": hr.version}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    hr.refresh_from_db()
    assert hr.outcome == ""


def test_merging_into_a_related_request(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    first = _submit(world, "ยายเพ็ญติดเตียงอยู่คนเดียวที่ซอยข้างวัด", reporter_phone="0812345678")
    second = _submit(world, "ยายเพ็ญติดเตียง ไม่มีคนดูแล", reporter_phone="081 234 5678")
    client = client_for("intake")
    body = client.get(f"/intake/requests/{second.pk}/").content.decode()
    assert first.reference in body and "เบอร์โทรศัพท์เดียวกัน" in body
    second.refresh_from_db()
    response = client.post(
        f"/intake/requests/{second.pk}/",
        {
            **_triage(outcome="merge", merge_into=first.reference, reason="แจ้งซ้ำ"),
            "version": second.version,
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.merged_into == first and second.status == "closed"


def test_a_stale_triage_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world)
    response = client_for("intake").post(
        f"/intake/requests/{hr.pk}/",
        {**_triage(), "version": hr.version - 1 if hr.version > 1 else 99},
    )
    assert response.status_code == 200
    assert "มีผู้อื่นแก้ไขข้อมูลนี้" in response.content.decode()


def test_recording_the_first_contact(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world)
    assert client_for("intake").post(f"/intake/requests/{hr.pk}/contact/").status_code == 302
    hr.refresh_from_db()
    assert hr.first_contact_at is not None
    assert AuditEntry.objects.filter(action="intake.help_request.first_contact").exists()


def test_handing_off_to_1300_is_recorded(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world, "ลูกบอกว่าอยากฆ่าตัวตาย")
    HelpRequest.objects.filter(pk=hr.pk).update(after_hours=True)
    client = client_for("intake")
    assert "ส่งต่อสายด่วน 1300 ทันที" in client.get(f"/intake/requests/{hr.pk}/").content.decode()
    client.post(f"/intake/requests/{hr.pk}/handoff/", {"note": ""})
    hr.refresh_from_db()
    assert hr.handoff_1300_at is None
    client.post(
        f"/intake/requests/{hr.pk}/handoff/", {"note": "โทรแจ้ง 1300 เวลา 20:15 คุณสมหญิงรับเรื่อง"}
    )
    hr.refresh_from_db()
    assert hr.handoff_1300_at is not None
    assert AuditEntry.objects.filter(action="intake.help_request.handed_off_1300").exists()


def test_photos_are_served_only_to_staff_of_the_center(
    world: World, client_for, client: Client, make_photo, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    hr = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="บ้านพัง", photos=[make_photo()])
    ).request
    photo = hr.photos.get()
    url = f"/intake/requests/{hr.pk}/photos/{photo.pk}/"
    response = client_for("intake").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert client.get(url).status_code == 302
    assert client_for("volunteer").get(url).status_code == 404
    assert client_for("intake").get(f"/intake/requests/{hr.pk}/photos/999/").status_code == 404
