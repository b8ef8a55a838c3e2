"""/giving/ and /giving/partners/<pk>/: partners, gifts and receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from django.core import mail
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.giving.models import Donation, Partner
from onestop.thai.dates import be_year, fiscal_year
from tests.conftest import World, denied


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def test_a_coordinator_adds_a_partner(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    response = client.post(
        "/giving/", {"name": "มูลนิธิรักษ์ไทย", "kind": "foundation", "contact_email": "x@y.org"}
    )
    partner = Partner.objects.get()
    assert response.status_code == 302 and len(partner.report_token) >= 40
    assert client.post("/giving/", {"name": "", "kind": "foundation"}).status_code == 400


def test_cash_gets_a_receipt_numbered_per_fiscal_year_and_a_thank_you(
    client_for,
    world: World,
    partner: Partner,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for("coordinator")
    day = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        for amount in ("1500.50", "20000"):
            response = client.post(
                f"/giving/partners/{partner.pk}/",
                {"kind": "cash", "received_on": _be(day), "amount": amount, "method": "transfer"},
            )
            assert response.status_code == 302
    fy = fiscal_year(day)
    numbers = list(Donation.objects.order_by("id").values_list("receipt_number", flat=True))
    assert numbers == [f"TU-R0001/{fy}", f"TU-R0002/{fy}"]
    assert len(mail.outbox) == 2 and "/giving/report/" in mail.outbox[0].body
    first = Donation.objects.order_by("id").first()
    pdf = client.get(f"/giving/donations/{first.pk}/receipt.pdf")
    text = pdfium.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    assert "1,500.50" in text and "หนึ่งพันห้าร้อยบาทห้าสิบสตางค์" in text
    assert AuditEntry.objects.filter(action="giving.donation.recorded").count() == 2


def test_bad_gifts_are_explained_and_nothing_saved(
    client_for, world: World, partner: Partner
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    day = _be(timezone.localdate())
    for data in (
        {"kind": "cash", "received_on": day, "amount": "-100", "method": "cash"},
        {"kind": "cash", "received_on": day, "amount": "100"},
        {
            "kind": "in_kind",
            "received_on": day,
            "item": "ข้าวสาร",
            "quantity": "0",
            "category": "food",
        },
        {"kind": "in_kind", "received_on": day, "item": "", "quantity": "3", "category": "food"},
        {"kind": "time", "received_on": day, "hours": "0"},
        {
            "kind": "cash",
            "received_on": _be(timezone.localdate() + dt.timedelta(days=3)),
            "amount": "5",
            "method": "cash",
        },
    ):
        assert client.post(f"/giving/partners/{partner.pk}/", data).status_code == 400, data
    assert not Donation.objects.exists()


def test_a_pledge_has_no_receipt(client_for, world: World, partner: Partner) -> None:  # type: ignore[no-untyped-def]
    client_for("coordinator").post(
        f"/giving/partners/{partner.pk}/",
        {
            "kind": "cash",
            "pledged": "on",
            "received_on": _be(timezone.localdate() + dt.timedelta(days=30)),
            "amount": "50000",
        },
    )
    donation = Donation.objects.get()
    assert (
        donation.pledged and donation.receipt_number == "" and donation.amount == Decimal("50000")
    )


@pytest.mark.parametrize("persona", ["socialworker", "volunteer", "partner", "supervisor"])
def test_other_roles_get_403(client_for, world: World, partner: Partner, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/giving/").status_code == denied(persona)
    assert client.get(f"/giving/partners/{partner.pk}/").status_code == denied(persona)
    assert client.get("/giving/needs/").status_code == denied(persona)


def test_staff_time_logs_each_volunteering_employees_hours(
    client_for,
    world: World,
    partner: Partner,
    active_volunteer,  # type: ignore[no-untyped-def]
) -> None:
    from onestop.volunteers.models import HoursEntry

    day = _be(timezone.localdate())
    client = client_for("coordinator")
    response = client.post(
        f"/giving/partners/{partner.pk}/",
        {
            "kind": "time",
            "received_on": day,
            "hours": "4",
            "volunteers": [str(active_volunteer.pk)],
        },
    )
    assert response.status_code == 302
    entry = HoursEntry.objects.get(volunteer=active_volunteer)
    assert entry.source == "csr" and entry.status == "approved" and entry.hours == Decimal("4")
    # 21 more hours the same day would pass 24: refused whole.
    assert (
        client.post(
            f"/giving/partners/{partner.pk}/",
            {
                "kind": "time",
                "received_on": day,
                "hours": "21",
                "volunteers": [str(active_volunteer.pk)],
            },
        ).status_code
        == 400
    )
    assert Donation.objects.count() == 1


def test_a_cash_pledge_gets_its_receipt_when_it_arrives_and_partners_have_contacts(
    client_for,
    world: World,
    partner: Partner,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for("coordinator")
    later = _be(timezone.localdate() + dt.timedelta(days=20))
    client.post(
        f"/giving/partners/{partner.pk}/",
        {"kind": "cash", "pledged": "on", "received_on": later, "amount": "9000"},
    )
    pledge = Donation.objects.get()
    client.post(
        f"/giving/donations/{pledge.pk}/received/",
        {"on": _be(timezone.localdate()), "method": "transfer"},
    )
    pledge.refresh_from_db()
    assert not pledge.pledged and pledge.receipt_number.startswith("TU-R0001/")
    assert pledge.method == "transfer"
    client.post(
        f"/giving/partners/{partner.pk}/contacts/",
        {"contact-name": "คุณบัญชี", "contact-role": "การเงิน"},
    )
    assert "คุณบัญชี" in client.get(f"/giving/partners/{partner.pk}/").content.decode()
