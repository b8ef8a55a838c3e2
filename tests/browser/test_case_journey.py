"""Journey: a triaged request becomes a case; it is assigned, assessed, approved, planned,
worked with notes and tasks, closed with approval and reopened. Two people, two browsers: the
social worker on a phone, the supervisor at a desk."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from onestop.cases.models import Case
from onestop.intake import services as intake
from onestop.intake.models import Category
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.persons.conftest import make_person


def _open(page: Page, summary: str) -> None:
    page.locator("summary", has_text=summary).first.click()


def test_a_request_becomes_a_case_and_is_closed_and_reopened(
    live_server, world: World, thai_page
) -> None:  # type: ignore[no-untyped-def]
    person = make_person(world, given_name="บุญมี", family_name="มีสุข", birth="2490", sex="M")
    hr = intake.help_request_submit(
        data=intake.HelpRequestInput(
            description="ยายบุญมีอยู่คนเดียว เดินไม่ไหว ไม่มีคนดูแล", subject_name="บุญมี มีสุข"
        ),
        center=world.center_a,
    ).request
    intake.help_request_triage(
        actor=world["intake"],
        request=hr,
        urgency="urgent",
        risk_flags=["care"],
        outcome="accept",
        reason="ต้องเยี่ยมบ้าน",
        category=Category.objects.get(code="ELD.ALONE"),
    )
    base = live_server.url
    sup = thai_page(DESKTOP)
    sign_in(sup, base, "supervisor", PASSWORD)
    sw = thai_page(PHONE)
    sign_in(sw, base, "socialworker", PASSWORD)

    # The supervisor opens the case from the triaged request and assigns it.
    sup.goto(f"{base}/intake/requests/{hr.pk}/")
    sup.click("text=เปิดเคส")
    expect(sup.locator("#id_title")).to_have_value("บุญมี มีสุข")
    sup.fill("#id_clients", person.code)
    shot(sup, "case-new")
    sup.click("form.card button[type=submit]")
    expect(sup.locator("[data-status]")).to_have_text("รอแจ้งผู้รับผิดชอบ")
    case = Case.objects.get()
    sup.select_option("#assign_worker", str(world["socialworker"].pk))
    sup.click("#assign button[type=submit]")
    expect(sup.locator("[data-status]")).to_have_text("พิจารณาการช่วยเหลือ")

    # The social worker finds it on "my day" and writes the assessment.
    sw.click("[data-menu=myday]")
    expect(sw.locator("#my-cases")).to_contain_text(case.number)
    shot(sw, "my-day-phone")
    sw.click(f"#my-cases >> text={case.number}")
    sw.click("text=เขียนการประเมินสภาพปัญหา")
    sw.fill("#id_needs", "ต้องการผู้ดูแลช่วงกลางวันและเบี้ยยังชีพ")
    sw.fill("#id_opinion", "ควรประสาน อบต. และเยี่ยมบ้านภายในสัปดาห์นี้")
    sw.click("form.card button[type=submit]")
    sw.click("#assessment >> text=ส่งขออนุมัติ")
    expect(sw.locator("[data-assessment]")).to_have_text("รออนุมัติ")

    # The supervisor approves it from their day.
    sup.click("[data-menu=myday]")
    expect(sup.locator("#approvals")).to_contain_text(case.number)
    sup.click(f"#approvals >> text={case.number}")
    sup.check("#approvals input[value=approve]")
    shot(sup, "case-approval")
    sup.click("#approvals form button[type=submit]")
    expect(sup.locator("[data-assessment]")).to_have_text("อนุมัติแล้ว")

    # The plan, a note and a task; the supervisor approves the plan.
    sw.reload()
    _open(sw, "เพิ่มเป้าหมาย")
    sw.fill("#goal_text", "ได้รับเบี้ยยังชีพผู้สูงอายุ")
    sw.click("#plan form[action$='/plan/goals/'] button")
    _open(sw, "เพิ่มกิจกรรม")
    sw.fill("#action_text", "พาไปลงทะเบียนที่ อบต.")
    sw.click("#plan form[action$='/plan/actions/'] button")
    sw.click("#plan >> text=ส่งแผนขออนุมัติ")
    expect(sw.locator("[data-plan]")).to_have_text("รออนุมัติ")
    _open(sw, "เขียนบันทึก")
    sw.select_option("#note_kind", "home_visit")
    sw.fill("#note_text", "เยี่ยมบ้านแล้ว ยายยิ้มแย้ม บ้านสะอาด")
    sw.click("#notes form button[type=submit]")
    expect(sw.locator("#notes")).to_contain_text("ยายยิ้มแย้ม")
    _open(sw, "เพิ่มงาน")
    sw.fill("#task_title", "โทรติดตามกับ อบต.")
    sw.fill("#task_due", "31/12/2600")
    sw.select_option("#task_owner", str(world["socialworker"].pk))
    sw.click("#tasks form button[type=submit]")
    expect(sw.locator("#tasks")).to_contain_text("โทรติดตามกับ อบต.")
    sup.reload()
    sup.check("#approvals li[data-approval='plan-pending'] input[value=approve]")
    sup.click("#approvals li[data-approval='plan-pending'] button[type=submit]")
    expect(sup.locator("[data-plan]")).to_have_text("อนุมัติแล้ว")

    # Done: the task, then closure is asked for, approved, and the case closed.
    sw.reload()
    sw.click("#tasks >> text=ทำเสร็จแล้ว")
    shot(sw, "case-detail-phone")
    assert axe_violations(sw) == []
    _open(sw, "ขอยุติเรื่อง")
    sw.fill("#closure_closure_summary", "ได้รับเบี้ยยังชีพและมีผู้ดูแลแล้ว")
    sw.click("#status form[action$='/closure/'] button")
    expect(sw.locator("[data-approval='closure-pending']")).to_be_visible()
    sup.reload()
    sup.check("#approvals li[data-approval='closure-pending'] input[value=approve]")
    sup.click("#approvals li[data-approval='closure-pending'] button[type=submit]")
    sw.reload()
    _open(sw, "เปลี่ยนสถานะ")
    sw.select_option("#status_status", "closed")
    sw.click("#status form[action$='/status/'] button")
    expect(sw.locator("[data-status]")).to_have_text("ปัญหายุติแล้ว")
    shot(sw, "case-closed-phone")

    # Reopened with a reason: back under assessment, and the timeline says why.
    _open(sw, "เปิดเคสใหม่")
    sw.select_option("#status_status", "under_assessment")
    sw.fill("#status_reason", "ยายหกล้มอีกครั้ง")
    sw.click("#status form[action$='/status/'] button")
    expect(sw.locator("[data-status]")).to_have_text("พิจารณาการช่วยเหลือ")
    expect(sw.locator("#timeline")).to_contain_text("ยายหกล้มอีกครั้ง")
    assert sw.console_errors == [] and sup.console_errors == []
    case.refresh_from_db()
    assert case.status == "under_assessment" and case.events.filter(kind="reopened").exists()


def test_another_team_sees_only_that_a_case_exists_until_break_glass(
    live_server, world: World, thai_page
) -> None:  # type: ignore[no-untyped-def]
    from onestop.cases import services

    person = make_person(world, given_name="ดวงใจ", family_name="ใจดี", birth="2500", sex="F")
    case = services.case_open(
        actor=world["socialworker"],
        center=world.center_a,
        title="ถูกทำร้ายในครอบครัว",
        category=Category.objects.get(code="VIO.DV"),
        clients=[services.ClientInput(person)],
    )
    services.case_assign(actor=world["supervisor"], case=case, worker=world["socialworker"])
    page = thai_page(PHONE)
    base = live_server.url
    sign_in(page, base, "othersocialworker", PASSWORD)
    page.click("[data-menu=cases]")
    expect(page.locator(f"tr[data-case='{case.number}']")).to_contain_text("จำกัดสิทธิ์")
    shot(page, "case-list-phone")
    page.click(f"text={case.number}")
    expect(page.locator("h1")).to_contain_text(case.number)
    expect(page.locator("body")).not_to_contain_text("ถูกทำร้ายในครอบครัว")
    shot(page, "case-restricted-phone")
    assert axe_violations(page) == []
    page.fill("#id_reason", "ผู้รับบริการโทรมาฉุกเฉิน ผู้รับผิดชอบลาป่วย")
    page.click("form button[type=submit].button")
    expect(page.locator("h1")).to_contain_text("ถูกทำร้ายในครอบครัว")
    expect(page.locator("#duties")).to_contain_text("พ.ร.บ.ส่งเสริมการพัฒนาและคุ้มครองสถาบันครอบครัว")
    assert world["supervisor"].notifications.filter(text__contains=case.number).exists()
