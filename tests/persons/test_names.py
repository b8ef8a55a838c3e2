"""onestop.thai.names: prefixes and the keys that make spelling variants meet."""

from __future__ import annotations

import pytest

from onestop.thai import names


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("น.ส.", "miss"),
        ("นางสาว", "miss"),
        ("ด.ช.", "boy"),
        ("ด.ญ.", "girl"),
        ("นาย", "mr"),
        ("", ""),
    ],
)
def test_prefix_abbreviations(written: str, code: str) -> None:
    assert names.parse_prefix(written) == code


def test_unknown_prefix_is_none() -> None:
    assert names.parse_prefix("ท่านเจ้าคุณปู่") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ศิริพร", "สิรพร"),  # ศ/ส and a dropped vowel
        ("สมหญิง", "สมหยิง"),  # ญ/ย, which no soundex joins (stack-notes)
        ("ลักษณ์", "รักษ"),  # ร/ล and การันต์
        ("ใจดี", "ไจดี"),  # ใ/ไ
        ("กนกพร", "กนกพล"),  # ร/ล
        ("น้ำฝน", "นำฝน"),  # a tone mark
    ],
)
def test_spelling_variants_share_a_skeleton(a: str, b: str) -> None:
    assert names.skeleton(a) == names.skeleton(b)


def test_a_silent_cluster_letter_is_left_to_lk82() -> None:
    # ศรี is read "สี": only lk82 of the three soundex engines joins them (stack-notes).
    assert names.keys("ศรีสุข").lk82 == names.keys("สีสุข").lk82


def test_different_names_do_not() -> None:
    assert names.skeleton("สมชาย") != names.skeleton("สมศักดิ์")


def test_keys_are_all_four_and_cached() -> None:
    k = names.keys("สมชาย")
    assert k.skeleton and k.udom83 and k.lk82 and k.metasound
    assert names.keys("สมชาย") is k


def test_search_text_cleans_thai_digits_and_spaces() -> None:
    assert names.search_text(" สมหญิง ", "", "ใจดี", "Somying ") == "สมหญิง ใจดี somying"
