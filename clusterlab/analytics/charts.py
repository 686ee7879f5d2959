"""Server-side SVG charts of the dashboards: no script, no CDN, classes styled by CSS (CSP)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 240, 52, 32, 16, 34


def _text(x: float, y: float, text: str, css: str = "label", anchor: str = "start") -> str:
    return (
        f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


def cumulative_chart(
    *,
    months: Sequence[dt.date],
    cumulative: Sequence[int],
    labels: Sequence[str] | None = None,
    today: dt.date,
    target: int | None = None,
    projected: float | None = None,
    label: str = "",
) -> SafeString:
    """Cumulative distinct organisations by month, the target as a line, the projection dashed."""
    if not months:
        return mark_safe("")
    shown = [(m, v) for m, v in zip(months, cumulative, strict=True) if m <= today]
    top = _nice_max(max([*(v for _m, v in shown), target or 0, projected or 0, 1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(months) - 1) if len(months) > 1 else plot_w

    def x(index: float) -> float:
        return LEFT + index * step

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg class="chart trend" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(label)}">',
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>',
    ]
    for fraction in (0.5, 1.0):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y(top * fraction):.1f}" y2="{y(top * fraction):.1f}"/>'
        )
        parts.append(_text(LEFT - 6, y(top * fraction) + 3, f"{top * fraction:,.0f}", anchor="end"))
    every = max(1, len(months) // 8)
    for index, month in enumerate(months):
        if index % every == 0 or index == len(months) - 1:
            text = labels[index] if labels else month.strftime("%Y-%m")
            parts.append(_text(x(index), HEIGHT - 12, text, anchor="middle"))
    if target:
        parts.append(
            f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y(target):.1f}" y2="{y(target):.1f}"/>'
        )
        parts.append(_text(WIDTH - RIGHT, y(target) - 4, f"{target:,}", "target-label", "end"))
    if shown:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_m, v) in enumerate(shown))
        parts.append(f'<polyline class="line" points="{points}"/>')
        last_i, last_v = len(shown) - 1, shown[-1][1]
        parts.append(f'<circle class="dot" cx="{x(last_i):.1f}" cy="{y(last_v):.1f}" r="3"/>')
        if projected is not None and last_i < len(months) - 1:
            parts.append(
                f'<line class="projection" x1="{x(last_i):.1f}" y1="{y(last_v):.1f}" '
                f'x2="{x(len(months) - 1):.1f}" y2="{y(projected):.1f}"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(rows: Sequence[tuple[str, int]], *, label: str = "", limit: int = 12) -> SafeString:
    """Horizontal bars, largest first (the first `limit` rows)."""
    rows = list(rows)[:limit]
    if not rows:
        return mark_safe("")
    bar_h, gap, label_w = 16, 5, 190
    width, height = WIDTH, TOP + len(rows) * (bar_h + gap)
    top = max(n for _l, n in rows) or 1
    plot_w = width - label_w - 60
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}">'
    ]
    for index, (text, n) in enumerate(rows):
        y = TOP / 2 + index * (bar_h + gap)
        w = max(1.0, plot_w * n / top)
        short = text if len(text) <= 30 else text[:29] + "…"
        parts.append(_text(label_w - 6, y + bar_h - 4, short, anchor="end"))
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y:.1f}" width="{w:.1f}" height="{bar_h}"/>'
        )
        parts.append(_text(label_w + w + 4, y + bar_h - 4, f"{n:,}", "value"))
    parts.append("</svg>")
    return mark_safe("".join(parts))
