"""Stratified random assignment to treatment and comparison groups."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

TREATMENT, COMPARISON = "treatment", "comparison"


@dataclass(frozen=True)
class Unit:
    id: int
    stratum: str  # e.g. "C|small": NACE section and size band


def assign_random(units: Sequence[Unit], *, seed: int) -> dict[int, str]:
    """Assign half of each stratum to treatment, half to comparison, reproducibly.

    Within a stratum the units are shuffled and alternated, so each stratum is balanced to
    within one unit. The odd units left over by odd-sized strata are pooled and split the
    same way, so the two groups differ by at most one overall (blocked randomisation).
    """
    rng = random.Random(seed)
    strata: dict[str, list[int]] = defaultdict(list)
    for unit in sorted(units, key=lambda u: (u.stratum, u.id)):
        strata[unit.stratum].append(unit.id)
    groups: dict[int, str] = {}
    leftovers: list[int] = []
    for stratum in sorted(strata):
        ids = strata[stratum]
        rng.shuffle(ids)
        paired = len(ids) - len(ids) % 2
        first = rng.choice([TREATMENT, COMPARISON])
        second = COMPARISON if first == TREATMENT else TREATMENT
        for index, unit_id in enumerate(ids[:paired]):
            groups[unit_id] = first if index % 2 == 0 else second
        leftovers.extend(ids[paired:])
    rng.shuffle(leftovers)
    first = rng.choice([TREATMENT, COMPARISON])
    second = COMPARISON if first == TREATMENT else TREATMENT
    for index, unit_id in enumerate(leftovers):
        groups[unit_id] = first if index % 2 == 0 else second
    return groups
