"""Journey: a worker records a material need on a case; the coordinator matches a donated
wheelchair to it and records the handover; the partner's report shows it with no client data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from onestop.giving.models import Need, Partner
from onestop.thai.dates import be_year
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.giving.conftest import wheelchairs


def test_need_match_handover_partner_report(
    live_server,
    world: World,
    case: Any,
    partner: Partner,
    thai_page,  # type: ignore[no-untyped-def]
) -> None:
    base = live_server.url
    lot = wheelchairs(world, partner, quantity=3)
    worker = thai_page(DESKTOP)
    sign_in(worker, base, "socialworker", PASSWORD)
    worker.goto(f"{base}/cases/{case.number}/#needs")
    worker.click("summary:has-text('บันทึกความต้องการสิ่งของสำหรับภาคี CSR')")
    worker.select_option("#need_category", "mobility")
    worker.fill("#need_description", "รถเข็นสำหรับผู้สูงอายุที่เดินไม่ได้")
    worker.click("#needs form button[type=submit]")
    expect(worker.locator("#needs [data-need-status]")).to_have_attribute(
        "data-need-status", "open"
    )
    need = Need.objects.get()

    coordinator = thai_page(DESKTOP)
    sign_in(coordinator, base, "coordinator", PASSWORD)
    coordinator.goto(f"{base}/giving/needs/")
    expect(coordinator.locator("body")).not_to_contain_text(case.number)
    coordinator.select_option(f"#id_n{need.pk}-donation", str(lot.pk))
    coordinator.fill(f"#id_n{need.pk}-quantity", "1")
    coordinator.click(f"[data-need='{need.pk}'] button")
    today = timezone.localdate()
    handover = need.handovers.get()
    coordinator.fill(
        f"#on-{handover.pk}", f"{today.day:02d}/{today.month:02d}/{be_year(today.year)}"
    )
    coordinator.fill(f"#conf-{handover.pk}", "ลงชื่อรับโดยบุตรสาว")
    shot(coordinator, "giving-needs")
    coordinator.click(f"[data-handover='{handover.pk}'] button")
    expect(coordinator.locator(f"[data-lot='{lot.pk}'] [data-left]")).to_contain_text("2 / 3")
    assert axe_violations(coordinator) == []

    report = thai_page(PHONE)  # the partner's private link, no account
    report.goto(f"{base}/giving/report/{partner.report_token}/")
    expect(report.locator("[data-outcome]")).to_contain_text("รถเข็นหรืออุปกรณ์ช่วยเดิน")
    person = case.clients.get(role="client").person
    for private in (person.given_name, person.family_name, case.number, "บุตรสาว"):
        expect(report.locator("body")).not_to_contain_text(private)
    shot(report, "giving-partner-report-phone")
    assert axe_violations(report) == []
    assert worker.console_errors == [] and coordinator.console_errors == []
