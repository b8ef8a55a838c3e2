"""Journey: someone on a phone looks for help with domestic violence in Pathum Thani, finds the
shelter and calls it (its address stays hidden); a coordinator lists a new service."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.directory.models import Service
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.directory.conftest import Directory, term


def test_the_public_finds_a_shelter_by_problem_and_area(
    live_server, directory: Directory, thai_page
) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(PHONE)
    page.goto(f"{live_server.url}/services/")
    expect(page.locator("h1")).to_have_text("ค้นหาบริการ")
    page.select_option("#id_problem", "VIO")
    page.select_option("#id_province", "13")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator("ul.services")).to_contain_text("ที่พักพิงชั่วคราว")
    expect(page.locator("ul.services")).not_to_contain_text("งานสังคมสงเคราะห์ทางการแพทย์")
    shot(page, "services-search-phone")
    assert axe_violations(page) == []
    page.click("text=ที่พักพิงชั่วคราว")
    expect(page.locator("body")).to_contain_text("ไม่เปิดเผยที่อยู่")
    expect(page.locator("a[href='tel:025813440']")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("ซอยลับ")
    shot(page, "service-detail-phone")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_a_coordinator_lists_a_service(
    live_server, world: World, directory: Directory, thai_page
) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(DESKTOP)
    sign_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/partners/{world.hospital.pk}/")
    page.click("text=เพิ่มบริการ")
    page.fill("#id_name_th", "คลินิกผู้สูงอายุ")
    page.fill("#id_description", "ตรวจสุขภาพและประเมินภาวะพึ่งพิงของผู้สูงอายุ")
    page.check(f"input[name=problems][value='{term('ELD.BEDRIDDEN').pk}']")
    page.check(f"input[name=kinds][value='{term('SVC.MEDICAL').pk}']")
    for day in ("MO", "TU", "WE"):
        page.check(f"input[name=days][value={day}]")
    page.fill("#id_opens_at", "08:00")
    page.fill("#id_closes_at", "12:00")
    shot(page, "service-form")
    page.click("form.card button[type=submit]")
    expect(page.locator("#services")).to_contain_text("คลินิกผู้สูงอายุ")
    svc = Service.objects.get(name_th="คลินิกผู้สูงอายุ")
    assert {t.code for t in svc.terms.all()} == {"ELD.BEDRIDDEN", "SVC.MEDICAL"}
    assert svc.schedules.get().byday == "MO,TU,WE"
