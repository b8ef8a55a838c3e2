"""Journeys: a reporter asks for help from a phone; an intake officer triages it."""

from __future__ import annotations

import io
import re

from django.test import override_settings
from PIL import Image
from playwright.sync_api import expect

from onestop.intake.models import HelpRequest
from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, sarabun_loaded, shot, sign_in
from tests.conftest import PASSWORD, World


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 140, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_a_reporter_on_a_phone_asks_for_help_and_checks_the_status(
    live_server, world: World, thai_page, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    page = thai_page(PHONE)
    page.goto(f"{live_server.url}/help/")
    expect(page.locator("h1")).to_have_text("ขอความช่วยเหลือ")
    assert sarabun_loaded(page)
    page.fill("#id_description", "ยายเพ็ญอายุแปดสิบกว่า ติดเตียงอยู่คนเดียว ไม่มีข้าวกินมาสองวันแล้ว")
    page.select_option("#id_category", "ELD")
    page.fill("#id_subject_name", "ยายเพ็ญ")
    page.fill("#id_subject_age", "82")
    page.select_option("#id_where-province", label="ปทุมธานี")
    expect(page.locator("#id_where-district option", has_text="คลองหลวง")).to_have_count(1)
    page.select_option("#id_where-district", label="คลองหลวง")
    expect(page.locator("#id_where-subdistrict option", has_text="คลองหนึ่ง")).to_have_count(1)
    page.select_option("#id_where-subdistrict", label="คลองหนึ่ง")
    page.check("input[name=reporter_relationship][value=neighbour]")
    page.fill("#id_reporter_phone", "081 234 5678")
    page.set_input_files(
        "#id_photos", files=[{"name": "house.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}]
    )
    shot(page, "help-form-phone")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button[type=submit].big")

    expect(page.locator("h1")).to_have_text("ศูนย์ได้รับเรื่องของคุณแล้ว")
    reference = page.locator("[data-reference]").inner_text()
    code = page.locator("[data-tracking-code]").inner_text()
    assert re.fullmatch(r"TU-\d{4}-\d{5}", reference)
    shot(page, "help-sent-phone")
    hr = HelpRequest.objects.get(reference=reference)
    assert hr.photos.count() == 1

    page.click("a.button.secondary")
    page.fill("#id_code", code)
    page.click("button[type=submit].button")
    expect(page.locator("[data-status]")).to_have_text("รับเรื่องแล้ว")
    shot(page, "help-status-phone")
    assert page.console_errors == []


@override_settings(INTAKE_QUEUE_POLL_SECONDS=1)
def test_an_officer_sees_a_new_request_arrive_and_triages_it(
    live_server, world: World, thai_page
) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(DESKTOP)
    sign_in(page, live_server.url, "intake", PASSWORD)
    page.click("[data-menu=queue]")
    expect(page.locator("#queue-rows")).to_contain_text("ไม่มีเรื่องค้าง")

    hr = help_request_submit(
        center=world.center_a,
        data=HelpRequestInput(description="ลูกชายวัยสิบห้าบอกว่าอยากฆ่าตัวตาย ขังตัวเองอยู่ในห้อง"),
    ).request
    row = page.locator(f"tr[data-reference='{hr.reference}']")
    expect(row).to_be_visible(timeout=10_000)  # the live queue picks it up
    expect(row).to_contain_text("ด่วนที่สุด")
    shot(page, "intake-queue-desktop")
    assert axe_violations(page) == []

    row.locator("a").first.click()
    expect(page.locator("[data-suggested-urgency]")).to_have_text("ด่วนที่สุด")
    expect(page.locator(".reasons")).to_contain_text("ฆ่าตัวตาย")  # why it was suggested
    page.select_option("#id_category", "HLT.SUICIDE")
    page.check("input[name=risk_flags][value=suicide]")
    page.select_option("#id_target_group", "child")
    page.check("input[name=outcome][value=accept]")
    page.fill("#id_reason", "เสี่ยงฆ่าตัวตาย ประสานทีมสุขภาพจิตโรงพยาบาลธรรมศาสตร์")
    shot(page, "intake-triage-desktop")
    page.click("text=บันทึกผลคัดกรอง")
    expect(page.locator(".messages")).to_contain_text(hr.reference)
    hr.refresh_from_db()
    assert (hr.status, hr.category_id, hr.target_group) == ("accepted", "HLT.SUICIDE", "child")
    assert page.console_errors == []


def test_the_form_in_burmese_khmer_and_lao_renders_with_bundled_fonts(
    live_server, world: World, thai_page
) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(PHONE)
    for code, family in (
        ("my", "Noto Sans Myanmar"),
        ("km", "Noto Sans Khmer"),
        ("lo", "Noto Sans Lao"),
    ):
        page.goto(f"{live_server.url}/help/")
        page.click(f"form.langs button[value={code}]")
        expect(page.locator("html")).to_have_attribute("lang", code)
        loaded = page.evaluate(
            """async (family) => { await document.fonts.ready;
                 return [...document.fonts].some(f => f.family.replace(/"/g, '') === family && f.status === 'loaded'); }""",
            family,
        )
        assert loaded, family
        shot(page, f"help-form-{code}-phone")
    assert page.console_errors == []
