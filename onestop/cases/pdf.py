"""The case summary PDF: Thai shaped by HarfBuzz in fpdf2, set in Sarabun (the government's
typeface), watermarked on every page with the viewer's name and the time of export."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from pythainlp.tokenize import word_tokenize

from onestop.cases.models import Assessment, Case, CaseClient, Plan
from onestop.cases.timeline import Entry
from onestop.thai.dates import format_date, format_datetime

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
# fontTools logs every subsetting step at INFO; one export would print a screenful.
logging.getLogger("fontTools").setLevel(logging.WARNING)
ZWSP = "\u200b"


@lru_cache(maxsize=4096)
def breakable(text: str) -> str:
    """fpdf2 breaks lines only at spaces: put a zero-width space between Thai words."""
    if not text:
        return ""
    return ZWSP.join(word_tokenize(text, engine="newmm", keep_whitespace=True))


@dataclass
class CaseSummary:
    case: Case
    clients: list[CaseClient]
    assessment: Assessment | None
    plan: Plan | None
    timeline: list[Entry]
    stage: str


class _Doc(FPDF):
    watermark = ""

    def header(self) -> None:
        # Drawn first on each page, so the content prints over it.
        self.set_font("Sarabun", size=18)
        self.set_text_color(215, 215, 215)
        with self.rotation(35, x=self.w / 2, y=self.h / 2):
            self.set_xy(10, self.h / 2)
            self.cell(self.w - 20, 12, self.watermark, align="C")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Sarabun", size=8)
        self.set_text_color(100, 100, 100)
        # "{nb}" is fpdf2's alias for the page count, filled in when the document is closed.
        page = _("page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 6, f"{self.watermark} · {page}", align="C")
        self.set_text_color(0, 0, 0)


def _doc(viewer_name: str, at: dt.datetime) -> _Doc:
    pdf = _Doc(format="A4")
    pdf.set_title("Case summary")
    pdf.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    # Without the shaping engine Thai tone marks collide or float (stack-notes.md).
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.watermark = _("Exported for %(name)s, %(time)s") % {
        "name": viewer_name,
        "time": format_datetime(at),
    }
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(16, 16, 16)
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font("Sarabun", "B", 13)
    pdf.multi_cell(0, 7, breakable(text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 11)


def _para(pdf: FPDF, label: str, value: Any) -> None:
    text = str(value or "—")
    pdf.set_font("Sarabun", "B", 11)
    pdf.multi_cell(0, 6, breakable(label), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 11)
    pdf.multi_cell(0, 6, breakable(text), align="L", new_x="LMARGIN", new_y="NEXT")


def _line(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, 6, breakable(text), align="L", new_x="LMARGIN", new_y="NEXT")


def render(summary: CaseSummary, viewer_name: str, at: dt.datetime | None = None) -> bytes:
    at = at or timezone.now()
    case = summary.case
    pdf = _doc(viewer_name, at)
    pdf.add_page()
    pdf.set_font("Sarabun", "B", 16)
    _line(pdf, f"{_('Case')} {case.number}: {case.title}")
    pdf.set_font("Sarabun", "", 11)
    _line(
        pdf,
        " · ".join(
            [
                str(case.get_status_display()),
                f"{_('Work stage')}: {summary.stage}",
                f"{_('Category')}: {case.category.name}",
                f"{_('Urgency')}: {case.get_urgency_display()}",
            ]
        ),
    )
    _line(
        pdf,
        f"{_('Opened')} {format_date(timezone.localdate(case.opened_at), 'long')} · "
        f"{_('Social worker')}: {case.worker.display_name if case.worker else '—'}"
        + (f" · {case.team.name}" if case.team else ""),
    )
    if case.summary:
        _para(pdf, _("What the case is about"), case.summary)

    _heading(pdf, _("Clients"))
    for c in summary.clients:
        p = c.person
        age = p.age_on(timezone.localdate())
        _line(
            pdf,
            f"{p.prefix_display}{p.full_name} ({c.get_role_display()}) · {p.code}"
            + (f" · {_('age')} {age}" if age is not None else ""),
        )

    _heading(pdf, _("Assessment"))
    a = summary.assessment
    if a is None:
        _line(pdf, _("Not written yet."))
    else:
        _line(pdf, f"{_('State')}: {a.get_state_display()}")
        _para(pdf, _("Needs"), a.needs)
        _para(pdf, _("Risks"), a.risks)
        _para(pdf, _("Strengths"), a.strengths)
        _para(pdf, _("Living conditions"), a.living_conditions)
        _para(pdf, _("Social worker's opinion"), a.opinion)

    _heading(pdf, _("Case plan"))
    plan = summary.plan
    if plan is None:
        _line(pdf, _("Not written yet."))
    else:
        _line(pdf, f"{_('Version')} {plan.version} · {plan.get_state_display()}")
        for i, goal in enumerate(plan.goals.all(), start=1):
            pdf.set_font("Sarabun", "B", 11)
            _line(pdf, f"{i}. {goal.text}")
            pdf.set_font("Sarabun", "", 11)
            for action in goal.actions.all():
                owner = action.owner.display_name if action.owner else "—"
                due = format_date(action.due) if action.due else "—"
                _line(pdf, f"   • {action.text} ({owner}, {due}, {action.get_status_display()})")

    _heading(pdf, _("Timeline"))
    for e in summary.timeline:
        pdf.set_font("Sarabun", "B", 10)
        _line(pdf, f"{format_datetime(e.at)} · {e.title}" + (f" · {e.actor}" if e.actor else ""))
        pdf.set_font("Sarabun", "", 10)
        if e.detail:
            _line(pdf, e.detail[:2000])
    pdf.alias_nb_pages()
    return bytes(pdf.output())
