"""persons.matching: pair scores with explained features, blocking and the full pass."""

from __future__ import annotations

import datetime as dt

from onestop.persons.matching import (
    MATCH_THRESHOLD,
    REVIEW_THRESHOLD,
    Frequencies,
    Record,
    blocking_keys,
    full_pass,
    score_pair,
)


def rec(
    i: int,
    given: str,
    family: str,
    birth: dt.date | None = None,
    precision: str = "day",
    **kw: object,
) -> Record:
    return Record(
        id=i,
        ref=f"R{i}",
        given=given,
        family=family,
        birth=birth,
        precision=precision if birth else "",
        **kw,
    )  # type: ignore[arg-type]


D = dt.date(1967, 3, 15)


def _features(features: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {f.name: f.value for f in features}


def test_a_respelt_record_is_the_same_person() -> None:
    score, features = score_pair(
        rec(1, "สมหญิง", "ใจดี", D, sex="F", phones=frozenset({"+66812345678"})),
        rec(2, "สมหยิง", "ใจดี", D, sex="F", phones=frozenset({"+66812345678"})),
    )
    assert score >= MATCH_THRESHOLD
    assert _features(features)["given name"] == "same sound"


def test_a_conflicting_valid_id_is_strong_evidence_of_two_people() -> None:
    score, features = score_pair(
        rec(1, "สมหญิง", "ใจดี", D, national_id="1103702071838"),
        rec(2, "สมหญิง", "ใจดี", D, national_id="3100600123450"),
    )
    assert score < REVIEW_THRESHOLD and _features(features)["national ID"] == "different"


def test_twins_are_two_people() -> None:
    shared = {"phones": frozenset({"+66812345678"}), "subdistrict": "130201"}
    score, _ = score_pair(
        rec(1, "สมหญิง", "ใจดี", D, sex="F", **shared), rec(2, "สมใจ", "ใจดี", D, sex="F", **shared)
    )
    assert score < REVIEW_THRESHOLD


def test_a_father_and_a_son_with_the_same_whole_name_are_two_people() -> None:
    score, features = score_pair(
        rec(1, "สมชาย", "ใจดี", dt.date(1960, 1, 5), sex="M", subdistrict="130201"),
        rec(2, "สมชาย", "ใจดี", dt.date(1988, 7, 9), sex="M", subdistrict="130201"),
    )
    assert score < REVIEW_THRESHOLD and "years apart" in _features(features)["birth"]


def test_a_shared_phone_alone_is_not_evidence() -> None:
    score, _ = score_pair(
        rec(1, "มานี", "มีนา", phones=frozenset({"+66812345678"})),
        rec(2, "ปิติ", "มีนา", phones=frozenset({"+66812345678"})),
    )
    assert score < REVIEW_THRESHOLD


def test_a_married_name_with_the_same_birth_date_still_matches() -> None:
    score, features = score_pair(
        rec(1, "วิภาวรรณ", "ใจดี", D, sex="F", phones=frozenset({"+66812345678"})),
        rec(2, "วิภาวรรณ", "สุขสม", D, sex="F", phones=frozenset({"+66812345678"})),
    )
    assert score >= MATCH_THRESHOLD and _features(features)["family name"].startswith("different")


def test_be_written_dates_and_a_year_only_birth() -> None:
    score, features = score_pair(
        rec(1, "ศิริพร", "ทองดี", D), rec(2, "สิริพร", "ทองดี", dt.date(1967, 1, 1), "year")
    )
    assert _features(features)["birth"] == "same year" and score >= REVIEW_THRESHOLD


def test_day_and_month_swapped() -> None:
    _, features = score_pair(
        rec(1, "ก", "ข", dt.date(1990, 3, 5)), rec(2, "ก", "ข", dt.date(1990, 5, 3))
    )
    assert _features(features)["birth"] == "day and month swapped"


def test_a_common_name_weighs_less_than_a_rare_one() -> None:
    records = [rec(i, "สมชาย", f"สกุล{i}") for i in range(500)] + [rec(900, "ฐิตินันท์", "ก")]
    freq = Frequencies.of(records)
    common, _ = score_pair(rec(1, "สมชาย", "มั่นคง"), rec(2, "สมชาย", "มั่นคง"), freq)
    rare, _ = score_pair(rec(3, "ฐิตินันท์", "มั่นคง"), rec(4, "ฐิตินันท์", "มั่นคง"), freq)
    assert rare > common


def test_blocking_keys_cover_id_phone_and_sounds() -> None:
    keys = {
        k[0]
        for k in blocking_keys(
            rec(
                1,
                "สมหญิง",
                "ใจดี",
                D,
                national_id="1103702071838",
                phones=frozenset({"+66812345678"}),
            )
        )
    }
    assert {"id", "gu-fu", "gs-fs", "gs-y", "gm-fs", "gu-d", "fs-d", "ph-gu", "ph-fs"} <= keys


def test_the_full_pass_finds_the_pairs_and_explains_them() -> None:
    records = [
        rec(1, "สมหญิง", "ใจดี", D, sex="F", phones=frozenset({"+66812345678"})),
        rec(2, "สมหยิง", "ใจดี", D, sex="F"),
        rec(3, "มานี", "มีนา", dt.date(2001, 1, 1)),
        rec(4, "ปิติ", "มีนา", dt.date(2003, 1, 1)),
    ]
    result = full_pass(records)
    pairs = {(a.id, b.id) for a, b, _s, _f in result.pairs}
    assert pairs == {(1, 2)} or pairs == {(2, 1)}
    assert result.compared >= 1


def test_features_are_shown_in_thai() -> None:
    from django.utils import translation

    from onestop.persons.matching import feature_label

    with translation.override("th"):
        assert feature_label("same sound") == "ออกเสียงเหมือนกัน"
        assert feature_label("similar (0.92)") == "คล้ายกัน (0.92)"
        assert feature_label("12 years apart") == "ห่างกัน 12 ปี"
    with translation.override("en"):
        assert feature_label("given name") == "given name"
