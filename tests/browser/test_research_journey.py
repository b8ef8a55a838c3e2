"""Journey: a researcher submits a project, the center admin approves it, the researcher
builds a pseudonymised extract (one refused by k-anonymity first) and downloads it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from onestop.research.models import Extract
from onestop.thai.dates import be_year
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.reports.conftest import Generated


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def test_project_approval_extract_download(
    live_server, world: World, generated: Generated, thai_page
) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    today = timezone.localdate()
    researcher = thai_page(PHONE)
    sign_in(researcher, base, "researcher", PASSWORD)
    researcher.goto(f"{base}/research/")
    researcher.click("a:has-text('โครงการใหม่')")
    researcher.fill("#id_title", "คุณภาพชีวิตผู้สูงอายุที่อยู่ลำพัง")
    researcher.fill("#id_purpose", "วิจัยเชิงปฏิบัติการเพื่อพัฒนาบริการ")
    researcher.fill("#id_ethics_committee", "คณะกรรมการจริยธรรมการวิจัยในคน มธ.")
    researcher.fill("#id_ethics_number", "COA 045/2569")
    researcher.fill("#id_ethics_expires", _be(today + dt.timedelta(days=300)))
    researcher.check("input[name=datasets][value=cases]")
    researcher.check("input[name=datasets][value=outcomes]")
    shot(researcher, "research-new-project-phone")
    researcher.click("form.card button[type=submit]")
    expect(researcher.locator("[data-status]").first).to_have_attribute("data-status", "submitted")
    url = researcher.url

    admin = thai_page(DESKTOP)
    sign_in(admin, base, "centeradmin", PASSWORD)
    admin.goto(f"{base}/research/")
    admin.click("a:has-text('คุณภาพชีวิตผู้สูงอายุที่อยู่ลำพัง') >> nth=0")
    admin.select_option("#id_decision", "approve")
    admin.click("form.card button[type=submit]")
    expect(admin.locator("[data-status]").first).to_have_attribute("data-status", "approved")

    researcher.goto(url)
    researcher.select_option("#id_choose_dataset", "cases")
    for col in ("case_id", "client_id", "district", "disabled", "category", "opened_month"):
        researcher.check(f"input[name=columns][value={col}]")
    researcher.fill("#id_start", _be(today - dt.timedelta(days=600)))
    researcher.fill("#id_end", _be(today))
    researcher.click("form[action$='/extracts/'] button[type=submit]")
    expect(researcher.locator("li[data-status='refused']")).to_have_count(1)
    researcher.locator("li[data-status='refused'] summary").click()
    shot(researcher, "research-extract-refused-phone")

    # A fresh form (the project's first dataset, cases): without the problem and the month.
    for col in ("case_id", "client_id", "district", "disabled"):
        researcher.check(f"input[name=columns][value={col}]")
    researcher.fill("#id_start", _be(today - dt.timedelta(days=600)))
    researcher.fill("#id_end", _be(today))
    researcher.click("form[action$='/extracts/'] button[type=submit]")
    expect(researcher.locator("li[data-status='ready']")).to_have_count(1)
    shot(researcher, "research-project-phone")
    assert axe_violations(researcher) == []
    with researcher.expect_download() as download:
        researcher.click("li[data-status='ready'] a:has-text('ดาวน์โหลด')")
    body = download.value.path().read_text(encoding="utf-8")
    extract = Extract.objects.get(status="ready")
    assert body.count("\n") == extract.rows + 1
    assert "GEN-C" not in body and "ทดสอบ" not in body
    assert researcher.console_errors == [], researcher.console_errors[-3:]
    assert admin.console_errors == [], admin.console_errors[-3:]
