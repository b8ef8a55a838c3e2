from __future__ import annotations

import pytest

from onestop.intake.lexicon import reset_cache, suggest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "urgency", "flag"),
    [
        ("ลูกชายบอกว่าอยากฆ่าตัวตาย", "most_urgent", "suicide"),
        ("พ่อทำร้ายร่างกายแม่ทุกคืน", "most_urgent", "harm_others"),
        ("เพื่อนบ้านถูกข่มขืน", "most_urgent", "sexual_abuse"),
        ("มีคนทิ้งเด็กไว้หน้าวัด", "most_urgent", "abandonment"),
        ("ยายติดเตียง ไม่มีข้าวกินมาสองวัน", "urgent", "care"),
        ("อยากสอบถามเรื่องเบี้ยผู้สูงอายุ", "normal", ""),
    ],
)
def test_it_suggests_urgency_and_risk_from_thai_text(text: str, urgency: str, flag: str) -> None:
    result = suggest(text)
    assert result.urgency == urgency
    if flag:
        assert flag in result.flags
    else:
        assert result.flags == []


@pytest.mark.django_db
def test_negation_cancels_a_term_and_says_so() -> None:
    result = suggest("เขาไม่ได้ทำร้ายใคร แค่ทะเลาะกัน")
    assert result.urgency == "normal"
    assert [m.term for m in result.matches] == ["ทำร้าย"]
    assert result.matches[0].negated is True


@pytest.mark.django_db
def test_punctuation_and_spacing_do_not_hide_a_term_or_its_negation() -> None:
    # Brackets and quotes around a term or its negation change nothing.
    result = suggest("เขา(ไม่ได้ทำร้าย)ใคร")
    assert [(m.term, m.negated) for m in result.matches] == [("ทำร้าย", True)]
    assert suggest("“ฆ่าตัวตาย” เขาพูดแบบนี้ทุกวัน").urgency == "most_urgent"
    # A report with no lexicon term anywhere is not segmented at all, and suggests nothing.
    assert suggest("อยากทราบเวลาเปิดทำการของศูนย์").matches == []


@pytest.mark.django_db
def test_it_matches_whole_words_not_substrings() -> None:
    # ยาบ้า inside an unrelated word must not fire; "ฆ่า" alone is not in the lexicon.
    assert suggest("ร้านขายยาบ้านหมอเปิดถึงสองทุ่ม").matches == []


@pytest.mark.django_db
def test_every_match_is_explained_with_its_snippet() -> None:
    result = suggest("วันนี้ลูกชายบอกว่าอยากฆ่าตัวตายเพราะโดนแกล้ง")
    match = next(m for m in result.matches if m.term == "ฆ่าตัวตาย")
    assert "ฆ่าตัวตาย" in match.snippet
    assert result.as_json()["matches"][0]["term"] == "ฆ่าตัวตาย"


@pytest.mark.django_db
def test_the_lexicon_is_editable_data() -> None:
    from onestop.intake.models import LexiconTerm

    assert suggest("มีการพนันออนไลน์").urgency == "normal"
    LexiconTerm.objects.create(term="พนันออนไลน์", urgency="urgent")
    reset_cache()  # workers pick up edits within lexicon.TERMS_TTL seconds
    assert suggest("มีการพนันออนไลน์").urgency == "urgent"
    LexiconTerm.objects.filter(term="ฆ่าตัวตาย").update(is_active=False)
    reset_cache()
    assert suggest("คิดจะฆ่าตัวตาย").urgency == "normal"
