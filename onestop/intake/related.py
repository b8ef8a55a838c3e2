"""Requests likely about the same situation, shown to the officer as possible duplicates.

Same reporter phone, or the same sub-district with similar words, within 72 hours. Similarity
is the overlap of PyThaiNLP word sets, because Thai has no spaces between words.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from onestop.intake.lexicon import tokenize
from onestop.intake.models import HelpRequest

WINDOW = dt.timedelta(hours=72)
MIN_SIMILARITY = 0.25
LIMIT = 10
# Words too common in reports to say anything about sameness.
STOPWORDS = {
    "มี",
    "ที่",
    "และ",
    "ไม่",
    "ได้",
    "ให้",
    "คน",
    "อยู่",
    "เป็น",
    "ของ",
    "ว่า",
    "มา",
    "ไป",
    "แล้ว",
    "จะ",
    "ก็",
    "กับ",
    "ใน",
    "นี้",
    "ช่วย",
    "ค่ะ",
    "ครับ",
    "คะ",
    "หน่อย",
}


def _words(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in STOPWORDS and len(t) > 1}


def similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def related_requests(request: HelpRequest) -> list[tuple[HelpRequest, str]]:
    """(request, reason) pairs, most recent first."""
    window = Q(
        received_at__gte=request.received_at - WINDOW, received_at__lte=request.received_at + WINDOW
    )
    base = HelpRequest.objects.filter(window, center_id=request.center_id).exclude(pk=request.pk)
    found: dict[int, tuple[HelpRequest, str]] = {}
    if request.reporter_phone:
        for other in base.filter(reporter_phone=request.reporter_phone)[:LIMIT]:
            found[other.pk] = (other, "phone")
    if request.subdistrict_id:
        for other in base.filter(subdistrict_id=request.subdistrict_id).only(
            "pk", "reference", "description", "received_at", "status"
        )[:50]:
            if (
                other.pk not in found
                and similarity(request.description, other.description) >= MIN_SIMILARITY
            ):
                found[other.pk] = (other, "place_and_text")
    return sorted(found.values(), key=lambda pair: pair[0].received_at, reverse=True)[:LIMIT]
