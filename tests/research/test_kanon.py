"""research.kanon: k-anonymity on crafted rows where it must pass and where it must fail."""

from __future__ import annotations

from onestop.research import kanon


def _rows(*groups: tuple[dict[str, str], int]) -> list[dict[str, str]]:
    return [dict(values, id=str(i)) for values, n in groups for i in range(n)]


def test_passes_when_every_combination_has_k_rows() -> None:
    rows = _rows(({"sex": "F", "district": "1302"}, 5), ({"sex": "M", "district": "1302"}, 7))
    assert kanon.check(rows, ["sex", "district"], 5).passed


def test_fails_on_a_combination_of_four_and_names_it() -> None:
    rows = _rows(({"sex": "F", "district": "1302"}, 5), ({"sex": "M", "district": "1001"}, 4))
    result = kanon.check(rows, ["sex", "district"], 5)
    assert not result.passed
    assert result.failing == [({"sex": "M", "district": "1001"}, 4)]
    assert result.failing_rows == 4
    assert result.as_report()["examples"][0] == {
        "values": {"sex": "M", "district": "1001"},
        "count": 4,
    }


def test_a_single_column_can_pass_where_the_pair_fails() -> None:
    rows = _rows(({"sex": "F", "age": "60-69"}, 3), ({"sex": "F", "age": "70-79"}, 3))
    assert kanon.check(rows, ["sex"], 5).passed
    assert not kanon.check(rows, ["sex", "age"], 5).passed


def test_suppression_keeps_only_the_groups_of_k() -> None:
    rows = _rows(({"sex": "F"}, 6), ({"sex": "M"}, 2), ({"sex": "X"}, 1))
    result = kanon.check(rows, ["sex"], 5)
    kept = kanon.suppress(rows, result)
    assert len(kept) == 6 and {r["sex"] for r in kept} == {"F"}
    assert kanon.check(kept, ["sex"], 5).passed


def test_count_tables_blank_cells_under_five() -> None:
    rows = _rows(({"d": "1302"}, 5), ({"d": "1001"}, 4))
    table, hidden = kanon.count_table(rows, ["d"])
    assert hidden == 1
    assert {"d": "1001", "count": None, "suppressed": True} in table
    assert {"d": "1302", "count": 5, "suppressed": False} in table
