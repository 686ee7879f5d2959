"""A competence profile as a radar chart, drawn on the server as SVG (no script, and
WeasyPrint prints it)."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Wide enough for the longest axis labels on either side.
WIDTH, HEIGHT, RADIUS = 600, 330, 120


@dataclass(frozen=True)
class Series:
    name: str
    kind: str  # css class: self / target / peer / coach / before / after
    values: list[float | None]  # one per axis, level 1–5


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / 5
    return round(WIDTH / 2 + r * math.cos(angle), 1), round(HEIGHT / 2 + r * math.sin(angle), 1)


def radar(labels: list[str], series: list[Series]) -> dict | None:
    """Axes, level rings and one polygon per series (missing values drawn at 0)."""
    count = len(labels)
    if count < 3 or not any(v is not None for s in series for v in s.values):
        return None
    rings = [
        " ".join(f"{x},{y}" for x, y in (_point(i, count, level) for i in range(count)))
        for level in (1, 2, 3, 4, 5)
    ]
    axes = []
    for index, label in enumerate(labels):
        x, y = _point(index, count, 5)
        lx, ly = _point(index, count, 5.9)
        anchor = "middle" if abs(lx - WIDTH / 2) < 10 else ("start" if lx > WIDTH / 2 else "end")
        ly = ly + 3 if anchor != "middle" else ly  # centre the text on the axis end
        axes.append({"x": x, "y": y, "lx": lx, "ly": ly, "label": label[:30], "anchor": anchor})
    polygons = [
        {
            "name": s.name,
            "kind": s.kind,
            "points": " ".join(
                f"{x},{y}" for x, y in (_point(i, count, v or 0) for i, v in enumerate(s.values))
            ),
        }
        for s in series
        if any(v is not None for v in s.values)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "cx": WIDTH / 2,
        "cy": HEIGHT / 2,
        "rings": rings,
        "axes": axes,
        "polygons": polygons,
    }
