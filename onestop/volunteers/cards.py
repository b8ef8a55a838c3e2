"""The volunteer ID card as a PDF: CR80 (85.6 × 54 mm), front and back, set in Sarabun with
HarfBuzz shaping; and the A4 print sheet of many cards with cut marks.

The layout follows the อพม. card (domain notes §6): front with the title, photo, name, national
ID, province and the issuer's name and position; back with the English title, registration
number, issuing center and dates in the Buddhist Era. The QR holds only the verify URL with
the card's random token. The paper card carries the full ID, as the official one does.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

import segno
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from fpdf import FPDF

from onestop.cases.pdf import FONT_DIR
from onestop.thai import ids
from onestop.thai.dates import format_date
from onestop.volunteers.models import Card

W, H = 85.6, 54.0
# The sheet: 2 × 5 cards edge to edge on A4, centred, so one cut line serves two cards.
COLS, ROWS = 2, 5
SHEET_X = (210 - COLS * W) / 2
SHEET_Y = (297 - ROWS * H) / 2
BAND = (0, 84, 147)  # a deep blue band, like the ministry's cards


def verify_url(card: Card) -> str:
    return f"{settings.SITE_URL}/v/{card.token}"


@lru_cache(maxsize=2048)
def _qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=1)
    return out.getvalue()


def _new_pdf(fmt: str | tuple[float, float], orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format=fmt)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    # Without the shaping engine Thai vowels and tone marks collide (stack-notes.md).
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_title("Volunteer ID card")
    return pdf


def _text(
    pdf: FPDF,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    size: float,
    bold: bool = False,
    align: str = "L",
    color: tuple[int, int, int] = (0, 0, 0),
) -> None:
    pdf.set_font("Sarabun", "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.set_xy(x, y)
    pdf.cell(w, h, text, align=align)


def _front(pdf: FPDF, x: float, y: float, card: Card) -> None:
    v = card.volunteer
    pdf.set_draw_color(180, 180, 180)
    pdf.rect(x, y, W, H)
    pdf.set_fill_color(*BAND)
    pdf.rect(x, y, W, 9.5, style="F")
    _text(pdf, x + 2, y + 0.6, W - 4, 4.2, v.type.card_title_th, 6.6, True, "C", (255, 255, 255))
    _text(pdf, x + 2, y + 4.6, W - 4, 4.2, v.center.name_th, 6.0, False, "C", (255, 255, 255))
    # The photo, 2.0 × 2.6 cm as on the official card.
    if v.photo:
        pdf.image(io.BytesIO(bytes(v.photo)), x=x + 3, y=y + 12, w=20, h=26, keep_aspect_ratio=True)
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(x + 3, y + 12, 20, 26)
    left, width = x + 26, W - 28
    _text(pdf, left, y + 11.5, width, 4.5, v.full_name, 9, True)
    _text(pdf, left, y + 16.5, width, 3.5, _("National ID"), 5.5, color=(90, 90, 90))
    _text(
        pdf,
        left,
        y + 19.5,
        width,
        4,
        ids.format_id(v.national_id) if v.national_id else v.passport_number,
        8.5,
        True,
    )
    _text(pdf, left, y + 24, width, 3.5, _("Province"), 5.5, color=(90, 90, 90))
    _text(pdf, left, y + 27, width, 4, v.area_subdistrict.district.province.name_th, 8)
    _text(pdf, left, y + 31.5, width, 3.5, _("Expires"), 5.5, color=(90, 90, 90))
    _text(pdf, left, y + 34.5, width, 4, format_date(card.expires_on, "long", lang="th"), 8)
    # The issuer's signature block.
    pdf.set_draw_color(0, 0, 0)
    pdf.line(x + 40, y + 45, x + W - 4, y + 45)
    _text(pdf, x + 38, y + 45.3, W - 40, 3.4, f"({card.issuer_name})", 6, align="C")
    _text(pdf, x + 38, y + 48.6, W - 40, 3.4, card.issuer_position, 5.3, align="C")
    _text(pdf, x + 2, y + 39.5, 22, 3.2, v.registration_number, 6.5, True, "C", BAND)


def _back(pdf: FPDF, x: float, y: float, card: Card) -> None:
    v = card.volunteer
    pdf.set_draw_color(180, 180, 180)
    pdf.rect(x, y, W, H)
    pdf.set_fill_color(*BAND)
    pdf.rect(x, y, W, 7, style="F")
    _text(pdf, x + 2, y + 1.3, W - 4, 4.4, v.type.card_title_en, 6.8, True, "C", (255, 255, 255))
    rows = [
        ("เลขทะเบียน / Registration No.", v.registration_number),
        ("หน่วยงานที่ออกบัตร / Issued by", v.center.name_th),
        ("วันออกบัตร / Issued", format_date(card.issued_on, "long", lang="th")),
        ("วันหมดอายุ / Expires", format_date(card.expires_on, "long", lang="th")),
    ]
    top = y + 9
    for label, value in rows:
        _text(pdf, x + 3, top, 52, 3, label, 5.3, color=(90, 90, 90))
        _text(pdf, x + 3, top + 3, 52, 4, value, 7.5, True)
        top += 8.6
    pdf.image(io.BytesIO(_qr_png(verify_url(card))), x=x + W - 27, y=y + 10, w=24, h=24)
    _text(pdf, x + W - 29, y + 34.5, 28, 3, "สแกนเพื่อตรวจสอบบัตร", 5.5, align="C")
    _text(pdf, x + W - 29, y + 37.5, 28, 3, "Scan to verify", 5.5, align="C")
    note = _("If found, please return to the issuing center.")
    _text(pdf, x + 3, y + H - 5, W - 6, 3.5, note, 5.3, align="L", color=(90, 90, 90))
    pdf.set_text_color(0, 0, 0)


def render_card(card: Card) -> bytes:
    """One card: page 1 the front, page 2 the back, each exactly CR80. Always in Thai, as the
    official card is, whatever language the coordinator reads the site in."""
    with override("th"):
        pdf = _new_pdf((H, W), orientation="L")
        pdf.add_page()
        _front(pdf, 0, 0, card)
        pdf.add_page()
        _back(pdf, 0, 0, card)
        return bytes(pdf.output())


def _cut_marks(pdf: FPDF) -> None:
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    xs = [SHEET_X + i * W for i in range(COLS + 1)]
    ys = [SHEET_Y + j * H for j in range(ROWS + 1)]
    for gx in xs:
        pdf.line(gx, SHEET_Y - 8, gx, SHEET_Y - 2)
        pdf.line(gx, SHEET_Y + ROWS * H + 2, gx, SHEET_Y + ROWS * H + 8)
    for gy in ys:
        pdf.line(SHEET_X - 8, gy, SHEET_X - 2, gy)
        pdf.line(SHEET_X + COLS * W + 2, gy, SHEET_X + COLS * W + 8, gy)


def render_sheet(cards: Sequence[Card]) -> bytes:
    """A4 sheets of ten: a page of fronts, then the page of their backs mirrored left to right,
    so a duplex print (long edge) puts each back behind its front."""
    with override("th"):
        return _sheet(cards)


def _sheet(cards: Sequence[Card]) -> bytes:
    pdf = _new_pdf("A4")
    per = COLS * ROWS
    for start in range(0, len(cards), per):
        chunk = cards[start : start + per]
        for face in ("front", "back"):
            pdf.add_page()
            _cut_marks(pdf)
            for i, card in enumerate(chunk):
                row, col = divmod(i, COLS)
                if face == "back":
                    col = COLS - 1 - col
                draw = _front if face == "front" else _back
                draw(pdf, SHEET_X + col * W, SHEET_Y + row * H, card)
    return bytes(pdf.output())
