"""Linear projection of a cumulative count to the end of a period, and small statistics."""

from __future__ import annotations

from collections.abc import Sequence


def project_linear(points: Sequence[tuple[float, float]], end_x: float) -> float | None:
    """Return the value expected at `end_x` if the least-squares pace of `points` continues.

    Points are (day offset, cumulative value). The line's slope is fitted to all points; the
    projection starts from the last observed value, so it never falls below what is already
    reached. With one point the pace is the value per day since day 0 (the period's start).
    """
    if not points:
        return None
    xs = [float(x) for x, _y in points]
    ys = [float(y) for _x, y in points]
    last_x, last_y = xs[-1], ys[-1]
    if end_x <= last_x:
        return last_y
    if len(points) == 1 or max(xs) == min(xs):
        slope = last_y / last_x if last_x > 0 else 0.0
    else:
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mean_x) ** 2 for x in xs)
        sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
        slope = sxy / sxx
    return last_y + max(slope, 0.0) * (end_x - last_x)


def median(values: Sequence[float]) -> float | None:
    """Return the median (mean of the two middle values for an even count); None when empty."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def progress_share(actual: float | None, target: float) -> float | None:
    """Return actual / target (1.0 = reached; may exceed 1); None without an actual value."""
    if actual is None or target <= 0:
        return None
    return actual / target
