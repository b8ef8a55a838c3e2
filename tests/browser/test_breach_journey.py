"""Journey: the data protection officer records a breach on a phone, sees the 72-hour clock,
assesses the risk and records the PDPC notification."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from onestop.privacy.models import Breach
from onestop.thai.dates import be_year
from tests.browser.conftest import PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World


def test_record_a_breach_and_notify(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    page = thai_page(PHONE)
    sign_in(page, base, "dpo", PASSWORD)
    page.goto(f"{base}/privacy/breaches/")
    page.click("a.button")
    aware = timezone.localtime() - dt.timedelta(hours=3)
    page.fill("#id_title", "ส่งอีเมลรายชื่อผู้รับบริการผิดคน")
    page.fill("#id_description", "เจ้าหน้าที่แนบไฟล์รายชื่อผู้รับบริการ 40 คน ส่งไปยังอีเมลภายนอก")
    page.fill("#id_aware_on", f"{aware.day:02d}/{aware.month:02d}/{be_year(aware.year)}")
    page.fill("#id_aware_time", f"{aware:%H:%M}")
    page.fill("#id_people_affected", "40")
    page.click("form.card button[type=submit]")
    expect(page.locator("h1")).to_have_text("ส่งอีเมลรายชื่อผู้รับบริการผิดคน")
    expect(page.locator("body")).to_contain_text("ชั่วโมง")
    page.select_option("#id_risk", "high")
    page.fill("#id_risk_reason", "ไฟล์มีเลขประจำตัวประชาชนและข้อมูลสุขภาพ")
    page.click("form[action$='/assess/'] button[type=submit]")
    expect(page.locator("[data-risk]")).to_have_attribute("data-risk", "high")
    now = timezone.localtime()
    page.select_option("#id_whom", "pdpc")
    page.fill("#id_on", f"{now.day:02d}/{now.month:02d}/{be_year(now.year)}")
    page.fill("#id_reference", "PDPC-2569-0001")
    page.click("form[action$='/notified/'] button[type=submit]")
    expect(page.locator("ol.timeline li")).to_have_count(3)
    shot(page, "breach-phone")
    assert axe_violations(page) == []
    assert Breach.objects.get().notified_pdpc_at is not None
    assert page.console_errors == []
