"""Mutable schedule state for local search: who meets whom when, with Kempe-chain moves.

Meetings in two slots s and t form, per participant, at most one s-meeting and one
t-meeting, so they fall apart into paths and even cycles ("Kempe chains", Kempe 1879).
Swapping s and t along one chain keeps everybody single-booked; it is the classic move of
timetabling local search (Thompson & Dowsland, Computers & OR 1998) and is used here both
to make room for unscheduled requests and to close idle gaps.
"""

from __future__ import annotations

import numpy as np

from .model import Compiled

FREE = -1
BLOCKED = -2  # unavailable, or taken by a fixed meeting
# Longest chain a move may swap: long chains rarely help and cost time.
MAX_CHAIN = 60


class Board:
    """The free requests' slots, per-participant agendas, slot loads and meeting counts."""

    def __init__(self, c: Compiled, slot_of: np.ndarray) -> None:
        """Start from `slot_of` (slot per free request, -1 when unscheduled)."""
        self.c = c
        self.a: list[int] = c.a.tolist()
        self.b: list[int] = c.b.tolist()
        self.slot_of: list[int] = [FREE] * c.n_requests
        self.at: list[list[int]] = np.where(c.free, FREE, BLOCKED).tolist()
        self.load: list[int] = [0] * c.slots
        self.tables: list[int] = c.tables_left.tolist()
        self.used: list[int] = [0] * c.n_people
        self.cap: list[int] = c.cap_left.tolist()
        fixed_bits = (c.fixed_busy * (1 << np.arange(c.slots, dtype=object))).sum(axis=1)
        self.mask: list[int] = [int(m) for m in fixed_bits] if c.slots else [0] * c.n_people
        for r, s in enumerate(slot_of.tolist()):
            if s >= 0:
                self.place(r, s)

    def can_place(self, r: int, s: int) -> bool:
        """Tell whether request r fits in slot s as things stand."""
        a, b = self.a[r], self.b[r]
        return (
            self.at[a][s] == FREE
            and self.at[b][s] == FREE
            and self.load[s] < self.tables[s]
            and self.used[a] < self.cap[a]
            and self.used[b] < self.cap[b]
        )

    def place(self, r: int, s: int) -> None:
        """Schedule request r in slot s (the caller checked that it fits)."""
        self.slot_of[r] = s
        self.load[s] += 1
        for x in (self.a[r], self.b[r]):
            self.at[x][s] = r
            self.used[x] += 1
            self.mask[x] |= 1 << s

    def remove(self, r: int) -> None:
        """Unschedule request r."""
        s = self.slot_of[r]
        self.slot_of[r] = FREE
        self.load[s] -= 1
        for x in (self.a[r], self.b[r]):
            self.at[x][s] = FREE
            self.used[x] -= 1
            self.mask[x] &= ~(1 << s)

    def chain(self, r: int, t: int) -> list[int] | None:
        """Return the Kempe chain of meeting r between its slot and t, None if unswappable.

        Unswappable: someone on the chain is unavailable (or has a fixed meeting) in the
        other slot, the chain is longer than MAX_CHAIN, or the tables would overflow.
        """
        s = self.slot_of[r]
        seen = {r}
        stack = [r]
        to_t = 0
        while stack:
            e = stack.pop()
            other = t if self.slot_of[e] == s else s
            to_t += 1 if other == t else -1
            for x in (self.a[e], self.b[e]):
                f = self.at[x][other]
                if f == BLOCKED:
                    return None
                if f >= 0 and f not in seen:
                    if len(seen) >= MAX_CHAIN:
                        return None
                    seen.add(f)
                    stack.append(f)
        if self.load[t] + to_t > self.tables[t] or self.load[s] - to_t > self.tables[s]:
            return None
        return sorted(seen)

    def swap(self, edges: list[int], s: int, t: int) -> None:
        """Exchange slots s and t for the meetings of one chain."""
        targets = [t if self.slot_of[e] == s else s for e in edges]
        for e in edges:
            self.remove(e)
        for e, target in zip(edges, targets, strict=True):
            self.place(e, target)

    def gaps(self, x: int) -> int:
        """Return participant x's idle slots between their first and last meeting."""
        m = self.mask[x]
        if m == 0:
            return 0
        low = (m & -m).bit_length()
        return m.bit_length() - low + 1 - m.bit_count()

    def swap_gain(self, edges: list[int], s: int, t: int) -> int:
        """Return by how much swapping the chain would reduce the idle gaps."""
        people = {x for e in edges for x in (self.a[e], self.b[e])}
        before = sum(self.gaps(x) for x in people)
        flip = (1 << s) | (1 << t)
        saved = {x: self.mask[x] for x in people}
        for x in people:
            # Interior vertices keep both slots; only chain ends change, moving s <-> t.
            m = self.mask[x]
            if bool(m >> s & 1) != bool(m >> t & 1):
                self.mask[x] = m ^ flip
        after = sum(self.gaps(x) for x in people)
        for x, m in saved.items():
            self.mask[x] = m
        return before - after
