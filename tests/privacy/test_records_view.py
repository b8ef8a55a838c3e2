"""/privacy/records: the record of processing (s.39) as a page, an XLSX and a Thai PDF."""

from __future__ import annotations

import io

import pytest

from onestop.audit.models import AuditEntry
from onestop.privacy.register import ACTIVITIES
from tests.conftest import World, denied


@pytest.mark.parametrize("persona", ["dpo", "centeradmin"])
def test_the_record_lists_every_activity(client_for, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    page = client_for(persona).get("/privacy/records/").content.decode()
    assert page.count("data-record=") == len(ACTIVITIES)
    assert "ศาสนา" in page  # PersonSensitive.religion, by its verbose name
    assert "โรงพยาบาล" in page  # a recipient kind


def test_xlsx_and_pdf(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    client = client_for("dpo")
    xlsx = client.get("/privacy/records/?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3 + len(ACTIVITIES)
    pdf = client.get("/privacy/records/?format=pdf").content
    assert pdf.startswith(b"%PDF")
    import pypdfium2 as pdfium

    from tests.browser.conftest import SCREENSHOTS
    from tests.cases.test_case_pdf import has

    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert has(text, "ฐานทางกฎหมาย")
    SCREENSHOTS.mkdir(exist_ok=True)
    doc[0].render(scale=1.5).to_pil().save(SCREENSHOTS / "record-of-processing-pdf.png")
    assert AuditEntry.objects.filter(action="privacy.records.exported").count() == 2


@pytest.mark.parametrize(
    "persona",
    ["intake", "socialworker", "supervisor", "coordinator", "volunteer", "partner", "researcher"],
)
def test_other_roles_cannot_read_it(client_for, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert client_for(persona).get("/privacy/records/").status_code == denied(persona)
