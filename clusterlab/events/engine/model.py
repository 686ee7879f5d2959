"""The problem compiled to arrays: fixed meetings taken out, the rest as (request, slot) cells."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .problem import PRIORITY_WEIGHT, Meeting, Problem, Schedule

# Large enough to mean "no cap" yet safe in int64 arithmetic.
NO_CAP = 1 << 30
# The solver maximises, per scheduled meeting, its priority weight plus MEETING_BONUS plus a
# fairness bonus of up to FAIRNESS_BONUS. The meeting bonus keeps the count high as well as
# the weight (measured at 2,000 participants, seed 1: the weight-optimal b-matching has 8,027
# of a possible 8,060 meetings; with the bonus 8,053 at 99.87% of the maximum weight): one
# high-priority meeting (4 + 1) still beats two low ones (2 x 2) but not two normal ones
# (2 x 3). The fairness bonus, FAIRNESS_BONUS x mean(1/requests of each side), favours
# participants who asked for or were asked for few meetings, so a sought-after participant
# spends a scarce slot on someone with few other chances; it only reorders near-equal choices.
MEETING_BONUS = 1.0
FAIRNESS_BONUS = 0.25


@dataclass(frozen=True)
class Compiled:
    """Free requests and their feasible (request, slot) cells once fixed meetings are placed.

    Participants are renumbered 0..n-1 (`people` maps back); `free` is the availability
    minus the slots fixed meetings already take, `tables_left` and `cap_left` what fixed
    meetings leave of the tables per slot and of each cap. Cell k puts request
    `cell_request[k]` (an index into `request_ids`) in slot `cell_slot[k]`.
    """

    slots: int
    people: np.ndarray
    request_ids: np.ndarray
    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    free: np.ndarray
    tables_left: np.ndarray
    cap_left: np.ndarray
    cell_request: np.ndarray
    cell_slot: np.ndarray
    fixed_busy: np.ndarray
    requests_per_person: np.ndarray
    fixed_count: int
    fixed_weight: int

    @property
    def n_people(self) -> int:
        """Return the number of participants."""
        return len(self.people)

    @property
    def n_requests(self) -> int:
        """Return the number of free (not fixed) requests."""
        return len(self.request_ids)


def compile_problem(problem: Problem) -> Compiled:
    """Compile the problem into arrays, taking fixed meetings out of the free capacity."""
    fixed_ids = {f.request_id for f in problem.fixed}
    people_set = set(problem.availability)
    for request in problem.requests:
        people_set.update((request.a, request.b))
    people = np.array(sorted(people_set), dtype=np.int64)
    index = {int(p): i for i, p in enumerate(people)}
    free = np.ones((len(people), problem.slots), dtype=bool)
    for person, slots in problem.availability.items():
        free[index[person]] = False
        free[index[person], sorted(slots)] = True
    tables_left = np.full(problem.slots, problem.tables, dtype=np.int64)
    cap_left = np.full(len(people), NO_CAP, dtype=np.int64)
    for person, cap in (problem.max_meetings or {}).items():
        if person in index:
            cap_left[index[person]] = cap
    fixed_weight = 0
    fixed_busy = np.zeros_like(free)
    for fixed in problem.fixed:
        request = problem.request(fixed.request_id)
        tables_left[fixed.slot] -= 1
        fixed_weight += PRIORITY_WEIGHT[request.priority]
        for person in (index[request.a], index[request.b]):
            free[person, fixed.slot] = False
            fixed_busy[person, fixed.slot] = True
            cap_left[person] -= 1
    ends = [index[p] for r in problem.requests for p in (r.a, r.b)]
    moving = [r for r in problem.requests if r.id not in fixed_ids]
    a = np.array([index[r.a] for r in moving], dtype=np.int64)
    b = np.array([index[r.b] for r in moving], dtype=np.int64)
    common = free[a] & free[b] if moving else np.zeros((0, problem.slots), dtype=bool)
    cell_request, cell_slot = np.nonzero(common)
    return Compiled(
        slots=problem.slots,
        people=people,
        request_ids=np.array([r.id for r in moving], dtype=np.int64),
        a=a,
        b=b,
        weight=np.array([PRIORITY_WEIGHT[r.priority] for r in moving], dtype=np.int64),
        free=free,
        tables_left=tables_left,
        cap_left=cap_left,
        cell_request=cell_request.astype(np.int64),
        cell_slot=cell_slot.astype(np.int64),
        fixed_busy=fixed_busy,
        requests_per_person=np.bincount(np.array(ends, dtype=np.int64), minlength=len(people)),
        fixed_count=len(problem.fixed),
        fixed_weight=fixed_weight,
    )


def objective(c: Compiled) -> np.ndarray:
    """Return what scheduling each free request is worth to the solver (see MEETING_BONUS)."""
    inverse = 1.0 / np.maximum(c.requests_per_person, 1)
    fairness = FAIRNESS_BONUS * (inverse[c.a] + inverse[c.b]) / 2
    return c.weight + MEETING_BONUS + fairness


def capacity(c: Compiled) -> np.ndarray:
    """Return how many more meetings each participant can have: free slots, then cap."""
    return np.minimum(c.free.sum(axis=1), c.cap_left)


def slot_model(c: Compiled) -> tuple[sp.csr_matrix, np.ndarray]:
    """Return A, ub of the slot-assignment model A x <= ub over the cells.

    Rows: each request at most once; each participant at most once per slot; each slot at
    most its free tables; each capped participant at most its remaining cap.
    """
    n_cells = len(c.cell_request)
    cols = np.arange(n_cells)
    blocks = [_rows(c.cell_request, cols, (c.n_requests, n_cells))]
    person_slot_a = c.a[c.cell_request] * c.slots + c.cell_slot
    person_slot_b = c.b[c.cell_request] * c.slots + c.cell_slot
    ps_rows = np.concatenate([person_slot_a, person_slot_b])
    blocks.append(_rows(ps_rows, np.concatenate([cols, cols]), (c.n_people * c.slots, n_cells)))
    blocks.append(_rows(c.cell_slot, cols, (c.slots, n_cells)))
    capped = np.flatnonzero(c.cap_left < c.free.sum(axis=1))
    cap_row = np.full(c.n_people, -1, dtype=np.int64)
    cap_row[capped] = np.arange(len(capped))
    who = np.concatenate([c.a[c.cell_request], c.b[c.cell_request]])
    keep = cap_row[who] >= 0
    both = np.concatenate([cols, cols])
    blocks.append(_rows(cap_row[who][keep], both[keep], (len(capped), n_cells)))
    matrix = sp.vstack(blocks).tocsr()
    ub = np.concatenate(
        [
            np.ones(c.n_requests),
            np.ones(c.n_people * c.slots),
            c.tables_left.astype(float),
            c.cap_left[capped].astype(float),
        ]
    )
    # Rows without cells only slow the solver down.
    nonempty = np.diff(matrix.indptr) > 0
    return matrix[nonempty], ub[nonempty]


def _rows(row: np.ndarray, col: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """Return the 0/1 matrix of this shape with ones at (row, col)."""
    return sp.csr_matrix((np.ones(len(row)), (row, col)), shape=shape)


def to_schedule(problem: Problem, c: Compiled, slot_of: np.ndarray) -> Schedule:
    """Turn a slot per free request (-1: unscheduled) into a Schedule with tables.

    Fixed meetings keep their tables; the others take the lowest free tables of their slot
    in request-id order, so the same slots always give the same tables.
    """
    taken: dict[int, set[int]] = {}
    meetings: list[Meeting] = []
    for fixed in problem.fixed:
        request = problem.request(fixed.request_id)
        meetings.append(Meeting(request.id, request.a, request.b, fixed.slot, fixed.table))
        taken.setdefault(fixed.slot, set()).add(fixed.table)
    placed = np.flatnonzero(slot_of >= 0)
    placed = placed[np.lexsort((c.request_ids[placed], slot_of[placed]))]
    next_table: dict[int, int] = {}
    for r in placed.tolist():
        slot = int(slot_of[r])
        used = taken.get(slot, set())
        table = next_table.get(slot, 0)
        while table in used:
            table += 1
        next_table[slot] = table + 1
        a, b = int(c.people[c.a[r]]), int(c.people[c.b[r]])
        meetings.append(Meeting(int(c.request_ids[r]), a, b, slot, table))
    meetings.sort(key=lambda m: (m.slot, m.table))
    unscheduled = np.sort(c.request_ids[slot_of < 0])
    return Schedule(meetings=tuple(meetings), unscheduled=tuple(unscheduled.tolist()))
