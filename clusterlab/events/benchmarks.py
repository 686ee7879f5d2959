"""`manage.py bench scheduling`: the meeting scheduler against its upper bounds and the
first-fit baseline on a generated b2match-like brokerage event (in memory, no database)."""

from __future__ import annotations

import resource
import time

from clusterlab.core.bench import register

from .engine import (
    generate_instance,
    idle_gaps,
    schedule_greedy,
    schedule_meetings,
    total_weight,
    upper_bounds,
    validate,
)


def _arguments(parser) -> None:
    # --seed is shared with the other benchmarks (clusterlab/registry/benchmarks.py).
    group = parser.add_argument_group("scheduling")
    group.add_argument("--participants", type=int, default=2000)
    group.add_argument("--requests", type=int, default=12_000)
    group.add_argument("--slots", type=int, default=16)
    group.add_argument("--tables", type=int, default=1000)
    group.add_argument(
        "--time-limit", type=float, default=60.0, help="safety limit of the solver, seconds"
    )


def _peak_rss_mb() -> int:
    """Return the peak resident memory of this process in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _without_meeting(problem, schedule) -> int:
    """Count the participants with requests but not a single meeting (fairness)."""
    asked = {p for r in problem.requests for p in (r.a, r.b)}
    met = {p for m in schedule.meetings for p in (m.a, m.b)}
    return len(asked - met)


def _timed(func, *args, **kwargs):
    """Call func and return its result with the seconds it took."""
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return result, round(time.perf_counter() - started, 2)


@register("scheduling", add_arguments=_arguments)
def bench_scheduling(
    *,
    log,
    participants: int = 2000,
    requests: int = 12_000,
    slots: int = 16,
    tables: int = 1000,
    time_limit: float = 60.0,
    seed: int = 1,
    **_options,
) -> dict:
    """Measure schedule quality, bounds and run times on one generated event."""
    problem = generate_instance(
        participants=participants, requests=requests, slots=slots, tables=tables, seed=seed
    )
    log(f"event: {participants} participants, {requests} requests, {slots} slots")
    greedy, greedy_s = _timed(schedule_greedy, problem)
    log(f"greedy: {len(greedy.meetings)} meetings in {greedy_s} s")
    ours, solve_s = _timed(schedule_meetings, problem, time_limit_s=time_limit, seed=seed)
    log(f"scheduled: {len(ours.meetings)} meetings in {solve_s} s")
    bounds, bound_s = _timed(upper_bounds, problem)
    log(f"bounds: {bounds} in {bound_s} s")
    scheduled, weight = len(ours.meetings), total_weight(problem, ours)
    greedy_scheduled = len(greedy.meetings)
    return {
        "benchmark": "scheduling",
        "participants": participants,
        "requests": requests,
        "slots": slots,
        "tables": tables,
        "scheduled": scheduled,
        "upper_bound": bounds.meetings,
        "ratio_to_bound": round(scheduled / max(bounds.meetings, 1), 4),
        "weight": weight,
        "weight_upper_bound": bounds.weight,
        "weight_ratio_to_bound": round(weight / max(bounds.weight, 1), 4),
        "greedy_scheduled": greedy_scheduled,
        "greedy_weight": total_weight(problem, greedy),
        "gain_over_greedy": round(scheduled / max(greedy_scheduled, 1), 4),
        "idle_gaps": idle_gaps(ours),
        "greedy_idle_gaps": idle_gaps(greedy),
        "without_meeting": _without_meeting(problem, ours),
        "greedy_without_meeting": _without_meeting(problem, greedy),
        "b_matching_bound": bounds.b_matching,
        "b_matching_weight_bound": bounds.b_matching_weight,
        "lp_bound": bounds.lp,
        "lp_weight_bound": bounds.lp_weight,
        "bound_s": bound_s,
        "solve_s": solve_s,
        "greedy_s": greedy_s,
        "valid": not validate(problem, ours) and not validate(problem, greedy),
        "peak_rss_mb": _peak_rss_mb(),
        "seed": seed,
    }
