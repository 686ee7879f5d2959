"""Local search on a Board: repair (place more, better meetings), then close idle gaps.

Repair inserts unscheduled requests, best first: directly, else after moving the meetings
in the way along Kempe chains, else by ejecting cheaper meetings when that strictly raises
the objective (an ejection chain: the ejected get their own chance in the next pass).

Compaction is the second, lexicographic stage of Bofill et al. (JAIR 2022): with the
meeting set fixed, minimise idle gaps. Where they re-solve with the first objective as a
constraint, this does best-improvement Kempe-chain swaps, which keep every meeting.
"""

from __future__ import annotations

import time

import numpy as np

from .board import BLOCKED, FREE, Board

# Passes over the unscheduled requests / over all meetings; each pass only improves, and
# the loops stop early once a pass changes nothing.
REPAIR_PASSES = 4
COMPACT_PASSES = 8
# Smallest objective gain an ejection must bring (the objective has fractional bonuses).
MIN_GAIN = 1e-9


def repair(board: Board, values: np.ndarray, deadline: float) -> int:
    """Insert unscheduled requests, best first; return how many changes were made."""
    order = np.lexsort((np.arange(len(values)), -values)).tolist()
    changes = 0
    for _ in range(REPAIR_PASSES):
        changed = 0
        for r in order:
            if board.slot_of[r] != FREE:
                continue
            if _insert(board, r) or _eject(board, r, values):
                changed += 1
            if time.perf_counter() > deadline:
                return changes + changed
        changes += changed
        if not changed:
            break
    return changes


def _insert(board: Board, r: int) -> bool:
    """Place request r directly or after Kempe-chain moves; tell whether it worked."""
    a, b = board.a[r], board.b[r]
    if board.used[a] >= board.cap[a] or board.used[b] >= board.cap[b]:
        return False
    slots = [
        s for s in range(board.c.slots) if board.at[a][s] != BLOCKED and board.at[b][s] != BLOCKED
    ]
    for s in slots:
        if board.can_place(r, s):
            board.place(r, s)
            return True
    return any(_insert_moving(board, r, s) for s in slots)


def _insert_moving(board: Board, r: int, s: int) -> bool:
    """Free both sides of r in slot s by swapping chains with other slots, then place r."""
    done: list[tuple[list[int], int]] = []
    for x in (board.a[r], board.b[r]):
        e = board.at[x][s]
        if e < 0:
            continue
        for t in range(board.c.slots):
            if t == s or board.at[x][t] != FREE:
                continue
            edges = board.chain(e, t)
            if edges is not None:
                board.swap(edges, s, t)
                done.append((edges, t))
                break
        else:
            break
    if board.can_place(r, s):
        board.place(r, s)
        return True
    for edges, t in reversed(done):
        board.swap(edges, s, t)
    return False


def _eject(board: Board, r: int, values: np.ndarray) -> bool:
    """Put r where the meetings in its way are worth less than r; tell whether it did."""
    a, b = board.a[r], board.b[r]
    best_gain, best_slot = MIN_GAIN, -1
    for s in range(board.c.slots):
        ea, eb = board.at[a][s], board.at[b][s]
        if ea == BLOCKED or eb == BLOCKED:
            continue
        out = {e for e in (ea, eb) if e >= 0}
        if board.load[s] - len(out) >= board.tables[s]:
            continue
        if any(
            board.used[x] - sum(1 for e in out if x in (board.a[e], board.b[e])) >= board.cap[x]
            for x in (a, b)
        ):
            continue
        gain = values[r] - sum(values[e] for e in out)
        if gain > best_gain:
            best_gain, best_slot = gain, s
    if best_slot < 0:
        return False
    for e in sorted({board.at[a][best_slot], board.at[b][best_slot]}):
        if e >= 0:
            board.remove(e)
    board.place(r, best_slot)
    return True


def compact(board: Board, deadline: float) -> int:
    """Reduce idle gaps by best-improvement Kempe-chain swaps; return the gaps saved."""
    saved = 0
    for _ in range(COMPACT_PASSES):
        gained = 0
        for r in range(len(board.slot_of)):
            s = board.slot_of[r]
            if s == FREE:
                continue
            gained += _best_swap(board, r, s)
            if time.perf_counter() > deadline:
                return saved + gained
        saved += gained
        if not gained:
            break
    return saved


def _best_swap(board: Board, r: int, s: int) -> int:
    """Apply the swap of r's chain that saves the most idle gaps; return the gaps saved."""
    a, b = board.a[r], board.b[r]
    best, best_move = 0, None
    for t in range(board.c.slots):
        if t == s or board.at[a][t] == BLOCKED or board.at[b][t] == BLOCKED:
            continue
        edges = board.chain(r, t)
        if edges is None:
            continue
        gain = board.swap_gain(edges, s, t)
        if gain > best:
            best, best_move = gain, (edges, t)
    if best_move is not None:
        board.swap(best_move[0], s, best_move[1])
    return best
