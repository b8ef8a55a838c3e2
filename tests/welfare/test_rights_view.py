"""/rights/: the public self-check, in Thai, without JavaScript; grouped results; nothing stored;
a printable page and a PDF."""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium

from onestop.audit.models import AuditEntry

ANSWERS = {
    "birth": "2490",
    "thai": "yes",
    "registered": "yes",
    "pension": "no",
    "disability_card": "no",
    "welfare_card": "",
    "income": "",
    "household_size": "2",
    "household_income": "120000",
    "young_children": "0",
    "hardship": "",
}


def test_the_self_check_groups_the_results_and_stores_nothing(db: None, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/rights/").status_code == 200
    before = AuditEntry.objects.count()
    r = client.post("/rights/", ANSWERS)
    body = r.content.decode()
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    likely = body.split('data-group="1"')[1].split("</section>")[0]
    # Born in 2490 (1947, counted from 1 January): 79 on the day of the check, so 700 a month.
    assert 'data-benefit="old_age_allowance"' in likely and "700" in likely
    unsure = body.split('data-group="2"')[1].split("</section>")[0]
    assert 'data-benefit="state_welfare_card"' in unsure  # own income not given
    assert AuditEntry.objects.count() == before


def test_bad_answers_are_shown_not_500(db: None, client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/rights/", {**ANSWERS, "birth": "32/13/2600", "income": "-5"})
    assert (
        r.status_code == 200
        and 'class="error"' in r.content.decode()
        and 'id="results"' not in r.content.decode()
    )


def test_printable_page_and_pdf(db: None, client) -> None:  # type: ignore[no-untyped-def]
    printable = client.post("/rights/", {**ANSWERS, "print": "1"}).content.decode()
    assert 'id="self-check"' not in printable and 'id="results"' in printable
    pdf = client.post("/rights/summary.pdf", ANSWERS)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdfium.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    thai = "".join(
        ch for ch in text if unicodedata.category(ch)[0] == "L" and "\u0e00" <= ch <= "\u0e7f"
    )
    assert "ยงชพผสงอาย" in "".join(ch for ch in thai if unicodedata.category(ch) != "Mn")
    assert client.post("/rights/summary.pdf", {**ANSWERS, "income": "-1"}).status_code == 400


def test_ask_the_center_to_call_back_keeps_only_what_was_agreed(world, client) -> None:  # type: ignore[no-untyped-def]
    from onestop.intake.models import HelpRequest

    refused = client.post(
        "/rights/", {**ANSWERS, "contact": "1", "c-contact_phone": "081 234 5678"}
    )
    assert refused.status_code == 200 and not HelpRequest.objects.exists()  # no consent ticked
    r = client.post(
        "/rights/",
        {**ANSWERS, "contact": "1", "c-contact_phone": "081 234 5678", "c-contact_consent": "on"},
    )
    body = r.content.decode()
    assert 'id="contact-sent"' in body
    request = HelpRequest.objects.get()
    assert request.reporter_phone == "+66812345678" and "เบี้ยยังชีพผู้สูงอายุ" in request.description
    assert request.reference in body
