from __future__ import annotations

import datetime as dt

from django.utils import timezone

from onestop.intake.related import related_requests, similarity
from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.conftest import World


def _make(world: World, text: str, hours_ago: float = 0, **kw):  # type: ignore[no-untyped-def]
    when = timezone.now() - dt.timedelta(hours=hours_ago)
    return help_request_submit(
        center=kw.pop("center", world.center_a),
        data=HelpRequestInput(description=text, **kw),
        now=when,
    ).request


def test_same_phone_within_72_hours(world: World) -> None:
    a = _make(world, "เรื่องหนึ่ง", reporter_phone="0812345678", hours_ago=48)
    b = _make(world, "อีกเรื่อง", reporter_phone="+66812345678")
    _make(world, "เก่าเกินไป", reporter_phone="0812345678", hours_ago=100)
    assert [(r.pk, why) for r, why in related_requests(b)] == [(a.pk, "phone")]


def test_same_subdistrict_and_similar_words(world: World) -> None:
    a = _make(world, "ยายเพ็ญติดเตียงอยู่คนเดียวที่บ้านริมคลอง", subdistrict_code="130201", hours_ago=5)
    _make(world, "เด็กไม่ไปโรงเรียนเพราะต้องช่วยขายของ", subdistrict_code="130201", hours_ago=5)
    b = _make(world, "ยายเพ็ญติดเตียง บ้านริมคลอง ไม่มีใครดูแล", subdistrict_code="130201")
    assert [(r.pk, why) for r, why in related_requests(b)] == [(a.pk, "place_and_text")]


def test_other_centers_are_never_related(world: World) -> None:
    _make(world, "x", reporter_phone="0812345678", center=world.center_b)
    b = _make(world, "y", reporter_phone="0812345678")
    assert related_requests(b) == []


def test_similarity_uses_thai_words() -> None:
    assert similarity("ยายติดเตียงอยู่คนเดียว", "ยายอยู่คนเดียวติดเตียง") > 0.6
    assert similarity("ยายติดเตียง", "เด็กหนีเรียน") == 0.0
