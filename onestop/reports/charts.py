"""Server-side SVG bar charts: geometry computed here, drawn by templates/reports/_chart.html.
No JavaScript and no chart library; each chart has its table next to it."""

from __future__ import annotations

from dataclasses import dataclass

from onestop.reports.dashboard import Panel

# Close to a phone's width in CSS pixels, so the 14px labels stay readable when the SVG scales.
WIDTH = 360
ROW = 44


@dataclass
class Segment:
    x: float
    width: float
    css: str
    value: float
    column: str


@dataclass
class Bar:
    y: float
    label: str
    total: float
    segments: list[Segment]
    end: float  # where the value label goes


@dataclass
class Chart:
    height: int
    bars: list[Bar]
    legend: list[tuple[str, str]]


# Which columns each panel stacks in its chart (the rest are shown in the table only).
STACKED = {
    "category": [1, 2],
    "target_group": [1, 2],
    "deadlines": [0, 1, 2],
    "welfare": [0, 1, 2, 3],
}


def chart(panel: Panel) -> Chart | None:
    columns = STACKED.get(panel.code, [0])
    if panel.code == "volunteers" or not panel.rows:
        return None
    totals = [sum(r.values[i] or 0 for i in columns) for r in panel.rows]
    top = max(totals) or 1
    scale = (WIDTH - 48) / top
    bars = []
    for n, (row, total) in enumerate(zip(panel.rows, totals, strict=True)):
        x = 0.0
        segments = []
        for k, i in enumerate(columns):
            value = row.values[i] or 0
            w = value * scale
            segments.append(Segment(round(x, 1), round(w, 1), f"s{k}", value, panel.columns[i]))
            x += w
        bars.append(Bar(n * ROW, row.label, total, segments, round(x, 1)))
    legend = (
        [(f"s{k}", panel.columns[i]) for k, i in enumerate(columns)] if len(columns) > 1 else []
    )
    return Chart(len(bars) * ROW, bars, legend)
