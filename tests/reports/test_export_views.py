"""/reports/exports/: standard reports produced in the background, kept 7 days, audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.reports import facts, services
from onestop.reports.models import Export
from onestop.thai.dates import fiscal_year
from tests.conftest import World, denied
from tests.reports.conftest import Generated


def _request(client, capture, **data):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return client.post("/reports/exports/", {"fmt": "csv", **data})


def _sections(body: bytes) -> dict[str, list[list[str]]]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    out: dict[str, list[list[str]]] = {}
    current = ""
    for row in rows[3:]:
        if not row:
            current = ""
        elif not current:
            current = row[0]
            out[current] = []
        else:
            out[current].append(row)
    return out


def test_a_fiscal_year_csv_matches_the_records(  # type: ignore[no-untyped-def]
    client_for, world: World, generated: Generated, django_capture_on_commit_callbacks
) -> None:
    facts.refresh()
    client = client_for("supervisor")
    fy = fiscal_year(generated.today)
    response = _request(client, django_capture_on_commit_callbacks, report="fiscal_year", fy=fy)
    export = Export.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/reports/exports/{export.token}/"
    )
    assert export.status == "done" and export.progress == 100 and len(export.sha256) == 64
    download = client.get(f"/reports/exports/{export.token}/download")
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    sections = _sections(body)
    start, end = (
        dt.date(generated.today.year - (generated.today.month < 10), 10, 1),
        generated.today,
    )
    cases = [c for c in generated.cases if start <= c["day"] <= end]
    by_group = {
        r[0]: r
        for r in next(v for k, v in sections.items() if "กลุ่มเป้าหมาย" in k or "target group" in k)
    }
    total = by_group.get("รวม") or by_group.get("Total")
    assert total is not None
    assert int(total[1]) == sum(not c["disabled"] for c in cases)
    assert int(total[2]) == sum(c["disabled"] for c in cases)
    channels = Counter(r["channel"] for r in generated.requests if start <= r["day"] <= end)
    first = next(iter(sections.values()))
    assert sum(int(r[1]) for r in first[1:-1]) == sum(channels.values())
    assert len(sections) == 8  # seven ministry tables and the issue-by-month table
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "reports.export.requested",
        "reports.export.produced",
        "reports.export.downloaded",
    } <= actions


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_xlsx_and_pdf(
    client_for, world: World, generated: Generated, django_capture_on_commit_callbacks, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    month = f"{generated.today.year + 543}-{generated.today.month:02d}"
    _request(client, django_capture_on_commit_callbacks, report="monthly", month=month, fmt=fmt)
    export = Export.objects.get()
    body = client.get(f"/reports/exports/{export.token}/download").content
    if fmt == "xlsx":
        from openpyxl import load_workbook  # type: ignore[import-untyped]

        sheet = load_workbook(io.BytesIO(body)).active
        assert sheet.cell(1, 1).value == "สรุปรายเดือน" or sheet.cell(1, 1).value
    else:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(body)
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        from tests.cases.test_case_pdf import has

        for title in ("สรุปรายเดือน", "จำแนกตามช่องทาง", "คนพิการ", "ประเภทหน่วยงานที่รับ"):
            assert has(text, title), title
        # Looked at as an image (Thai marks shaped, tables whole): screenshots/report-pdf.png.
        from tests.browser.conftest import SCREENSHOTS

        SCREENSHOTS.mkdir(exist_ok=True)
        doc[0].render(scale=1.5).to_pil().save(SCREENSHOTS / "report-pdf.png")


def test_formula_like_names_are_written_as_text(
    client_for, world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from onestop.directory.models import Organization

    Organization.objects.filter(pk=world.hospital.pk).update(name_th='=HYPERLINK("x")')
    from onestop.reports import exporting
    from onestop.reports.standard import Section, StandardReport

    report = StandardReport(
        "t", "=cmd|' /C calc'!A0", "p", [Section("s", ["a", "b"], [["+1", 1]]).finish()]
    )
    text = exporting.to_csv(report).decode("utf-8-sig")
    assert "'=cmd" in text and "'+1" in text


def test_progress_page_polls_until_done(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    user = world["supervisor"]
    export = Export.objects.create(
        center=world.center_a,
        requested_by=user,
        token="t" * 32,
        report="daily",
        start=timezone.localdate(),
        end=timezone.localdate(),
        fmt="csv",
        status="running",
        progress=40,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    page = client_for("supervisor").get(f"/reports/exports/{export.token}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    partial = client_for("supervisor").get(
        f"/reports/exports/{export.token}/", HTTP_HX_REQUEST="true"
    )
    assert "<html" not in partial.content.decode() and "export-progress" in partial.content.decode()


def test_files_are_deleted_after_seven_days(
    client_for, world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    _request(client, django_capture_on_commit_callbacks, report="daily", day="01/10/2569")
    export = Export.objects.get()
    path = export.file.path
    assert services.purge_expired(timezone.now() + dt.timedelta(days=6)) == 0
    assert services.purge_expired(timezone.now() + dt.timedelta(days=7, minutes=1)) == 1
    export.refresh_from_db()
    assert export.status == "expired" and not export.file
    import os

    assert not os.path.exists(path)
    response = client.get(f"/reports/exports/{export.token}/download")
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"report": "daily"},  # no day
        {"report": "daily", "day": "32/13/2569"},
        {"report": "monthly", "month": "soon"},
        {"report": "weekly"},
        {"report": "fiscal_year", "fy": "1900"},
        {"report": "daily", "day": "01/10/2569", "fmt": "docx"},
    ],
)
def test_bad_requests_are_explained(
    client_for, world: World, data: dict[str, str], django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    response = _request(client_for("supervisor"), django_capture_on_commit_callbacks, **data)
    assert response.status_code == 400
    assert not Export.objects.exists()


@pytest.mark.parametrize(
    "persona", ["intake", "socialworker", "coordinator", "volunteer", "partner"]
)
def test_roles_that_cannot_see_reports_cannot_export(
    client_for, world: World, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/reports/exports/").status_code == denied(persona)
    assert client.post(
        "/reports/exports/", {"report": "daily", "day": "01/10/2569", "fmt": "csv"}
    ).status_code == denied(persona)
    assert not Export.objects.exists()


def test_someone_elses_export_is_404(
    client_for, world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    _request(
        client_for("supervisor"),
        django_capture_on_commit_callbacks,
        report="daily",
        day="01/10/2569",
    )
    export = Export.objects.get()
    for persona in ("centeradmin", "b_admin"):
        assert (
            client_for(persona).get(f"/reports/exports/{export.token}/download").status_code == 404
        )


@pytest.mark.parametrize(
    "persona", ["intake", "socialworker", "coordinator", "volunteer", "partner"]
)
def test_export_pages_refuse_other_roles(
    client_for, world: World, persona: str, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    _request(
        client_for("supervisor"),
        django_capture_on_commit_callbacks,
        report="daily",
        day="01/10/2569",
    )
    token = Export.objects.get().token
    client = client_for(persona)
    assert client.get(f"/reports/exports/{token}/").status_code == denied(persona)
    assert client.get(f"/reports/exports/{token}/download").status_code == denied(persona)
