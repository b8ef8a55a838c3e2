"""/events/courses/...: a course whose sessions are events; completion writes the volunteer's
training record and issues a certificate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
import zxingcpp

from onestop.audit.models import AuditEntry
from onestop.events import courses, services
from onestop.events.models import Course, Enrollment, Registration
from onestop.volunteers.models import TrainingRecord, Volunteer
from tests.conftest import World, denied


def _course(world: World, **fields) -> Course:  # type: ignore[no-untyped-def]
    data = courses.CourseInput(
        code=fields.pop("code", "ASO-VISIT"),
        title=fields.pop("title", "การเยี่ยมบ้านสำหรับ อพม."),
        hours=Decimal("9"),
        min_sessions=fields.pop("min_sessions", 3),
        **fields,
    )
    return courses.course_create(actor=world["coordinator"], center=world.center_a, data=data)


def _sessions(world: World, course: Course, make_event, n: int = 3) -> list:  # type: ignore[no-untyped-def]
    out = []
    for i in range(n):
        event = make_event(capacity=30, days=3 + i, title=f"{course.code} ครั้งที่ {i + 1}")
        event.course = course
        event.save()
        out.append(event)
    return out


def test_a_coordinator_creates_a_course_with_rules(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    data = {
        "code": "aso-visit",
        "title": "เยี่ยมบ้าน",
        "hours": "9",
        "min_sessions": "3",
        "pass_score": "60",
    }
    assert client.post("/events/courses/", data).status_code == 302
    course = Course.objects.get()
    assert course.code == "ASO-VISIT" and course.pass_score == 60
    for bad in (
        {"code": "ASO-VISIT"},
        {"hours": "0"},
        {"min_sessions": "0"},
        {"prerequisite": "aso-visit2", "code": "aso-visit2"},
    ):
        assert client.post("/events/courses/", {**data, **bad}).status_code == 400, bad
    assert Course.objects.count() == 1


def test_two_of_three_does_not_complete_three_of_three_does(
    client_for,
    world: World,
    make_event,
    active_volunteer: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    course = _course(world)
    sessions = _sessions(world, course, make_event)
    client = client_for("coordinator")
    assert (
        client.post(
            f"/events/courses/{course.pk}/enroll/", {"volunteer": active_volunteer.pk}
        ).status_code
        == 302
    )
    enrollment = Enrollment.objects.get()
    regs = list(
        Registration.objects.filter(volunteer=active_volunteer).order_by("event__starts_at")
    )
    assert len(regs) == 3 and all(r.status == "confirmed" for r in regs)
    for reg in regs[:2]:
        services.check_in(actor=world["coordinator"], event=reg.event, code=reg.token)
    client.post(f"/events/courses/{course.pk}/enrollments/{enrollment.pk}/evaluate/", {})
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"
    assert not TrainingRecord.objects.filter(course_code="ASO-VISIT").exists()
    page = client.get(f"/events/courses/{course.pk}/").content.decode()
    assert "2 / 3" in page
    services.check_in(actor=world["coordinator"], event=sessions[2], code=regs[2].token)
    client.post(f"/events/courses/{course.pk}/enrollments/{enrollment.pk}/evaluate/", {})
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    record = TrainingRecord.objects.get(course_code="ASO-VISIT")
    assert (
        record.source == "course"
        and record.hours == Decimal("9")
        and record.volunteer == active_volunteer
    )
    assert record.certificate == courses.certificate_url(enrollment)
    assert AuditEntry.objects.filter(action="events.course.completed").count() == 1
    report = courses.course_report(course)
    assert (report.enrolled, report.completed, report.sessions) == (1, 1, 3)
    assert report.hours_delivered == Decimal("9.0")  # three 3-hour sessions, one person each


def test_a_pass_mark_is_needed_when_the_course_has_one(
    client_for, world: World, make_event, active_volunteer: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    course = _course(world, min_sessions=1, pass_score=60)
    [session] = _sessions(world, course, make_event, n=1)
    enrollment = courses.course_enroll(
        actor=world["coordinator"], course=course, volunteer=active_volunteer
    )
    reg = Registration.objects.get(volunteer=active_volunteer)
    services.check_in(actor=world["coordinator"], event=session, code=reg.token)
    url = f"/events/courses/{course.pk}/enrollments/{enrollment.pk}/evaluate/"
    client = client_for("coordinator")
    client.post(url, {"score": "55"})
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled" and enrollment.score == 55
    client.post(url, {"score": "101"})
    enrollment.refresh_from_db()
    assert enrollment.score == 55
    client.post(url, {"score": "72"})
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"


def test_the_prerequisite_must_be_completed_first(
    client_for, world: World, make_event, active_volunteer: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    course = _course(world, code="ASO-DESTITUTE", prerequisite="ASO-ADVANCED")
    client = client_for("coordinator")
    client.post(f"/events/courses/{course.pk}/enroll/", {"volunteer": active_volunteer.pk})
    assert not Enrollment.objects.exists()
    TrainingRecord.objects.create(
        volunteer=active_volunteer,
        course_code="ASO-ADVANCED",
        title="ขั้นสูง",
        hours=6,
        completed_on=dt.date(2025, 1, 1),
    )
    client.post(f"/events/courses/{course.pk}/enroll/", {"volunteer": active_volunteer.pk})
    assert Enrollment.objects.count() == 1


def test_the_course_certificate_verifies(
    client_for, client, world: World, make_event, active_volunteer: Volunteer, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://onestop.example"
    course = _course(world, min_sessions=1)
    [session] = _sessions(world, course, make_event, n=1)
    enrollment = courses.course_enroll(
        actor=world["coordinator"], course=course, volunteer=active_volunteer
    )
    reg = Registration.objects.get(volunteer=active_volunteer)
    services.check_in(actor=world["coordinator"], event=session, code=reg.token)
    enrollment = courses.course_evaluate(actor=world["coordinator"], enrollment=enrollment)
    pdf = client_for("coordinator").get(
        f"/events/courses/{course.pk}/enrollments/{enrollment.pk}/certificate.pdf"
    )
    image = pdfium.PdfDocument(pdf.content)[0].render(scale=4).to_pil()
    [qr] = zxingcpp.read_barcodes(image)
    assert qr.text == courses.certificate_url(enrollment)
    page = client.get(f"/events/courses/c/{enrollment.certificate_token}/").content.decode()
    assert 'data-state="valid"' in page and active_volunteer.family_name not in page
    assert client.get("/events/courses/c/not-a-real-token-00000000000000000/").status_code == 404


@pytest.mark.parametrize("persona", ["socialworker", "volunteer", "supervisor"])
def test_other_roles_get_403(client_for, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    course = _course(world)
    client = client_for(persona)
    assert client.get("/events/courses/").status_code == denied(persona)
    assert client.get(f"/events/courses/{course.pk}/").status_code == denied(persona)


def test_someone_who_is_not_a_volunteer_completes_with_a_certificate_only(
    client_for,
    client,
    world: World,
    make_event,  # type: ignore[no-untyped-def]
) -> None:
    course = _course(world, min_sessions=1)
    [session] = _sessions(world, course, make_event, n=1)
    coordinator = client_for("coordinator")
    url = f"/events/courses/{course.pk}/enroll-person/"
    coordinator.post(url, {"person-name": "ดวงใจ นักศึกษา", "person-email": "duang@example.org"})
    assert not Enrollment.objects.exists()  # no consent
    data = {
        "person-name": "ดวงใจ นักศึกษา",
        "person-email": "duang@example.org",
        "person-consent": "on",
    }
    coordinator.post(url, data)
    coordinator.post(url, data)  # twice: one enrolment
    enrollment = Enrollment.objects.get()
    reg = Registration.objects.get(enrollment=enrollment)
    services.check_in(actor=world["coordinator"], event=session, code=reg.token)
    coordinator.post(f"/events/courses/{course.pk}/enrollments/{enrollment.pk}/evaluate/", {})
    enrollment.refresh_from_db()
    assert enrollment.status == "completed" and enrollment.volunteer is None
    assert not TrainingRecord.objects.exists()
    page = client.get(f"/events/courses/c/{enrollment.certificate_token}/").content.decode()
    assert "ดวงใจ น." in page and "นักศึกษา" not in page
