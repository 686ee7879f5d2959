"""Small SVG charts drawn on the server: no script, no CDN, and WeasyPrint prints them."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Evaluation

WIDTH, HEIGHT, PAD = 320, 170, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    kind: str  # css class: baseline / endline

    @property
    def value_y(self) -> float:
        return round(self.y - 4, 1)


def _scale(values: list[float]) -> tuple[float, float]:
    low = min(0.0, *values)
    high = max(values) if values else 1.0
    return low, (high - low) or 1.0


def group_bars(evaluation: Evaluation) -> dict:
    """Baseline and endline means by group as bars, with the effect interval as a whisker."""
    means = [
        (g.group, phase, value)
        for g in evaluation.groups
        for phase, value in (("baseline", g.baseline_mean), ("endline", g.endline_mean))
        if value is not None
    ]
    if not means:
        return {"bars": [], "width": WIDTH, "height": HEIGHT}
    low, span = _scale([v for _g, _p, v in means])
    plot_h = HEIGHT - 2 * PAD
    slot = (WIDTH - 2 * PAD) / len(means)
    bars = []
    for index, (group, phase, value) in enumerate(means):
        top = PAD + plot_h * (1 - (value - low) / span)
        zero = PAD + plot_h * (1 - (0 - low) / span)
        bars.append(
            Bar(
                x=round(PAD + index * slot + slot * 0.15, 1),
                y=round(min(top, zero), 1),
                width=round(slot * 0.7, 1),
                height=round(abs(zero - top), 1) or 1,
                label=f"{group[:4]}. {phase[:4]}.",
                value=f"{value:.1f}",
                kind=phase,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline_y": HEIGHT - PAD,
        "label_y": HEIGHT - 10,
    }


def effect_whisker(evaluation: Evaluation, width: int = WIDTH) -> dict | None:
    """The estimate and its 95% interval on a horizontal axis that always shows zero."""
    if evaluation.estimate is None:
        return None
    low, high = evaluation.ci_low, evaluation.ci_high
    left, right = min(low, 0.0), max(high, 0.0)
    margin = (right - left) * 0.1 or 1.0
    left, right = left - margin, right + margin

    def x(value: float) -> float:
        return round(PAD + (width - 2 * PAD) * (value - left) / (right - left), 1)

    return {
        "width": width,
        "height": 64,
        "zero": x(0.0),
        "low": x(low),
        "high": x(high),
        "estimate": x(evaluation.estimate),
        "low_label": f"{low:.1f}",
        "high_label": f"{high:.1f}",
        "estimate_label": f"{evaluation.estimate:.2f}",
    }
