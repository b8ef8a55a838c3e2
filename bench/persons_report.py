"""Print bench-persons' figures for SQLite and PostgreSQL side by side, with the targets."""

from __future__ import annotations

import json
import sys

TARGET_P95 = {"sqlite": 50.0, "postgresql": 20.0}
SELECTIVE = ("full name", "ID", "phone")


def main(paths: list[str]) -> int:
    runs = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            runs.append(json.load(fh))
    ok = True
    names = [r["database"] for r in runs]
    print(f"{'':34}" + "".join(f"{n:>28}" for n in names))
    print(f"{'persons':34}" + "".join(f"{r['persons']:>28,}" for r in runs))
    cells = []
    for r in runs:
        rate = r["persons"] / r["import_seconds"] if r["import_seconds"] else 0
        good = r["import_seconds"] <= 600
        ok &= good
        cells.append(f"{r['import_seconds']:.0f} s ({rate:,.0f}/s) {'PASS' if good else 'FAIL'}")
    print(f"{'import_persons (≤ 600 s)':34}" + "".join(f"{c:>28}" for c in cells))
    for kind in runs[0]["search"]:
        cells = []
        for r in runs:
            s = r["search"][kind]
            p95 = s["search"]["p95_ms"]
            good = p95 <= TARGET_P95[r["database"]]
            ok &= good
            cells.append(f"{s['search']['p50_ms']:.1f}/{p95:.1f} ms {'PASS' if good else 'FAIL'}")
        print(f"{'search ' + kind + ' p50/p95':34}" + "".join(f"{c:>28}" for c in cells))
        cells = []
        for r in runs:
            s = r["search"][kind]
            mark = ""
            if kind in SELECTIVE:
                good = (s["speedup_p50"] or 0) >= 50
                ok &= good
                mark = " PASS" if good else " FAIL"
            cells.append(f"{s['scan']['p50_ms']:.0f} ms ×{s['speedup_p50']}{mark}")
        print(f"{'  vs LIKE scan p50 (×50 selective)':34}" + "".join(f"{c:>28}" for c in cells))
    cells = []
    for r in runs:
        p95 = r["incremental"]["p95_ms"]
        good = p95 <= 50
        ok &= good
        cells.append(f"{r['incremental']['p50_ms']:.1f}/{p95:.1f} ms {'PASS' if good else 'FAIL'}")
    print(f"{'incremental check p50/p95 (≤ 50)':34}" + "".join(f"{c:>28}" for c in cells))
    cells, cells2 = [], []
    for r in runs:
        d = r["full_pass"]
        good = d["seconds"] <= 180
        good2 = d["precision"] >= 0.97 and d["recall"] >= 0.97
        ok &= good and good2
        cells.append(f"{d['seconds']:.0f} s, {d['peak_mib']:,} MiB {'PASS' if good else 'FAIL'}")
        cells2.append(f"P {d['precision']:.3f} R {d['recall']:.3f} {'PASS' if good2 else 'FAIL'}")
    print(f"{'full pass (≤ 180 s)':34}" + "".join(f"{c:>28}" for c in cells))
    print(f"{'precision/recall (≥ 0.97)':34}" + "".join(f"{c:>28}" for c in cells2))
    print("ALL TARGETS MET" if ok else "SOME TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
