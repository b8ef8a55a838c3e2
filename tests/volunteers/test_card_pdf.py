"""volunteers.cards: the card and the sheet, rendered to images; the QR decodes to the verify URL."""

from __future__ import annotations

import pypdfium2 as pdfium
import zxingcpp
from django.conf import settings

from onestop.volunteers import cards
from onestop.volunteers.models import Card


def _page_image(pdf: bytes, index: int, scale: float = 8.0):  # type: ignore[no-untyped-def]
    return pdfium.PdfDocument(pdf)[index].render(scale=scale).to_pil()


def test_the_qr_on_the_back_opens_the_verify_page_and_holds_nothing_else(card: Card) -> None:
    back = _page_image(cards.render_card(card), 1)
    found = zxingcpp.read_barcodes(back)
    assert [r.text for r in found] == [f"{settings.SITE_URL}/v/{card.token}"]


def test_the_front_shows_the_full_id_as_the_official_card_does(card: Card) -> None:
    text = pdfium.PdfDocument(cards.render_card(card))[0].get_textpage().get_text_range()
    assert "1-1017-00230-70-8" in text
    assert "สมหญิง" in text


def test_the_sheet_places_ten_cards_a_page_and_their_backs_mirrored(card: Card) -> None:
    sheet = cards.render_sheet([card] * 11)
    doc = pdfium.PdfDocument(sheet)
    assert len(doc) == 4  # 10 + 1 cards: two pages of fronts, two of backs
    back = _page_image(sheet, 1, scale=4)
    found = zxingcpp.read_barcodes(back)
    assert len(found) == 10 and {r.text for r in found} == {cards.verify_url(card)}
