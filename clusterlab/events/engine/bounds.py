"""Upper bounds on the meetings and priority weight any schedule can reach.

Two relaxations, both counting fixed meetings as scheduled and taking their slots, tables
and cap out of what is left for the free requests:

* the maximum b-matching on the request graph, where each participant meets at most as many
  people as they have free slots (and at most their cap) and all meetings fit at the tables;
  the graph is general, not bipartite, so the integer program is solved exactly (HiGHS
  branch and bound via `scipy.optimize.milp`) rather than its LP relaxation;
* the LP relaxation of the slot-assignment model (`model.slot_model`), solved by HiGHS's
  interior point method via `scipy.optimize.linprog`.
"""

from __future__ import annotations

import math
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds as VariableBounds
from scipy.optimize import LinearConstraint, OptimizeWarning, linprog, milp

from .model import Compiled, capacity, compile_problem, slot_model
from .problem import Problem

# Slack when rounding a relaxation value down to a whole number of meetings / weight.
ROUNDING = 1e-6


@dataclass(frozen=True, slots=True)
class Bounds:
    """Upper bounds on the scheduled meetings and their priority weight."""

    meetings: int
    weight: int
    b_matching: int
    b_matching_weight: int
    lp: int
    lp_weight: int


def upper_bounds(problem: Problem) -> Bounds:
    """Compute the b-matching and LP bounds; `meetings` and `weight` are the tighter ones."""
    c = compile_problem(problem)
    count = np.ones(c.n_requests)
    weight = c.weight.astype(float)
    matrix, ub = slot_model(c)
    bm = c.fixed_count + _whole(b_matching(c, count)[1])
    bm_weight = c.fixed_weight + _whole(b_matching(c, weight)[1])
    with warnings.catch_warnings():
        # run_crossover is a HiGHS option SciPy passes through but does not list. The
        # filter is set here, around both threads, as warning filters are process-wide.
        warnings.filterwarnings("ignore", "Unrecognized options", OptimizeWarning)
        # HiGHS releases the GIL: the two LPs run side by side on two cores (12.5 s -> 7.8 s).
        with ThreadPoolExecutor(max_workers=2) as pool:
            lp_count, lp_weight_value = pool.map(
                lambda v: lp_value(c, v, matrix, ub), (count, weight)
            )
    lp = c.fixed_count + _whole(lp_count)
    lp_weight = c.fixed_weight + _whole(lp_weight_value)
    return Bounds(
        meetings=min(bm, lp),
        weight=min(bm_weight, lp_weight),
        b_matching=bm,
        b_matching_weight=bm_weight,
        lp=lp,
        lp_weight=lp_weight,
    )


def _whole(value: float) -> int:
    """Round a relaxation value down to the whole number it bounds."""
    return math.floor(value + ROUNDING)


def b_matching(
    c: Compiled, values: np.ndarray, *, rel_gap: float = 0.0, time_limit: float | None = None
) -> tuple[np.ndarray, float]:
    """Solve the maximum-value b-matching; return the chosen requests and the dual bound.

    Only requests with a common free slot can take part. With `rel_gap` 0 and no time limit
    the solution is optimal; the returned bound is valid either way.
    """
    chosen = np.zeros(c.n_requests, dtype=bool)
    usable = np.flatnonzero(np.bincount(c.cell_request, minlength=c.n_requests) > 0)
    if len(usable) == 0:
        return chosen, 0.0
    n = len(usable)
    ends = np.concatenate([c.a[usable], c.b[usable]])
    cols = np.concatenate([np.arange(n), np.arange(n)])
    people = sp.csr_matrix((np.ones(2 * n), (ends, cols)), shape=(c.n_people, n))
    tables = sp.csr_matrix(np.ones((1, n)))
    matrix = sp.vstack([people, tables]).tocsr()
    upper = np.concatenate([capacity(c), [c.tables_left.sum()]]).astype(float)
    options: dict = {"mip_rel_gap": rel_gap}
    if time_limit is not None:
        options["time_limit"] = time_limit
    result = milp(
        -values[usable],
        constraints=LinearConstraint(matrix, -np.inf, upper),
        integrality=np.ones(n),
        bounds=VariableBounds(0, 1),
        options=options,
    )
    if result.x is not None:
        chosen[usable] = result.x > 0.5
    bound = -result.mip_dual_bound if result.mip_dual_bound is not None else values.sum()
    return chosen, float(bound)


def lp_value(c: Compiled, values: np.ndarray, matrix: sp.csr_matrix, ub: np.ndarray) -> float:
    """Return a certified upper bound on the LP relaxation of the slot-assignment model.

    HiGHS's crossover to a vertex took 40-120 s at 2,000 participants while the interior
    point method alone takes 3-6 s; its (nearly optimal) duals, clipped to feasibility, give
    by weak LP duality a bound within ~1e-6 of the LP optimum.
    """
    if matrix.shape[1] == 0:
        return 0.0
    cell_values = values[c.cell_request]
    # The caller silences SciPy's "Unrecognized options" warning about run_crossover.
    result = linprog(
        -cell_values,
        A_ub=matrix,
        b_ub=ub,
        bounds=(0, 1),
        method="highs-ipm",
        options={"run_crossover": "off", "presolve": False},
    )
    if result.status != 0:
        result = linprog(-cell_values, A_ub=matrix, b_ub=ub, bounds=(0, 1), method="highs")
    # Dual of max v.x, A x <= ub, 0 <= x <= 1: min ub.y + sum(z), A'y + z >= v, y, z >= 0.
    y = np.maximum(-result.ineqlin.marginals, 0.0)
    z = np.maximum(cell_values - matrix.T @ y, 0.0)
    return float(ub @ y + z.sum())
