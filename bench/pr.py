"""Precision and recall of find_duplicates' pairs against the generator's ground truth.

A re-entered record's external_id is its original's plus "~1" (onestop/persons/generator.py),
so the true pairs are exactly (X, X~1) for every X~1 in the imported data.

    python bench/pr.py pairs.csv persons.csv
"""

from __future__ import annotations

import csv
import sys


def truth(persons_csv: str) -> set[tuple[str, str]]:
    ids = set()
    with open(persons_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ids.add(row["external_id"])
    return {(i.split("~")[0], i) for i in ids if "~" in i and i.split("~")[0] in ids}


def found(pairs_csv: str) -> set[tuple[str, str]]:
    with open(pairs_csv, encoding="utf-8") as fh:
        return {tuple(sorted((r["external_id_a"], r["external_id_b"]))) for r in csv.DictReader(fh)}  # type: ignore[misc]


def score(pairs_csv: str, persons_csv: str) -> tuple[float, float, int, int, int]:
    t, f = truth(persons_csv), found(pairs_csv)
    hits = len(t & f)
    precision = hits / len(f) if f else 1.0
    recall = hits / len(t) if t else 1.0
    return precision, recall, hits, len(f), len(t)


if __name__ == "__main__":
    p, r, hits, nf, nt = score(sys.argv[1], sys.argv[2])
    print(f"precision {p:.4f} ({hits}/{nf}), recall {r:.4f} ({hits}/{nt})")
