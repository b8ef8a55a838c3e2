"""Journey: a course with three sessions; a volunteer attends two and does not complete, then
attends the third and completes; the training record appears on the volunteer."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.events.models import Event, Registration
from onestop.volunteers.models import Volunteer
from tests.browser.conftest import DESKTOP, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World


def test_course_sessions_completion_training_record(
    live_server,
    world: World,
    make_event,
    active_volunteer: Volunteer,
    thai_page,  # type: ignore[no-untyped-def]
) -> None:
    base = live_server.url
    page = thai_page(DESKTOP)
    sign_in(page, base, "coordinator", PASSWORD)
    page.goto(f"{base}/events/courses/")
    page.click("summary:has-text('สร้างหลักสูตร')")
    page.fill("#id_code", "ASO-VISIT")
    page.fill("#id_title", "การเยี่ยมบ้านสำหรับ อพม.")
    page.fill("#id_hours", "9")
    page.fill("#id_min_sessions", "3")
    page.click("form button[type=submit].button >> nth=-1")
    expect(page.locator("h1")).to_contain_text("ASO-VISIT")
    course_url = page.url
    course_id = int(course_url.rstrip("/").rsplit("/", 1)[-1])
    for i in range(3):
        event = make_event(capacity=20, days=2 + i, title=f"ASO-VISIT ครั้งที่ {i + 1}")
        Event.objects.filter(pk=event.pk).update(course_id=course_id)
    page.reload()
    page.select_option("#id_volunteer", str(active_volunteer.pk))
    page.click("form[action$='/enroll/'] button")
    expect(page.locator("[data-enrollment]")).to_have_count(1)
    regs = list(
        Registration.objects.filter(volunteer=active_volunteer).order_by("event__starts_at")
    )
    assert len(regs) == 3

    for reg in regs[:2]:
        page.goto(f"{base}/events/manage/{reg.event_id}/check-in/")
        page.fill("#id_code", reg.door_code)
        page.click("[data-check-in-form] button[type=submit]")
        expect(page.locator(f"[data-checked-in='{reg.pk}']")).to_be_visible()
    page.goto(course_url)
    expect(page.locator("[data-attended]")).to_have_text("2 / 3")
    page.click("text=ตรวจการผ่านหลักสูตร")
    expect(page.locator("body")).to_contain_text("ยังไม่ผ่านหลักสูตร")
    expect(page.locator("[data-enrollment]")).to_have_attribute(
        "data-enrollment-status", "enrolled"
    )

    page.goto(f"{base}/events/manage/{regs[2].event_id}/check-in/")
    page.fill("#id_code", regs[2].door_code)
    page.click("[data-check-in-form] button[type=submit]")
    page.goto(course_url)
    page.click("text=ตรวจการผ่านหลักสูตร")
    expect(page.locator("[data-enrollment]")).to_have_attribute(
        "data-enrollment-status", "completed"
    )
    shot(page, "course-completed")
    assert axe_violations(page) == []

    page.goto(f"{base}/volunteers/{active_volunteer.pk}/")
    expect(page.locator("[data-course='ASO-VISIT']")).to_contain_text("ผ่านหลักสูตร")
    assert page.console_errors == []
