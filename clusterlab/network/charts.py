"""The network page's chart, drawn on the server as SVG (no script, printable)."""

from __future__ import annotations

WIDTH, HEIGHT, PAD = 560, 220, 36


def share_lines(by_year: list[dict]) -> dict | None:
    """Cross-sectoral and cross-border shares per year as two polylines on a 0–100% axis."""
    if not by_year:
        return None
    years = [row["year"] for row in by_year]
    span = max(len(years) - 1, 1)

    def x(i: int) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (i / span if len(years) > 1 else 0.5), 1)

    def y(share: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * share, 1)

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    sectoral = [share(r["cross_sectoral"], r["organisation_ties"]) for r in by_year]
    border = [share(r["cross_border"], r["total"]) for r in by_year]
    series = []
    for name, values in (("cross-sectoral", sectoral), ("cross-border", border)):
        points = [(x(i), y(v), f"{v:.0%}") for i, v in enumerate(values)]
        series.append(
            {
                "kind": name,
                "points": " ".join(f"{px},{py}" for px, py, _label in points),
                "dots": points,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "series": series,
        "ticks": [{"y": y(t / 4), "label": f"{t * 25}%"} for t in range(5)],
        "years": [{"x": x(i), "label": str(year)} for i, year in enumerate(years)],
        "left": PAD,
        "right": WIDTH - PAD,
        "label_y": HEIGHT - 12,
    }
