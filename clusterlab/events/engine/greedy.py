"""The baseline: first fit in request order, as brokerage tools do by default."""

from __future__ import annotations

from .problem import Meeting, Problem, Schedule


def schedule_greedy(problem: Problem) -> Schedule:
    """Place fixed meetings, then each request in the earliest common free slot with a table."""
    busy: set[tuple[int, int]] = set()
    tables_used: dict[int, set[int]] = {s: set() for s in range(problem.slots)}
    count: dict[int, int] = {}
    meetings: list[Meeting] = []
    fixed_ids = set()
    for fixed in problem.fixed:
        request = problem.request(fixed.request_id)
        meetings.append(Meeting(request.id, request.a, request.b, fixed.slot, fixed.table))
        fixed_ids.add(request.id)
        tables_used[fixed.slot].add(fixed.table)
        for person in (request.a, request.b):
            busy.add((person, fixed.slot))
            count[person] = count.get(person, 0) + 1
    unscheduled: list[int] = []
    next_table: dict[int, int] = {}
    for request in problem.requests:
        if request.id in fixed_ids:
            continue
        if _capped(problem, count, request.a) or _capped(problem, count, request.b):
            unscheduled.append(request.id)
            continue
        for slot in sorted(problem.common_slots(request)):
            if len(tables_used[slot]) >= problem.tables:
                continue
            if (request.a, slot) in busy or (request.b, slot) in busy:
                continue
            # Tables only ever get taken, so the lowest free one never moves back.
            table = next_table.get(slot, 0)
            while table in tables_used[slot]:
                table += 1
            next_table[slot] = table + 1
            tables_used[slot].add(table)
            meetings.append(Meeting(request.id, request.a, request.b, slot, table))
            for person in (request.a, request.b):
                busy.add((person, slot))
                count[person] = count.get(person, 0) + 1
            break
        else:
            unscheduled.append(request.id)
    meetings.sort(key=lambda m: (m.slot, m.table))
    return Schedule(meetings=tuple(meetings), unscheduled=tuple(sorted(unscheduled)))


def _capped(problem: Problem, count: dict[int, int], person: int) -> bool:
    """Tell whether the participant has reached their meeting cap."""
    cap = problem.cap(person)
    return cap is not None and count.get(person, 0) >= cap
