"""POST /volunteers/<pk>/review/: approve, ask for more, reject; and the checks behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.thai.dates import be_year
from onestop.volunteers import services
from onestop.volunteers.models import Volunteer
from tests.conftest import World, denied, make_user, sign_in
from tests.volunteers.conftest import ELSEWHERE

Apply = Callable[..., Volunteer]


def _basic_course(world: World, v: Volunteer) -> None:
    services.training_record_add(
        actor=world["coordinator"],
        volunteer=v,
        course_code="ASO-BASIC",
        title="หลักสูตรพื้นฐาน อพม.",
        hours=Decimal("18"),
        completed_on=timezone.localdate() - dt.timedelta(days=10),
    )


def test_approval_is_refused_while_a_check_fails(client_for, world: World, apply: Apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()  # no basic course yet
    response = client_for("coordinator").post(
        f"/volunteers/{v.pk}/review/", {"decision": "approve", "registration_number": "0042/2568"}
    )
    assert response.status_code == 400
    assert "ASO-BASIC" in response.content.decode()
    v.refresh_from_db()
    assert v.status == "applicant" and v.registration_number == ""


def test_an_aso_is_approved_with_the_departments_number_as_given(
    client_for,
    world: World,
    apply: Apply,  # type: ignore[no-untyped-def]
) -> None:
    v = apply()
    _basic_course(world, v)
    client = client_for("coordinator")
    bad = client.post(
        f"/volunteers/{v.pk}/review/", {"decision": "approve", "registration_number": "42"}
    )
    assert bad.status_code == 400 and "NNNN" in bad.content.decode()
    ok = client.post(
        f"/volunteers/{v.pk}/review/",
        {"decision": "approve", "registration_number": "0042/2568", "version": v.version},
    )
    assert ok.status_code == 302
    v.refresh_from_db()
    assert v.status == "active" and v.registration_number == "0042/2568"
    assert v.registered_on == timezone.localdate()
    entry = AuditEntry.objects.get(action="volunteers.volunteer.reviewed", object_id=str(v.pk))
    assert entry.changes == {"status": ["applicant", "active"]}


def test_other_types_get_a_number_with_the_center_code(
    client_for,
    world: World,
    apply: Apply,  # type: ignore[no-untyped-def]
) -> None:
    first = apply(type_code="student")
    second = apply(type_code="development", student_id="")
    client = client_for("coordinator")
    for v in (first, second):
        assert (
            client.post(f"/volunteers/{v.pk}/review/", {"decision": "approve"}).status_code == 302
        )
    year = be_year(timezone.localdate().year)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.registration_number == f"TU-0001/{year}"
    assert second.registration_number == f"TU-0002/{year}"


def test_a_failed_check_overridden_with_a_reason_lets_approval_through(
    client_for,
    world: World,
    apply: Apply,  # type: ignore[no-untyped-def]
) -> None:
    v = apply(area_subdistrict_code=ELSEWHERE)
    _basic_course(world, v)
    client = client_for("coordinator")
    page = client.get(f"/volunteers/{v.pk}/").content.decode()
    assert 'data-check="lives_in_area" data-ok="no"' in page
    empty = client.post(f"/volunteers/{v.pk}/checks/lives_in_area/override/", {"reason": ""})
    assert empty.status_code == 302
    assert not v.overrides.exists()
    client.post(
        f"/volunteers/{v.pk}/checks/lives_in_area/override/",
        {"reason": "ย้ายมาอยู่หอพักในพื้นที่ ระหว่างรอเปลี่ยนทะเบียนบ้าน"},
    )
    page = client.get(f"/volunteers/{v.pk}/").content.decode()
    assert 'data-check="lives_in_area" data-ok="yes"' in page
    assert "ระหว่างรอเปลี่ยนทะเบียนบ้าน" in page
    response = client.post(
        f"/volunteers/{v.pk}/review/", {"decision": "approve", "registration_number": "0043/2568"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="volunteers.check.overridden").count() == 1


def test_asking_for_more_or_rejecting_needs_a_reason(
    client_for, world: World, apply: Apply
) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    client = client_for("coordinator")
    assert client.post(f"/volunteers/{v.pk}/review/", {"decision": "more_info"}).status_code == 400
    client.post(
        f"/volunteers/{v.pk}/review/",
        {"decision": "more_info", "reason": "ขอสำเนาใบประกาศหลักสูตรพื้นฐาน"},
    )
    v.refresh_from_db()
    assert v.status == "more_info" and "ใบประกาศ" in v.review_note
    client.post(f"/volunteers/{v.pk}/review/", {"decision": "reject", "reason": "ไม่ส่งเอกสาร"})
    v.refresh_from_db()
    assert v.status == "rejected"
    again = client.post(f"/volunteers/{v.pk}/review/", {"decision": "approve"})
    assert again.status_code == 400


def test_a_stale_review_is_refused(client_for, world: World, apply: Apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    response = client_for("coordinator").post(
        f"/volunteers/{v.pk}/review/",
        {"decision": "reject", "reason": "x", "version": v.version + 1},
    )
    assert response.status_code == 400
    v.refresh_from_db()
    assert v.status == "applicant"


@pytest.mark.parametrize(
    "persona", ["socialworker", "supervisor", "volunteer", "partner", "intake"]
)
def test_other_roles_cannot_review(client_for, world: World, apply: Apply, persona: str) -> None:  # type: ignore[no-untyped-def]
    v = apply(type_code="student")
    response = client_for(persona).post(f"/volunteers/{v.pk}/review/", {"decision": "approve"})
    assert response.status_code == denied(persona)
    v.refresh_from_db()
    assert v.status == "applicant"


def test_another_centers_coordinator_gets_404(client_for, world: World, apply: Apply) -> None:  # type: ignore[no-untyped-def]
    v = apply(type_code="student")
    client = Client()
    sign_in(client, make_user("b_coordinator", world.center_b, ["coordinator"]))
    assert client.post(f"/volunteers/{v.pk}/review/", {"decision": "approve"}).status_code == 404
    assert client.get(f"/volunteers/{v.pk}/").status_code == 404
    assert client.get(f"/volunteers/{v.pk}/photo").status_code == 404
