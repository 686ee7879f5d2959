"""Seeded b2match-like brokerage instances for tests and benchmarks."""

from __future__ import annotations

import numpy as np

from .problem import MeetingRequest, Problem

# Popularity of the k-th most wanted participant ~ 1 / k**ZIPF_EXPONENT. At 2,000
# participants and 12,000 requests an exponent of 0.75 gives the long tail seen on
# brokerage platforms: a handful of participants (large buyers, funders) asked by a hundred
# or more others, most asked by a few.
ZIPF_EXPONENT = 0.75
# Share of requests with priority low, normal, high.
PRIORITY_SHARES = (0.25, 0.5, 0.25)


def generate_instance(
    *, participants: int, requests: int, slots: int, tables: int, seed: int
) -> Problem:
    """Generate a seeded instance with partial availability and skewed popularity."""
    rng = np.random.default_rng(seed)
    availability = _availability(rng, participants, slots)
    pairs = _pairs(rng, participants, requests)
    priorities = rng.choice((1, 2, 3), size=len(pairs), p=PRIORITY_SHARES)
    return Problem(
        slots=slots,
        tables=tables,
        availability=availability,
        requests=tuple(
            MeetingRequest(id=i + 1, a=a, b=b, priority=int(p))
            for i, ((a, b), p) in enumerate(zip(pairs, priorities, strict=True))
        ),
    )


def _availability(rng: np.random.Generator, participants: int, slots: int) -> dict:
    """Absent for 0..slots//4 slots in one block: arriving late, leaving early or a break."""
    availability: dict[int, frozenset[int]] = {}
    everything = frozenset(range(slots))
    for person in range(participants):
        absent = int(rng.integers(0, slots // 4 + 1))
        start = int(rng.integers(0, slots - absent + 1))
        availability[person] = everything - frozenset(range(start, start + absent))
    return availability


def _pairs(rng: np.random.Generator, participants: int, requests: int) -> list[tuple[int, int]]:
    """Draw distinct unordered pairs: requester uniform, requested by Zipf popularity."""
    most = participants * (participants - 1) // 2
    if requests > most:
        raise ValueError(f"at most {most} distinct pairs among {participants} participants")
    popularity = 1.0 / np.arange(1, participants + 1) ** ZIPF_EXPONENT
    popularity /= popularity.sum()
    # Popular ranks land on random ids so that the id order says nothing about popularity.
    ranked = rng.permutation(participants)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    while len(pairs) < requests:
        need = requests - len(pairs)
        size = max(2 * need, 64)
        sources = rng.integers(0, participants, size=size)
        targets = ranked[rng.choice(participants, size=size, p=popularity)]
        for a, b in zip(sources.tolist(), targets.tolist(), strict=True):
            key = (min(a, b), max(a, b))
            if a == b or key in seen:
                continue
            seen.add(key)
            pairs.append((a, b))
            if len(pairs) == requests:
                break
    return pairs
