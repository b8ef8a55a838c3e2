"""A standard report as CSV, XLSX or a Thai PDF (bytes). Cells that look like formulas are
written as text in both spreadsheet formats (core.exports.safe_cell)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.core.exports import safe_cell
from onestop.reports.standard import Section, StandardReport
from onestop.thai.dates import format_datetime


def _heading(report: StandardReport) -> list[str]:
    return [report.title, report.center_name, report.period]


def to_csv(report: StandardReport) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # so Excel opens the Thai as UTF-8
    writer = csv.writer(out)
    for line in _heading(report):
        writer.writerow([safe_cell(line)])
    for section in report.sections:
        writer.writerow([])
        writer.writerow([safe_cell(section.title)])
        writer.writerow([safe_cell(c) for c in section.columns])
        for row in [*section.rows, section.totals]:
            writer.writerow([safe_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def to_xlsx(report: StandardReport) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    bold = Font(bold=True)
    for line in _heading(report):
        sheet.append([safe_cell(line)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    for section in report.sections:
        sheet.append([])
        sheet.append([safe_cell(section.title)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append([safe_cell(c) for c in section.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in section.rows:
            sheet.append([safe_cell(v) for v in row])
        sheet.append([safe_cell(v) for v in section.totals])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.column_dimensions["A"].width = 42
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf_table(pdf: Any, section: Section) -> None:
    from onestop.cases.pdf import breakable

    first = 62.0 if len(section.columns) <= 5 else 40.0
    rest = (pdf.epw - first) / max(1, len(section.columns) - 1)
    size = 10 if len(section.columns) <= 5 else 7
    pdf.set_font("Sarabun", "B", 12)
    pdf.multi_cell(0, 7, breakable(section.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", size)
    widths = [first, *[rest] * (len(section.columns) - 1)]
    with pdf.table(col_widths=widths, text_align=["LEFT", *["RIGHT"] * (len(widths) - 1)]) as table:
        head = table.row()
        for c in section.columns:
            head.cell(breakable(str(c)))
        for row in [*section.rows, section.totals]:
            line = table.row()
            for v in row:
                line.cell(breakable(str(v)) if isinstance(v, str) else f"{v:,}")
    pdf.ln(3)


def to_pdf(report: StandardReport, viewer_name: str) -> bytes:
    from onestop.cases.pdf import _doc, breakable

    pdf = _doc(viewer_name, timezone.now())
    pdf.set_title(report.title)
    pdf.add_page()
    pdf.set_font("Sarabun", "B", 16)
    pdf.multi_cell(0, 8, breakable(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 12)
    for line in (report.center_name, report.period):
        pdf.multi_cell(0, 7, breakable(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 9)
    pdf.multi_cell(
        0,
        5,
        breakable(_("Produced %(time)s") % {"time": format_datetime(timezone.now())}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    for section in report.sections:
        _pdf_table(pdf, section)
    return bytes(pdf.output())


RENDERERS = {"csv": to_csv, "xlsx": to_xlsx}
