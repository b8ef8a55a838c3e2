"""Journey: on a phone, a person checks what they are entitled to, in Thai, and sees the
results grouped; nothing is stored."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.audit.models import AuditEntry
from tests.browser.conftest import PHONE, axe_violations, shot


def test_a_phone_self_check(live_server, thai_page) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(PHONE)
    page.goto(f"{live_server.url}/")
    page.click("text=ฉันมีสิทธิอะไรบ้าง")
    page.fill("#id_birth", "2490")
    page.check("input[name=thai][value=yes]")
    page.check("input[name=registered][value=yes]")
    page.check("input[name=pension][value=no]")
    page.check("input[name=disability_card][value=yes]")
    page.fill("#id_household_size", "2")
    page.fill("#id_household_income", "120000")
    before = AuditEntry.objects.count()
    page.click("#self-check button[type=submit].button")
    likely = page.locator("[data-group='1']")
    expect(likely).to_contain_text("เบี้ยยังชีพผู้สูงอายุ")
    expect(likely).to_contain_text("700 บาทต่อเดือน")
    expect(likely).to_contain_text("เบี้ยความพิการ")
    expect(page.locator("[data-group='2']")).to_contain_text("บัตรสวัสดิการแห่งรัฐ")
    shot(page, "rights-results-phone")
    assert axe_violations(page) == []
    assert AuditEntry.objects.count() == before
    assert page.console_errors == []
