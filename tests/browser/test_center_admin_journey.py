"""Journey: a center administrator edits the center's address, adds a team and a colleague."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.accounts.models import User
from onestop.centers.models import Center, Team
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World


def test_the_address_picker_fills_districts_with_htmx(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(PHONE)
    sign_in(page, live_server.url, "centeradmin", PASSWORD)
    page.goto(f"{live_server.url}/center/edit/")
    page.select_option("#id_address-province", label="ปทุมธานี")
    expect(page.locator("#id_address-district option", has_text="คลองหลวง")).to_have_count(1)
    page.select_option("#id_address-district", label="คลองหลวง")
    expect(page.locator("#id_address-subdistrict option", has_text="คลองหนึ่ง")).to_have_count(1)
    page.select_option("#id_address-subdistrict", label="คลองหนึ่ง")
    page.fill("#id_address-line", "99 หมู่ 18 ถนนพหลโยธิน")
    shot(page, "center-edit-phone")
    assert axe_violations(page) == []
    page.click("button[type=submit].button")
    expect(page.locator(".messages")).to_contain_text("บันทึกข้อมูลศูนย์เรียบร้อยแล้ว")
    expect(page.locator(".facts")).to_contain_text("ต.คลองหนึ่ง อ.คลองหลวง จ.ปทุมธานี")
    expect(page.locator(".history")).to_contain_text("centers.center.updated")
    assert Center.objects.get(pk=world.center_a.pk).subdistrict_id == "130201"
    assert page.console_errors == []


def test_adding_a_team_and_an_account(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(DESKTOP)
    sign_in(page, live_server.url, "centeradmin", PASSWORD)
    page.click("[data-menu=teams]")
    page.click("text=เพิ่มทีม")
    page.fill("#id_name", "ทีมเยี่ยมบ้าน")
    page.fill("#id_description", "ลงพื้นที่เยี่ยมบ้านร่วมกับอาสาสมัคร")
    page.click("button[type=submit].button")
    expect(page.locator("h1")).to_have_text("ทีมเยี่ยมบ้าน")
    assert Team.objects.filter(name="ทีมเยี่ยมบ้าน", center=world.center_a).exists()

    page.click("[data-menu=staff]")
    page.click("text=เพิ่มบัญชี")
    page.fill("#id_username", "somsri")
    page.fill("#id_name_prefix", "นาง")
    page.fill("#id_first_name", "สมศรี")
    page.fill("#id_last_name", "ใจงาม")
    page.fill("#id_phone", "089 123 4567")
    page.select_option("#id_team", label="ทีมเยี่ยมบ้าน")
    page.check("input[name=roles][value=social_worker]")
    page.fill("#id_password", "a-long-first-passphrase-2568")
    shot(page, "staff-new-desktop")
    page.click("button[type=submit].button")
    expect(page.locator("h1")).to_have_text("นางสมศรี ใจงาม")
    expect(page.locator(".facts")).to_contain_text("089 123 4567")
    user = User.objects.get(username="somsri")
    assert user.team is not None and user.team.name == "ทีมเยี่ยมบ้าน"
    assert page.console_errors == []


def test_the_admin_sets_office_hours_and_a_closure_day(
    live_server, world: World, thai_page
) -> None:  # type: ignore[no-untyped-def]
    from onestop.intake.models import CenterClosure, CenterHours

    page = thai_page(PHONE)
    sign_in(page, live_server.url, "centeradmin", PASSWORD)
    page.goto(f"{live_server.url}/center/")
    page.click("text=เวลาทำการ มาตรฐานเวลาตอบสนอง และวันหยุดของศูนย์")
    page.fill("#id_closes", "17:30")
    page.click("form:has(input[value=hours]) button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("บันทึกปฏิทินแล้ว")
    page.fill("#id_date", "31/12/2599")
    page.fill("#id_reason", "วันสิ้นปี")
    page.click("text=เพิ่มวันหยุดของศูนย์")
    expect(page.locator(".list")).to_contain_text("31 ธันวาคม 2599")
    shot(page, "center-calendar-phone")
    assert axe_violations(page) == []
    assert CenterHours.objects.get(center=world.center_a).closes.strftime("%H:%M") == "17:30"
    assert CenterClosure.objects.filter(center=world.center_a, reason="วันสิ้นปี").exists()
    assert page.console_errors == []
