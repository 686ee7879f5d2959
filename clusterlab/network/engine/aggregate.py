"""Collapse nodes into groups (clusters, regions) so a large network can be drawn."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .graph import NetworkInput


@dataclass(frozen=True)
class AggregateGraph:
    groups: np.ndarray  # group codes present, sorted
    sizes: np.ndarray  # nodes in each group
    src: np.ndarray  # group code of one end (src <= dst)
    dst: np.ndarray
    weight: np.ndarray  # ties between the two groups (src == dst: ties inside the group)


def aggregate(inp: NetworkInput, groups: np.ndarray) -> AggregateGraph:
    """Return the graph of groups: `groups[node]` is a node's group code (-1 leaves it out).

    Every tie whose two ends are in groups is kept as weight on the pair of groups, so the
    total weight equals the number of such ties.
    """
    groups = np.asarray(groups, dtype=np.int64)
    if len(groups) != inp.n:
        raise ValueError("groups must have one value per node")
    present, sizes = np.unique(groups[groups >= 0], return_counts=True)
    a, b = groups[inp.src], groups[inp.dst]
    keep = (a >= 0) & (b >= 0)
    low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    if not len(low):
        empty = np.zeros(0, np.int64)
        return AggregateGraph(present, sizes, empty, empty, empty)
    base = int(high.max()) + 1
    pairs, weight = np.unique(low * base + high, return_counts=True)
    return AggregateGraph(present, sizes, pairs // base, pairs % base, weight)


def layout_positions(
    count: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, *, seed: int = 0
) -> np.ndarray:
    """Return (count, 2) positions in [0, 1000] from a force-directed layout (deterministic)."""
    import random

    import igraph as ig

    if count == 0:
        return np.zeros((0, 2))
    keep = src != dst
    graph = ig.Graph(n=count, edges=np.column_stack([src[keep], dst[keep]]).tolist())
    ig.set_random_number_generator(random.Random(seed))
    try:
        layout = graph.layout_fruchterman_reingold(
            weights=np.log1p(weight[keep]).tolist() if keep.any() else None, niter=500
        )
    finally:
        ig.set_random_number_generator(random)
    coords = np.asarray(layout.coords, dtype=float).reshape(count, 2)
    low, high = coords.min(axis=0), coords.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    return np.round((coords - low) / span * 1000, 1)
