"""The brokerage scheduling problem and its solution, as plain frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Objective weight of one scheduled meeting by request priority (1 low, 2 normal, 3 high).
# Doubling per level: one high-priority meeting is worth two normal or four low ones, so a
# popular participant with few free slots spends them on the meetings that matter most,
# while two normal meetings still beat one high one that would block both.
PRIORITY_WEIGHT: Mapping[int, int] = {1: 1, 2: 2, 3: 4}


@dataclass(frozen=True, slots=True)
class MeetingRequest:
    """An accepted request for a meeting between participants `a` and `b`."""

    id: int
    a: int
    b: int
    priority: int = 2


@dataclass(frozen=True, slots=True)
class FixedMeeting:
    """A published meeting that rescheduling must keep in its slot and at its table."""

    request_id: int
    slot: int
    table: int


@dataclass(frozen=True, slots=True)
class Meeting:
    """A scheduled meeting: request `request_id` between `a` and `b` in `slot` at `table`."""

    request_id: int
    a: int
    b: int
    slot: int
    table: int


@dataclass(frozen=True, slots=True)
class Schedule:
    """Meetings sorted by (slot, table), plus the ids of requests left unscheduled."""

    meetings: tuple[Meeting, ...]
    unscheduled: tuple[int, ...]


@dataclass(frozen=True)
class Problem:
    """A brokerage event: slots 0..slots-1, `tables` tables per slot, requests to place.

    A participant missing from `availability` is available in every slot; `max_meetings`
    caps the meetings of the participants it names. Construction raises ValueError on
    inconsistent input (unknown or clashing fixed meetings, self-requests, bad slots).
    """

    slots: int
    tables: int
    availability: Mapping[int, frozenset[int]]
    requests: Sequence[MeetingRequest]
    fixed: Sequence[FixedMeeting] = ()
    max_meetings: Mapping[int, int] | None = None
    _by_id: dict[int, MeetingRequest] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Check the input once so that solvers can trust it."""
        if self.slots < 0 or self.tables < 0:
            raise ValueError("slots and tables must be non-negative")
        for person, free in self.availability.items():
            if any(not 0 <= s < self.slots for s in free):
                raise ValueError(f"participant {person} has availability outside the slots")
        by_id: dict[int, MeetingRequest] = {}
        for request in self.requests:
            if request.id in by_id:
                raise ValueError(f"duplicate request id {request.id}")
            if request.a == request.b:
                raise ValueError(f"request {request.id} asks a participant to meet themself")
            if request.priority not in PRIORITY_WEIGHT:
                raise ValueError(f"request {request.id} has unknown priority {request.priority}")
            by_id[request.id] = request
        object.__setattr__(self, "_by_id", by_id)
        errors = _fixed_errors(self)
        if errors:
            raise ValueError("; ".join(errors))

    def request(self, request_id: int) -> MeetingRequest:
        """Return the request with this id."""
        return self._by_id[request_id]

    def has_request(self, request_id: int) -> bool:
        """Tell whether a request with this id exists."""
        return request_id in self._by_id

    def available(self, person: int) -> frozenset[int]:
        """Return the slots in which this participant can meet."""
        free = self.availability.get(person)
        return frozenset(range(self.slots)) if free is None else frozenset(free)

    def common_slots(self, request: MeetingRequest) -> frozenset[int]:
        """Return the slots in which both sides of the request are available."""
        return self.available(request.a) & self.available(request.b)

    def cap(self, person: int) -> int | None:
        """Return the participant's meeting cap, or None without one."""
        if self.max_meetings is None:
            return None
        return self.max_meetings.get(person)

    def capacity(self, person: int) -> int:
        """Return how many meetings the participant can have at most (slots, then cap)."""
        free = len(self.available(person))
        cap = self.cap(person)
        return free if cap is None else min(free, cap)


def _fixed_errors(problem: Problem) -> list[str]:
    """List why the fixed meetings cannot all be kept as given (empty when they can)."""
    return _sort_fixed(problem, problem.fixed)[1]


def split_fixed(
    *,
    slots: int,
    tables: int,
    availability: Mapping[int, frozenset[int]],
    requests: Sequence[MeetingRequest],
    fixed: Sequence[FixedMeeting],
    max_meetings: Mapping[int, int] | None = None,
) -> tuple[list[FixedMeeting], list[FixedMeeting]]:
    """Split fixed meetings, in order, into those that can be kept and those that clash.

    A published meeting clashes once its slot became unavailable, its table no longer
    exists, it collides with an earlier fixed meeting, or a cap went below it; Problem
    refuses such input, so callers drop or reschedule the clashing ones first.
    """
    problem = Problem(slots, tables, availability, requests, (), max_meetings)
    kept = set(_sort_fixed(problem, fixed)[0])
    return (
        [f for i, f in enumerate(fixed) if i in kept],
        [f for i, f in enumerate(fixed) if i not in kept],
    )


def _sort_fixed(
    problem: Problem, fixed_meetings: Sequence[FixedMeeting]
) -> tuple[list[int], list[str]]:
    """Keep each fixed meeting that fits with those kept before it; explain the others.

    Returns the positions of the kept meetings and one error per other meeting.
    """
    kept: list[int] = []
    errors: list[str] = []
    requests: set[int] = set()
    tables: set[tuple[int, int]] = set()
    busy: set[tuple[int, int]] = set()
    count: dict[int, int] = {}
    for position, fixed in enumerate(fixed_meetings):
        error = _fixed_error(problem, fixed, requests, tables, busy, count)
        if error:
            errors.append(f"fixed meeting {fixed.request_id}: {error}")
            continue
        kept.append(position)
        request = problem.request(fixed.request_id)
        requests.add(fixed.request_id)
        tables.add((fixed.slot, fixed.table))
        for person in (request.a, request.b):
            busy.add((person, fixed.slot))
            count[person] = count.get(person, 0) + 1
    return kept, errors


def _fixed_error(
    problem: Problem,
    fixed: FixedMeeting,
    requests: set[int],
    tables: set[tuple[int, int]],
    busy: set[tuple[int, int]],
    count: dict[int, int],
) -> str | None:
    """Say why this fixed meeting cannot join the ones kept so far, or None if it can."""
    if not problem.has_request(fixed.request_id):
        return "unknown request"
    request = problem.request(fixed.request_id)
    if fixed.request_id in requests:
        return "request fixed twice"
    if not 0 <= fixed.slot < problem.slots or not 0 <= fixed.table < problem.tables:
        return f"slot {fixed.slot} table {fixed.table} does not exist"
    if (fixed.slot, fixed.table) in tables:
        return f"two fixed meetings at slot {fixed.slot} table {fixed.table}"
    if fixed.slot not in problem.common_slots(request):
        return f"slot {fixed.slot} is unavailable"
    for person in (request.a, request.b):
        if (person, fixed.slot) in busy:
            return f"participant {person} has two fixed meetings in slot {fixed.slot}"
        cap = problem.cap(person)
        if cap is not None and count.get(person, 0) >= cap:
            return f"participant {person} has more fixed meetings than the cap {cap}"
    return None
