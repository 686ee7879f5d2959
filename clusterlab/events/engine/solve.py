"""The scheduler: plan, slot-by-slot matchings, repair, optional exact MILP, compaction."""

from __future__ import annotations

import time

import numpy as np

from .board import Board
from .construct import exact, plan, slot_by_slot
from .improve import compact, repair
from .model import compile_problem, objective, to_schedule
from .problem import Problem, Schedule

# Up to this many (request, slot) cells the exact MILP also runs, unless the heuristic is
# already provably optimal, and wins when better. Measured: about 1 s at 1,200 cells, 3 s at
# 5,500 and 15 s at 18,000, while the heuristic matched the MILP's optimum on every such
# instance tried (60-600 participants) in 0.1-1.2 s; small events get the proof cheaply.
EXACT_MAX_CELLS = 3_000
# Objective tolerance: the objective has fractional fairness bonuses.
EPSILON = 1e-6


def schedule_meetings(problem: Problem, *, time_limit_s: float = 30.0, seed: int = 0) -> Schedule:
    """Schedule as many, as important and as compact meetings as possible.

    Deterministic for a given problem and seed (the seed breaks ties); `time_limit_s` is a
    safety net that only cuts the search short on far larger events than measured.
    """
    return solve(problem, time_limit_s=time_limit_s, seed=seed)


def solve(
    problem: Problem,
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    exact_max_cells: int = EXACT_MAX_CELLS,
) -> Schedule:
    """Run the stages; `exact_max_cells` lets tests switch the exact MILP off or on."""
    started = time.perf_counter()
    deadline = started + time_limit_s
    c = compile_problem(problem)
    values = objective(c)
    planned, bound = plan(c, values, time_limit_s / 4)
    slot_of = slot_by_slot(c, values, planned, seed, time_limit_s / 4)
    board = Board(c, slot_of)
    repair(board, values, deadline - 0.25 * time_limit_s)
    found = _value(_slots(board), values)
    # The b-matching bound also bounds the objective: reaching it proves optimality.
    if len(c.cell_request) <= exact_max_cells and found < bound - EPSILON:
        remaining = deadline - time.perf_counter() - 0.1 * time_limit_s
        best = exact(c, values, remaining)
        if best is not None and _value(best, values) > found + EPSILON:
            board = Board(c, best)
    compact(board, deadline)
    return to_schedule(problem, c, _slots(board))


def _slots(board: Board) -> np.ndarray:
    """Return the board's slot per free request."""
    return np.array(board.slot_of, dtype=np.int64)


def _value(slot_of: np.ndarray, values: np.ndarray) -> float:
    """Return the solver objective of a slot assignment."""
    return float(values[slot_of >= 0].sum())
