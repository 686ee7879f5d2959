"""Scheduling engine tests without a database: brute force and hand-made cases are oracles."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterlab.events.engine import (
    PRIORITY_WEIGHT,
    FixedMeeting,
    Meeting,
    MeetingRequest,
    Problem,
    Schedule,
    generate_instance,
    idle_gaps,
    schedule_greedy,
    schedule_meetings,
    split_fixed,
    total_weight,
    upper_bounds,
    validate,
)
from clusterlab.events.engine.board import Board
from clusterlab.events.engine.improve import compact
from clusterlab.events.engine.model import compile_problem, to_schedule
from clusterlab.events.engine.solve import solve

FAST = settings(max_examples=40, deadline=None)


def heuristic(problem: Problem) -> Schedule:
    """Schedule without the exact MILP, to test the path large events take."""
    return solve(problem, exact_max_cells=0)


SOLVERS = [schedule_meetings, schedule_greedy, heuristic]


@st.composite
def problems(draw, *, max_people=6, max_slots=4, max_requests=8, priorities=(1, 2, 3)):
    """Draw a small problem: partial availability, optional caps, ids that are not 0..n-1."""
    slots = draw(st.integers(1, max_slots))
    people = [10 + 3 * i for i in range(draw(st.integers(2, max_people)))]
    availability = {
        p: frozenset(draw(st.sets(st.integers(0, slots - 1))))
        for p in people
        if draw(st.booleans())  # the others are available in every slot
    }
    all_pairs = list(itertools.combinations(people, 2))
    pairs = draw(st.lists(st.sampled_from(all_pairs), max_size=max_requests, unique=True))
    requests = []
    for i, (a, b) in enumerate(pairs):
        a, b = (b, a) if draw(st.booleans()) else (a, b)
        requests.append(MeetingRequest(100 + i, a, b, draw(st.sampled_from(priorities))))
    caps = draw(st.none() | st.dictionaries(st.sampled_from(people), st.integers(0, 3)))
    return Problem(
        slots=slots,
        tables=draw(st.integers(1, 3)),
        availability=availability,
        requests=requests,
        max_meetings=caps,
    )


def weight(problem: Problem, schedule: Schedule) -> int:
    return total_weight(problem, schedule)


# --- properties on random small instances -------------------------------------------------


@FAST
@given(problems())
def test_every_solver_returns_a_valid_schedule(problem):
    for solver in SOLVERS:
        assert validate(problem, solver(problem)) == [], solver.__name__


@FAST
@given(problems())
def test_schedules_stay_within_the_upper_bounds(problem):
    bounds = upper_bounds(problem)
    assert bounds.meetings == min(bounds.b_matching, bounds.lp)
    assert bounds.weight == min(bounds.b_matching_weight, bounds.lp_weight)
    for solver in SOLVERS:
        schedule = solver(problem)
        assert len(schedule.meetings) <= bounds.meetings
        assert weight(problem, schedule) <= bounds.weight


@FAST
@given(problems(), st.data())
def test_rescheduling_keeps_fixed_meetings_verbatim(problem, data):
    first = schedule_meetings(problem)
    kept = []
    if first.meetings:
        kept = data.draw(st.lists(st.sampled_from(first.meetings), unique=True))
    fixed = [FixedMeeting(m.request_id, m.slot, m.table) for m in kept]
    people = sorted({p for r in problem.requests for p in (r.a, r.b)} | set(problem.availability))
    asked = {frozenset((r.a, r.b)) for r in problem.requests}
    new_pairs = [p for p in itertools.combinations(people, 2) if frozenset(p) not in asked]
    extra = data.draw(st.lists(st.sampled_from(new_pairs), unique=True)) if new_pairs else []
    requests = list(problem.requests) + [
        MeetingRequest(900 + i, a, b, 3) for i, (a, b) in enumerate(extra)
    ]
    again = Problem(
        problem.slots, problem.tables, problem.availability, requests, fixed, problem.max_meetings
    )
    bounds = upper_bounds(again)
    for solver in SOLVERS:
        schedule = solver(again)
        assert validate(again, schedule) == []
        placed = {(m.request_id, m.slot, m.table) for m in schedule.meetings}
        assert {(f.request_id, f.slot, f.table) for f in fixed} <= placed
        assert len(schedule.meetings) <= bounds.meetings
        assert weight(again, schedule) <= bounds.weight


@FAST
@given(problems(), st.integers(-(2**70), 2**70))
def test_same_input_and_seed_give_the_same_schedule(problem, seed):
    twin = Problem(
        problem.slots,
        problem.tables,
        dict(problem.availability),
        list(problem.requests),
        list(problem.fixed),
        problem.max_meetings,
    )
    assert schedule_meetings(problem, seed=seed) == schedule_meetings(twin, seed=seed)
    assert heuristic(problem) == heuristic(twin)
    assert schedule_greedy(problem) == schedule_greedy(twin)


@FAST
@given(problems())
def test_compaction_keeps_the_meetings_and_never_adds_gaps(problem):
    c = compile_problem(problem)
    start = schedule_greedy(problem)
    slot_of = np.full(c.n_requests, -1)
    where = {m.request_id: m.slot for m in start.meetings}
    for r, request_id in enumerate(c.request_ids.tolist()):
        slot_of[r] = where.get(request_id, -1)
    board = Board(c, slot_of)
    saved = compact(board, deadline=float("inf"))
    after = to_schedule(problem, c, np.array(board.slot_of))
    assert validate(problem, after) == []
    assert after.unscheduled == start.unscheduled
    assert idle_gaps(after) == idle_gaps(start) - saved <= idle_gaps(start)


# --- brute force oracle -------------------------------------------------------------------


def brute_force_count(problem: Problem) -> int:
    """Return the most meetings any schedule can have, by trying every assignment."""
    best = 0
    choices = [[None, *sorted(problem.common_slots(r))] for r in problem.requests]
    for assignment in itertools.product(*choices):
        busy, load, count = set(), [0] * problem.slots, {}
        ok = True
        for request, slot in zip(problem.requests, assignment, strict=True):
            if slot is None:
                continue
            load[slot] += 1
            for person in (request.a, request.b):
                ok &= (person, slot) not in busy
                busy.add((person, slot))
                count[person] = count.get(person, 0) + 1
        ok &= all(n <= problem.tables for n in load)
        ok &= all(problem.cap(p) is None or n <= problem.cap(p) for p, n in count.items())
        if ok:
            best = max(best, sum(s is not None for s in assignment))
    return best


@settings(max_examples=60, deadline=None)
@given(problems(max_people=5, max_slots=3, max_requests=6, priorities=(2,)))
def test_equal_priorities_schedule_the_brute_force_optimum(problem):
    optimum = brute_force_count(problem)
    assert len(schedule_meetings(problem).meetings) == optimum
    assert upper_bounds(problem).meetings >= optimum


# --- hand-made cases ----------------------------------------------------------------------


def test_greedy_misses_a_meeting_that_ours_finds():
    # Participant 3 can only meet in slot 0; first fit gives slot 0 to the pair (1, 2).
    problem = Problem(
        slots=2,
        tables=5,
        availability={3: frozenset({0})},
        requests=[MeetingRequest(1, 1, 2), MeetingRequest(2, 1, 3)],
    )
    assert len(schedule_greedy(problem).meetings) == 1
    for solver in (schedule_meetings, heuristic):
        schedule = solver(problem)
        assert len(schedule.meetings) == 2
        assert validate(problem, schedule) == []


def test_high_priority_wins_a_contested_slot():
    # One slot for participant 1: the high-priority request gets it, the low one waits.
    problem = Problem(
        slots=1,
        tables=5,
        availability={},
        requests=[MeetingRequest(1, 1, 2, priority=1), MeetingRequest(2, 1, 3, priority=3)],
    )
    assert [m.request_id for m in schedule_meetings(problem).meetings] == [2]
    assert [m.request_id for m in heuristic(problem).meetings] == [2]
    assert weight(problem, schedule_meetings(problem)) == PRIORITY_WEIGHT[3]


def test_lp_bound_is_tighter_when_availability_clashes():
    # 2 and 3 can only meet in slot 0, when 1 can meet just one of them. The b-matching
    # ignores slots (1 has two), the slot LP does not.
    problem = Problem(
        slots=2,
        tables=5,
        availability={2: frozenset({0}), 3: frozenset({0})},
        requests=[MeetingRequest(1, 1, 2), MeetingRequest(2, 1, 3)],
    )
    bounds = upper_bounds(problem)
    assert (bounds.b_matching, bounds.lp, bounds.meetings) == (2, 1, 1)
    assert (bounds.b_matching_weight, bounds.lp_weight, bounds.weight) == (4, 2, 2)


def test_b_matching_bound_is_tighter_on_odd_cycles():
    # Two triangles in one slot: the LP meets everyone half-way in each pair (3 meetings),
    # while only one meeting per triangle is possible, which the exact b-matching sees.
    triangles = [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6)]
    problem = Problem(
        slots=1,
        tables=5,
        availability={},
        requests=[MeetingRequest(i, a, b) for i, (a, b) in enumerate(triangles)],
    )
    bounds = upper_bounds(problem)
    assert (bounds.b_matching, bounds.lp, bounds.meetings) == (2, 3, 2)
    assert len(schedule_meetings(problem).meetings) == 2


def test_fairness_breaks_ties_towards_participants_with_few_requests():
    # 1 can meet 2 or 3 in slot 0 only; 3 meets 4 and 5 later either way. Same count and
    # weight both ways, but 2 has no other request, so 2 gets the meeting.
    problem = Problem(
        slots=3,
        tables=5,
        availability={1: frozenset({0}), 4: frozenset({1, 2}), 5: frozenset({1, 2})},
        requests=[
            MeetingRequest(1, 1, 3),
            MeetingRequest(2, 1, 2),
            MeetingRequest(3, 3, 4),
            MeetingRequest(4, 3, 5),
        ],
    )
    assert 1 in {m.request_id for m in schedule_greedy(problem).meetings}
    for solver in (schedule_meetings, heuristic):
        assert solver(problem).unscheduled == (1,)


def test_bounds_count_fixed_meetings():
    problem = Problem(
        slots=1,
        tables=1,
        availability={},
        requests=[MeetingRequest(1, 1, 2, priority=1), MeetingRequest(2, 3, 4, priority=3)],
        fixed=[FixedMeeting(1, 0, 0)],
    )
    # The fixed low-priority meeting takes the only table.
    bounds = upper_bounds(problem)
    assert (bounds.meetings, bounds.weight) == (1, PRIORITY_WEIGHT[1])
    assert [m.request_id for m in schedule_meetings(problem).meetings] == [1]


def test_caps_are_respected():
    problem = Problem(
        slots=3,
        tables=5,
        availability={},
        requests=[MeetingRequest(i, 1, 10 + i) for i in range(3)],
        max_meetings={1: 2},
    )
    assert upper_bounds(problem).meetings == 2
    for solver in SOLVERS:
        assert len(solver(problem).meetings) == 2


def test_idle_gaps_counts_free_slots_between_first_and_last_meeting():
    schedule = Schedule(
        meetings=(
            Meeting(1, 1, 2, slot=0, table=0),
            Meeting(2, 1, 3, slot=3, table=0),
            Meeting(3, 2, 3, slot=5, table=0),
            Meeting(4, 4, 5, slot=2, table=0),
        ),
        unscheduled=(),
    )
    # 1: slots 0, 3 -> 2 idle; 2: 0, 5 -> 4; 3: 3, 5 -> 1; 4 and 5: one meeting -> 0.
    assert idle_gaps(schedule) == 7


def test_ours_leaves_no_gaps_when_none_are_needed():
    problem = Problem(
        slots=6,
        tables=5,
        availability={},
        requests=[MeetingRequest(i, 1, 10 + i) for i in range(4)],
    )
    assert idle_gaps(schedule_meetings(problem)) == 0


def test_empty_and_degenerate_problems():
    for problem in (
        Problem(slots=0, tables=0, availability={}, requests=[]),
        Problem(slots=3, tables=0, availability={}, requests=[MeetingRequest(1, 1, 2)]),
        Problem(2, 2, availability={1: frozenset()}, requests=[MeetingRequest(1, 1, 2)]),
    ):
        for solver in SOLVERS:
            schedule = solver(problem)
            assert validate(problem, schedule) == []
            assert schedule.meetings == ()
        assert upper_bounds(problem).meetings == 0


# --- validate() catches each violation ----------------------------------------------------

BASE = Problem(
    slots=3,
    tables=2,
    availability={1: frozenset({0, 1}), 2: frozenset({0, 1, 2})},
    requests=[MeetingRequest(1, 1, 2), MeetingRequest(2, 1, 3), MeetingRequest(3, 2, 3)],
    fixed=[FixedMeeting(1, 0, 1)],
    max_meetings={3: 1},
)
GOOD = Schedule(
    meetings=(Meeting(1, 1, 2, 0, 1), Meeting(2, 1, 3, 1, 0)),
    unscheduled=(3,),
)


def errors_after(*, meetings=None, unscheduled=None, problem=BASE) -> list[str]:
    schedule = Schedule(
        meetings=GOOD.meetings if meetings is None else tuple(meetings),
        unscheduled=GOOD.unscheduled if unscheduled is None else tuple(unscheduled),
    )
    return validate(problem, schedule)


def test_validate_accepts_a_good_schedule():
    assert validate(BASE, GOOD) == []


def test_validate_catches_double_booking():
    free = Problem(3, 2, {}, BASE.requests)
    meetings = [Meeting(1, 1, 2, 0, 1), Meeting(2, 1, 3, 0, 0)]
    assert any("2 meetings in slot 0" in e for e in errors_after(meetings=meetings, problem=free))


def test_validate_catches_unavailable_slot():
    meetings = [GOOD.meetings[0], Meeting(2, 1, 3, 2, 0)]
    assert any("unavailable" in e for e in errors_after(meetings=meetings))


def test_validate_catches_too_many_meetings_in_a_slot():
    one_table = Problem(3, 1, {}, BASE.requests)
    meetings = [Meeting(1, 1, 2, 0, 0), Meeting(2, 1, 3, 1, 0), Meeting(3, 4, 5, 1, 1)]
    many = Problem(3, 1, {}, [*BASE.requests[:2], MeetingRequest(3, 4, 5)])
    assert any("more meetings than" in e for e in errors_after(meetings=meetings, problem=many))
    assert errors_after(meetings=meetings[:2], unscheduled=[3], problem=one_table) == []


def test_validate_catches_a_table_used_twice():
    problem = Problem(3, 3, {}, [*BASE.requests[:2], MeetingRequest(3, 4, 5)])
    meetings = [Meeting(1, 1, 2, 0, 1), Meeting(3, 4, 5, 0, 1), Meeting(2, 1, 3, 1, 0)]
    errors = errors_after(meetings=meetings, unscheduled=[], problem=problem)
    assert any("table 1 is used twice in slot 0" in e for e in errors)


def test_validate_catches_a_missing_table_or_slot():
    meetings = [GOOD.meetings[0], Meeting(2, 1, 3, 1, 2)]
    assert any("does not exist" in e for e in errors_after(meetings=meetings))
    meetings = [GOOD.meetings[0], Meeting(2, 1, 3, 7, 0)]
    assert any("outside the event" in e for e in errors_after(meetings=meetings))


def test_validate_catches_a_meeting_without_request():
    meetings = [*GOOD.meetings, Meeting(99, 2, 3, 2, 0)]
    assert any("unknown request 99" in e for e in errors_after(meetings=meetings))


def test_validate_catches_the_wrong_pair():
    meetings = [GOOD.meetings[0], Meeting(2, 1, 4, 1, 0)]
    assert any("not between the requested pair" in e for e in errors_after(meetings=meetings))


def test_validate_catches_a_request_scheduled_twice():
    free = Problem(3, 2, {}, BASE.requests)
    meetings = [Meeting(1, 1, 2, 0, 1), Meeting(2, 1, 3, 1, 0), Meeting(2, 1, 3, 2, 0)]
    errors = errors_after(meetings=meetings, problem=free)
    assert any("request 2 is scheduled 2 times" in e for e in errors)


def test_validate_catches_a_moved_fixed_meeting():
    meetings = [Meeting(1, 1, 2, 0, 0), GOOD.meetings[1]]
    assert any("fixed meeting 1 moved" in e for e in errors_after(meetings=meetings))
    meetings = [GOOD.meetings[1]]
    assert any("fixed meeting 1" in e for e in errors_after(meetings=meetings, unscheduled=[1, 3]))


def test_validate_catches_an_exceeded_cap():
    meetings = [*GOOD.meetings, Meeting(3, 2, 3, 2, 0)]
    assert any("more than the cap 1" in e for e in errors_after(meetings=meetings, unscheduled=[]))


def test_validate_catches_a_wrong_unscheduled_list():
    assert any("neither scheduled" in e for e in errors_after(unscheduled=[]))
    assert any("both scheduled" in e for e in errors_after(unscheduled=[2, 3]))


def test_problem_rejects_inconsistent_input():
    requests = [MeetingRequest(1, 1, 2), MeetingRequest(2, 1, 3)]
    with pytest.raises(ValueError, match="themself"):
        Problem(2, 2, {}, [MeetingRequest(1, 1, 1)])
    with pytest.raises(ValueError, match="unknown request"):
        Problem(2, 2, {}, requests, fixed=[FixedMeeting(9, 0, 0)])
    with pytest.raises(ValueError, match="two fixed meetings"):
        Problem(2, 2, {}, requests, fixed=[FixedMeeting(1, 0, 0), FixedMeeting(2, 0, 1)])
    with pytest.raises(ValueError, match="unavailable"):
        Problem(2, 2, {1: frozenset({1})}, requests, fixed=[FixedMeeting(1, 0, 0)])
    with pytest.raises(ValueError, match="cap"):
        Problem(2, 2, {}, requests, fixed=[FixedMeeting(1, 0, 0)], max_meetings={2: 0})
    with pytest.raises(ValueError, match="does not exist"):
        Problem(2, 2, {}, requests, fixed=[FixedMeeting(1, 0, 2)])


def test_split_fixed_separates_meetings_that_can_no_longer_be_kept():
    requests = [MeetingRequest(1, 1, 2), MeetingRequest(2, 1, 3), MeetingRequest(3, 4, 5)]
    fixed = [FixedMeeting(1, 0, 0), FixedMeeting(2, 0, 1), FixedMeeting(3, 1, 0)]
    # 1 is now busy twice in slot 0 (the second clashes) and 5 left before slot 1.
    kept, clashing = split_fixed(
        slots=2, tables=2, availability={5: frozenset({0})}, requests=requests, fixed=fixed
    )
    assert (kept, clashing) == (fixed[:1], fixed[1:])
    problem = Problem(2, 2, {5: frozenset({0})}, requests, kept)
    assert validate(problem, schedule_meetings(problem)) == []


# --- generator ----------------------------------------------------------------------------


def test_generated_instances_are_seeded_and_b2match_like():
    problem = generate_instance(participants=300, requests=1500, slots=16, tables=100, seed=5)
    assert problem == generate_instance(
        participants=300, requests=1500, slots=16, tables=100, seed=5
    )
    pairs = [frozenset((r.a, r.b)) for r in problem.requests]
    assert len(pairs) == len(set(pairs)) == 1500
    assert all(len(pair) == 2 for pair in pairs)
    assert {r.priority for r in problem.requests} == {1, 2, 3}
    absent = [16 - len(slots) for slots in problem.availability.values()]
    assert min(absent) == 0 and max(absent) == 4
    asked = np.bincount([p for r in problem.requests for p in (r.a, r.b)])
    assert asked.max() > 8 * np.median(asked)  # a few participants are in high demand
