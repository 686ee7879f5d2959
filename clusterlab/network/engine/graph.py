"""The input of the network engine: nodes and ties as NumPy arrays, and the igraph built from it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import igraph as ig
import numpy as np


class TieKind(IntEnum):
    """Where a tie comes from; the codes are stored in `NetworkInput.kind` (int8)."""

    MEMBERSHIP = 0  # organisation – cluster
    INTRODUCTION = 1  # accepted introduction between two organisations
    MEETING = 2  # meeting held at a brokerage event
    PILOT = 3  # two organisations taking part in the same pilot action


@dataclass(frozen=True)
class NetworkInput:
    """Nodes 0..n-1 (organisations and clusters) and their undirected ties, one row per record.

    Per node: `is_cluster`, `creative`, `sector` (sector group code, -1 unknown), `country`
    (code, -1 unknown), `home_cluster` (node index of the organisation's main cluster, -1 none).
    Per tie: `src`, `dst`, `kind` (TieKind), `year`. Two records between the same pair are two
    ties (an introduction and a meeting count twice); graph measures merge them into one edge
    weighted by the number of records.
    """

    n: int
    is_cluster: np.ndarray
    creative: np.ndarray
    sector: np.ndarray
    country: np.ndarray
    home_cluster: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    kind: np.ndarray
    year: np.ndarray

    def __post_init__(self) -> None:
        for name in ("is_cluster", "creative", "sector", "country", "home_cluster"):
            if len(getattr(self, name)) != self.n:
                raise ValueError(f"{name} must have one value per node ({self.n})")
        m = len(self.src)
        for name in ("dst", "kind", "year"):
            if len(getattr(self, name)) != m:
                raise ValueError(f"{name} must have one value per tie ({m})")
        if m and (
            min(self.src.min(), self.dst.min()) < 0 or max(self.src.max(), self.dst.max()) >= self.n
        ):
            raise ValueError("tie endpoints must be node indexes 0..n-1")

    @property
    def m(self) -> int:
        return len(self.src)

    def ties(self, mask: np.ndarray) -> NetworkInput:
        """Return the same nodes with only the ties where `mask` is true."""
        return NetworkInput(
            n=self.n,
            is_cluster=self.is_cluster,
            creative=self.creative,
            sector=self.sector,
            country=self.country,
            home_cluster=self.home_cluster,
            src=self.src[mask],
            dst=self.dst[mask],
            kind=self.kind[mask],
            year=self.year[mask],
        )


def empty_input(n: int = 0) -> NetworkInput:
    """Return a network of n unconnected organisations (handy for tests and empty databases)."""
    return NetworkInput(
        n=n,
        is_cluster=np.zeros(n, bool),
        creative=np.zeros(n, bool),
        sector=np.full(n, -1, np.int32),
        country=np.full(n, -1, np.int32),
        home_cluster=np.full(n, -1, np.int32),
        src=np.zeros(0, np.int32),
        dst=np.zeros(0, np.int32),
        kind=np.zeros(0, np.int8),
        year=np.zeros(0, np.int16),
    )


def simple_edges(inp: NetworkInput) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merge parallel ties and drop self-loops: (low, high, weight) sorted by (low, high)."""
    low = np.minimum(inp.src, inp.dst).astype(np.int64)
    high = np.maximum(inp.src, inp.dst).astype(np.int64)
    keep = low != high
    keys = low[keep] * max(inp.n, 1) + high[keep]
    unique, weight = np.unique(keys, return_counts=True)
    n = max(inp.n, 1)
    return unique // n, unique % n, weight


def build_graph(inp: NetworkInput) -> ig.Graph:
    """Return the simple undirected igraph of the input, with a `weight` per edge."""
    low, high, weight = simple_edges(inp)
    graph = ig.Graph(n=inp.n, edges=np.column_stack([low, high]).tolist(), directed=False)
    graph.es["weight"] = weight.tolist()
    return graph
