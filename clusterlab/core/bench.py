"""The registry of `manage.py bench NAME` benchmarks: each domain registers its own."""

from __future__ import annotations

import math
from collections.abc import Callable

BENCHMARKS: dict[str, Callable[..., dict]] = {}
ARGUMENTS: dict[str, Callable] = {}


def register(name: str, *, add_arguments: Callable | None = None):
    """Register a benchmark function that returns a JSON-serialisable dict of figures."""

    def decorate(func: Callable[..., dict]) -> Callable[..., dict]:
        BENCHMARKS[name] = func
        if add_arguments:
            ARGUMENTS[name] = add_arguments
        return func

    return decorate


def p95(samples_ms: list[float]) -> float:
    """Return the 95th percentile (nearest rank) of the samples, in the samples' unit."""
    ordered = sorted(samples_ms)
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
