"""Journeys: search before create with a Thai fragment; a supervisor merges a duplicate."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.persons.models import Person, PersonMerge
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.persons.conftest import THAI_ID, make_person


def test_search_before_create_with_a_thai_fragment(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    existing = make_person(
        world,
        national_id=THAI_ID,
        birth="15/03/2510",
        nickname="หญิง",
        sex="F",
        prefix="miss",
        phones=["+66812345678"],
    )
    page = thai_page(PHONE)
    sign_in(page, live_server.url, "intake", PASSWORD)
    page.click("[data-menu=persons]")
    page.fill("#id_q", "สมหญิ")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator(".person-hits")).to_contain_text("สมหญิง ใจดี")
    shot(page, "person-list-phone")
    page.click("text=ลงทะเบียนบุคคล")
    # Typing the name fills the "already registered?" panel through htmx, before saving.
    page.fill("#id_given_name", "สมหญิ")
    expect(page.locator("#matches")).to_contain_text(existing.code)
    shot(page, "person-new-phone")
    page.fill("#id_given_name", "มานี")
    page.fill("#id_family_name", "มีนา")
    page.fill("#id_birth", "03/2545")
    page.fill("#id_phone", "089 111 2222")
    expect(page.locator("#matches")).not_to_contain_text(existing.code)
    assert axe_violations(page) == []
    page.click("form.card button[type=submit].button")
    expect(page.locator("h1")).to_contain_text("มานี มีนา")
    expect(page.locator(".facts").first).to_contain_text("มีนาคม 2545")
    shot(page, "person-detail-phone")
    assert axe_violations(page) == []
    assert Person.objects.filter(given_name="มานี").exists()
    assert page.console_errors == []


def test_a_supervisor_merges_a_duplicate_and_can_undo(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    keep = make_person(
        world,
        national_id=THAI_ID,
        birth="15/03/2510",
        nickname="หญิง",
        sex="F",
        phones=["+66812345678"],
    )
    dup = make_person(
        world,
        given_name="สมหยิง",
        family_name="ใจดี",
        birth="2510",
        nickname="ยิ่ง",
        sex="F",
        phones=["+66812345678"],
    )
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = thai_page(viewport)
        sign_in(page, live_server.url, "supervisor", PASSWORD)
        page.click("[data-menu=duplicates]")
        expect(page.locator(".duplicates")).to_contain_text(dup.code)
        shot(page, f"duplicate-queue-{name}")
        assert axe_violations(page) == []
        page.locator("a.button", has_text="เปรียบเทียบ").first.click()
        expect(page.locator("h1")).to_have_text("เปรียบเทียบและรวมระเบียน")
        shot(page, f"person-merge-{name}")
        assert axe_violations(page) == []
    page.check(f"input[name=take_nickname][value={dup.code}]")
    page.click("button[type=submit].button")
    expect(page.locator(".messages")).to_contain_text("ยกเลิกได้ภายใน 30 วัน")
    keep.refresh_from_db()
    assert keep.nickname == "ยิ่ง" and PersonMerge.objects.count() == 1
    page.click("text=ยกเลิกการรวม")
    expect(page.locator(".messages")).to_contain_text("ยกเลิกการรวมแล้ว")
    dup.refresh_from_db()
    assert dup.is_active
    assert page.console_errors == []
