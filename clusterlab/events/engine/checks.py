"""Invariants and figures of a schedule: validation, idle gaps, priority weight."""

from __future__ import annotations

from collections import Counter, defaultdict

from .problem import PRIORITY_WEIGHT, Problem, Schedule


def validate(problem: Problem, schedule: Schedule) -> list[str]:
    """List every broken invariant of the schedule for the problem (empty when valid)."""
    errors = _request_errors(problem, schedule)
    errors += _place_errors(problem, schedule)
    errors += _fixed_and_cap_errors(problem, schedule)
    return errors


def _request_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Check that meetings are known requests with matching sides, each placed at most once."""
    errors: list[str] = []
    seen = Counter(m.request_id for m in schedule.meetings)
    for meeting in schedule.meetings:
        if not problem.has_request(meeting.request_id):
            errors.append(f"meeting for unknown request {meeting.request_id}")
            continue
        request = problem.request(meeting.request_id)
        if {meeting.a, meeting.b} != {request.a, request.b}:
            errors.append(f"meeting {meeting.request_id} is not between the requested pair")
    errors += [f"request {r} is scheduled {n} times" for r, n in sorted(seen.items()) if n > 1]
    unscheduled = Counter(schedule.unscheduled)
    for request_id in sorted(unscheduled):
        if request_id in seen:
            errors.append(f"request {request_id} is both scheduled and unscheduled")
        if unscheduled[request_id] > 1:
            errors.append(f"request {request_id} is listed as unscheduled twice")
    missing = {r.id for r in problem.requests} - set(seen) - set(unscheduled)
    errors += [f"request {r} is neither scheduled nor unscheduled" for r in sorted(missing)]
    errors += [
        f"unknown request {r} listed as unscheduled"
        for r in sorted(unscheduled)
        if not problem.has_request(r)
    ]
    return errors


def _place_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Check slots, tables, availability and double booking."""
    errors: list[str] = []
    tables: dict[int, Counter] = defaultdict(Counter)
    busy: Counter = Counter()
    for meeting in schedule.meetings:
        label = f"meeting {meeting.request_id}"
        if not 0 <= meeting.slot < problem.slots:
            errors.append(f"{label} is in slot {meeting.slot}, outside the event")
        if not 0 <= meeting.table < problem.tables:
            errors.append(f"{label} is at table {meeting.table}, which does not exist")
        tables[meeting.slot][meeting.table] += 1
        for person in (meeting.a, meeting.b):
            if meeting.slot not in problem.available(person):
                errors.append(f"{label}: participant {person} is unavailable in {meeting.slot}")
            busy[person, meeting.slot] += 1
    for slot in sorted(tables):
        if sum(tables[slot].values()) > problem.tables:
            errors.append(f"slot {slot} has more meetings than the {problem.tables} tables")
        errors += [
            f"table {table} is used twice in slot {slot}"
            for table, n in sorted(tables[slot].items())
            if n > 1
        ]
    errors += [
        f"participant {person} has {n} meetings in slot {slot}"
        for (person, slot), n in sorted(busy.items())
        if n > 1
    ]
    return errors


def _fixed_and_cap_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Check that fixed meetings are kept verbatim and that nobody exceeds a cap."""
    errors: list[str] = []
    placed = {(m.request_id, m.slot, m.table) for m in schedule.meetings}
    for fixed in problem.fixed:
        if (fixed.request_id, fixed.slot, fixed.table) not in placed:
            errors.append(
                f"fixed meeting {fixed.request_id} moved from slot {fixed.slot} "
                f"table {fixed.table} or dropped"
            )
    count: Counter = Counter()
    for meeting in schedule.meetings:
        count[meeting.a] += 1
        count[meeting.b] += 1
    for person, n in sorted(count.items()):
        cap = problem.cap(person)
        if cap is not None and n > cap:
            errors.append(f"participant {person} has {n} meetings, more than the cap {cap}")
    return errors


def idle_gaps(schedule: Schedule) -> int:
    """Count the free slots between each participant's first and last meeting, summed."""
    slots: dict[int, list[int]] = defaultdict(list)
    for meeting in schedule.meetings:
        slots[meeting.a].append(meeting.slot)
        slots[meeting.b].append(meeting.slot)
    return sum(max(s) - min(s) + 1 - len(set(s)) for s in slots.values())


def total_weight(problem: Problem, schedule: Schedule) -> int:
    """Sum the priority weights (PRIORITY_WEIGHT) of the scheduled meetings."""
    return sum(PRIORITY_WEIGHT[problem.request(m.request_id).priority] for m in schedule.meetings)
