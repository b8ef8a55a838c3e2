"""k-anonymity on chosen quasi-identifiers, and small-cell suppression for count tables.

A row set is k-anonymous when every combination of quasi-identifier values that occurs,
occurs at least k times: no one can be singled out by what an outsider could know about them
(their district, age band, sex, the month they came).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

SMALLEST_CELL = 5


@dataclass
class Check:
    k: int
    quasi: list[str]
    failing: list[tuple[dict[str, Any], int]] = field(default_factory=list)  # combination, count
    failing_rows: int = 0

    @property
    def passed(self) -> bool:
        return not self.failing

    def as_report(self, limit: int = 50) -> dict[str, Any]:
        return {
            "k": self.k,
            "quasi_identifiers": self.quasi,
            "failing_combinations": len(self.failing),
            "failing_rows": self.failing_rows,
            "examples": [{"values": combo, "count": n} for combo, n in self.failing[:limit]],
        }


def _key(row: dict[str, Any], quasi: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row.get(q, "") for q in quasi)


def check(rows: Sequence[dict[str, Any]], quasi: Sequence[str], k: int) -> Check:
    result = Check(k, list(quasi))
    if not quasi:
        return result
    counts = Counter(_key(r, quasi) for r in rows)
    for combo, n in sorted(counts.items(), key=lambda kv: (kv[1], str(kv[0]))):
        if n < k:
            result.failing.append((dict(zip(quasi, combo, strict=True)), n))
            result.failing_rows += n
    return result


def suppress(rows: Sequence[dict[str, Any]], result: Check) -> list[dict[str, Any]]:
    """The rows whose combination occurs at least k times."""
    bad = {tuple(combo[q] for q in result.quasi) for combo, _n in result.failing}
    return [r for r in rows if _key(r, result.quasi) not in bad]


def count_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], smallest: int = SMALLEST_CELL
) -> tuple[list[dict[str, Any]], int]:
    """Counts per combination of ``columns``; a count under ``smallest`` is blanked (None) and
    marked suppressed. Returns the table and how many cells were suppressed."""
    counts = Counter(_key(r, columns) for r in rows)
    table = []
    hidden = 0
    for combo, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        small = n < smallest
        hidden += small
        table.append(
            {
                **dict(zip(columns, combo, strict=True)),
                "count": None if small else n,
                "suppressed": small,
            }
        )
    return table, hidden
