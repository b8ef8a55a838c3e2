"""The record of processing (s.39) as the page, the XLSX and the Thai PDF show it: generated
from ``register.ACTIVITIES`` and the models' own verbose names."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.core.exports import safe_cell
from onestop.privacy.register import ACTIVITIES, COMMON_SECURITY


@dataclass
class Row:
    record: str
    subjects: str
    purpose: str
    basis: list[str]
    personal: list[str]
    sensitive: list[str]
    recipients: list[str]
    retention: str
    security: list[str]


def rows() -> list[Row]:
    from onestop.directory.models import Organization

    kinds = dict(Organization.Kind.choices)
    out = []
    for a in ACTIVITIES:
        meta = apps.get_model(a.model)._meta

        def label(name: str, meta: Any = meta) -> str:
            return str(meta.get_field(name).verbose_name)

        out.append(
            Row(
                record=str(meta.verbose_name),
                subjects=str(a.subjects),
                purpose=str(a.purpose),
                basis=[str(b) for b in a.basis],
                personal=[label(n) for n in a.personal],
                sensitive=[label(n) for n in a.sensitive],
                recipients=[str(kinds.get(k, k)) for k in a.recipients],
                retention=str(a.retention),
                security=[str(s) for s in [*COMMON_SECURITY, *a.security]],
            )
        )
    return out


COLUMNS = [
    ("record", "Record"),
    ("subjects", "Data subjects"),
    ("purpose", "Purpose"),
    ("basis", "Lawful basis"),
    ("personal", "Personal data"),
    ("sensitive", "Sensitive data (s.26)"),
    ("recipients", "Disclosed to"),
    ("retention", "Retention"),
    ("security", "Security measures"),
]


def _header() -> list[str]:
    labels = {
        "record": _("Record"),
        "subjects": _("Data subjects"),
        "purpose": _("Purpose"),
        "basis": _("Lawful basis"),
        "personal": _("Personal data"),
        "sensitive": _("Sensitive data (s.26)"),
        "recipients": _("Disclosed to"),
        "retention": _("Retention"),
        "security": _("Security measures"),
    }
    return [str(labels[key]) for key, _en in COLUMNS]


def _cells(row: Row) -> list[str]:
    out = []
    for key, _en in COLUMNS:
        value = getattr(row, key)
        out.append("; ".join(value) if isinstance(value, list) else value)
    return out


def to_xlsx(center_name: str) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = "s.39"
    sheet.append(
        [safe_cell(_("Record of processing activities (PDPA s.39)")), safe_cell(center_name)]
    )
    sheet.append([])
    sheet.append(_header())
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows():
        sheet.append([safe_cell(v) for v in _cells(row)])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter in "ABCDEFGHI":
        sheet.column_dimensions[letter].width = 34
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(center_name: str, viewer_name: str) -> bytes:
    from onestop.cases.pdf import _doc, breakable

    pdf = _doc(viewer_name, timezone.now())
    pdf.set_title("Record of processing")
    pdf.add_page()
    pdf.set_font("Sarabun", "B", 15)
    pdf.multi_cell(
        0,
        8,
        breakable(_("Record of processing activities (PDPA s.39)")),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Sarabun", "", 11)
    pdf.multi_cell(0, 6, breakable(center_name), new_x="LMARGIN", new_y="NEXT")
    header = _header()
    for row in rows():
        pdf.ln(3)
        pdf.set_font("Sarabun", "B", 12)
        pdf.multi_cell(0, 7, breakable(row.record), new_x="LMARGIN", new_y="NEXT")
        for label, value in zip(header[1:], _cells(row)[1:], strict=True):
            if not value:
                continue
            pdf.set_font("Sarabun", "B", 9)
            pdf.multi_cell(0, 5, breakable(label), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Sarabun", "", 9)
            pdf.multi_cell(0, 5, breakable(value), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
