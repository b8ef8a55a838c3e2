"""Journey: a student applies from a phone; the coordinator records the basic course, approves
and issues the card; the QR decoded from the printed card opens the verify page (valid); the
coordinator revokes the card and the same QR then says revoked."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import zxingcpp
from django.utils import timezone
from playwright.sync_api import expect

from onestop.thai.dates import be_year
from onestop.volunteers.models import Card, Volunteer
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.volunteers.conftest import photo_bytes


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def _pick_address(page, prefix: str) -> None:  # type: ignore[no-untyped-def]
    page.select_option(f"#id_{prefix}-province", "13")
    expect(page.locator(f"#id_{prefix}-district option[value='1302']")).to_have_count(1)
    page.select_option(f"#id_{prefix}-district", "1302")
    expect(page.locator(f"#id_{prefix}-subdistrict option[value='130201']")).to_have_count(1)
    page.select_option(f"#id_{prefix}-subdistrict", "130201")


def test_apply_approve_card_verify_revoke(live_server, world: World, thai_page, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = live_server.url  # the QR encodes this deployment's address
    base = live_server.url

    applicant = thai_page(PHONE)
    applicant.goto(f"{base}/volunteers/apply/")
    applicant.check("input[name=type][value=aso]")
    applicant.select_option("#id_title", "miss")
    applicant.fill("#id_given_name", "กนกพร")
    applicant.fill("#id_family_name", "ศรีสวัสดิ์")
    applicant.fill("#id_national_id", "1101700230708")
    applicant.fill("#id_birth_date", _be(dt.date(2004, 5, 17)))
    applicant.fill("#id_phone", "0812345678")
    applicant.fill("#id_address_text", "หอพักนักศึกษา ถนนพหลโยธิน")
    _pick_address(applicant, "home")
    _pick_address(applicant, "area")
    applicant.fill("#id_student_id", "6601234567")
    applicant.fill("#id_faculty", "คณะสังคมสงเคราะห์ศาสตร์")
    applicant.check("input[name=skills][value=elderly_care]")
    applicant.check("input[name=availability][value=sat]")
    applicant.fill("#id_emergency_name", "นางสมศรี ศรีสวัสดิ์")
    applicant.fill("#id_emergency_phone", "0898765432")
    applicant.set_input_files(
        "#id_photo", {"name": "me.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    applicant.check("#id_consent")
    shot(applicant, "volunteer-apply-phone")
    assert axe_violations(applicant) == []
    applicant.click("button[type=submit].button")
    expect(applicant.locator("h1")).to_have_text("ได้รับใบสมัครแล้ว")
    shot(applicant, "volunteer-applied-phone")
    volunteer = Volunteer.objects.get()

    coordinator = thai_page(DESKTOP)
    sign_in(coordinator, base, "coordinator", PASSWORD)
    coordinator.click("[data-menu=volunteers]")
    coordinator.click("text=กนกพร ศรีสวัสดิ์")
    expect(coordinator.locator("[data-check='course:ASO-BASIC']")).to_have_attribute(
        "data-ok", "no"
    )
    coordinator.click("summary:has-text('บันทึกหลักสูตรที่ผ่านแล้ว')")
    coordinator.fill("#id_course_code", "ASO-BASIC")
    coordinator.fill("#id_title", "หลักสูตรพื้นฐาน อพม.")
    coordinator.fill("#id_hours", "18")
    coordinator.fill("#id_completed_on", _be(timezone.localdate() - dt.timedelta(days=7)))
    coordinator.click("#training button[type=submit]")
    expect(coordinator.locator("[data-check='course:ASO-BASIC']")).to_have_attribute(
        "data-ok", "yes"
    )
    coordinator.check("input[name=decision][value=approve]")
    coordinator.fill("#id_registration_number", "0042/2569")
    shot(coordinator, "volunteer-review")
    coordinator.click("text=บันทึกผลการพิจารณา")
    expect(coordinator.locator("[data-status]")).to_have_text("ปฏิบัติงาน")
    coordinator.click("text=ออกบัตร")
    expect(coordinator.locator("[data-card-status=active]")).to_have_count(1)
    assert axe_violations(coordinator) == []
    shot(coordinator, "volunteer-detail")

    card = Card.objects.get(volunteer=volunteer)
    pdf = coordinator.request.get(f"{base}/volunteers/cards/{card.pk}.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    back = pdfium.PdfDocument(pdf.body())[1].render(scale=8).to_pil()
    [qr] = zxingcpp.read_barcodes(back)
    assert qr.text == f"{base}/v/{card.token}"

    door = thai_page(PHONE)  # someone at a client's door, scanning the card
    door.goto(qr.text)
    expect(door.locator("[data-state]")).to_have_attribute("data-state", "valid")
    expect(door.locator("[data-name]")).to_have_text("กนกพร ศ.")
    expect(door.locator("body")).not_to_contain_text("ศรีสวัสดิ์")
    expect(door.locator("img.verify-photo")).to_be_visible()
    shot(door, "volunteer-verify-valid-phone")
    assert axe_violations(door) == []

    coordinator.fill(f"#rv-{card.pk}", "บัตรหาย แจ้งความแล้ว")
    coordinator.click(f"form[action$='/cards/{card.pk}/revoke/'] button")
    expect(coordinator.locator(f"[data-card='{card.pk}']")).to_have_attribute(
        "data-card-status", "revoked"
    )
    door.reload()
    expect(door.locator("[data-state]")).to_have_attribute("data-state", "revoked")
    expect(door.locator("body")).not_to_contain_text("กนกพร")
    shot(door, "volunteer-verify-revoked-phone")
    assert applicant.console_errors == [] and coordinator.console_errors == []
    assert door.console_errors == []
