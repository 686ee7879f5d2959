"""A synthetic collaboration network with clusters, for the benchmark and the tests."""

from __future__ import annotations

import numpy as np

from .graph import NetworkInput, TieKind

COUNTRIES = 15
SECTOR_GROUPS = 21  # NACE sections A–U
CREATIVE_SECTORS = np.array([9, 12, 17])  # J information, M professional, R arts
FIRST_YEAR, LAST_YEAR = 2019, 2026


def generate_network(organisations: int, edges: int, clusters: int, seed: int = 0) -> NetworkInput:
    """Return a network of `clusters` cluster nodes (0..clusters-1) and `organisations`
    organisations with `edges` ties: one membership each (a tenth join a second cluster),
    the rest introductions, meetings and pilot ties, 60% inside the home cluster."""
    rng = np.random.default_rng(seed)
    clusters = max(clusters, 1)
    n = clusters + organisations
    is_cluster = np.zeros(n, bool)
    is_cluster[:clusters] = True
    cluster_country = rng.integers(0, COUNTRIES, clusters)
    orgs = np.arange(clusters, n)
    home = np.full(n, -1, np.int32)
    home[orgs] = np.sort(rng.integers(0, clusters, organisations))  # orgs grouped by cluster
    country = np.empty(n, np.int32)
    country[:clusters] = cluster_country
    abroad = rng.random(organisations) < 0.15
    country[orgs] = np.where(
        abroad, rng.integers(0, COUNTRIES, organisations), cluster_country[home[orgs]]
    )
    creative = np.zeros(n, bool)
    creative[orgs] = rng.random(organisations) < 0.5
    creative[:clusters] = rng.random(clusters) < 0.5
    others = np.setdiff1d(np.arange(SECTOR_GROUPS), CREATIVE_SECTORS)
    sector = np.where(
        creative,
        rng.choice(CREATIVE_SECTORS, n),
        rng.choice(others, n),
    ).astype(np.int32)
    second = orgs[rng.random(organisations) < 0.1]
    second_cluster = (home[second] + rng.integers(1, clusters + 1, len(second))) % clusters
    member_src = np.concatenate([orgs, second])
    member_dst = np.concatenate([home[orgs], second_cluster])
    if clusters == 1:
        member_src, member_dst = orgs, home[orgs]
    member_src, member_dst = member_src[:edges], member_dst[:edges]
    rest = max(edges - len(member_src), 0)
    u = rng.integers(clusters, n, rest) if organisations else np.zeros(0, np.int64)
    v = _partners(rng, u, home, clusters, organisations)
    kind = np.concatenate(
        [
            np.full(len(member_src), TieKind.MEMBERSHIP, np.int8),
            rng.choice(
                [TieKind.INTRODUCTION, TieKind.MEETING, TieKind.PILOT], rest, p=[0.3, 0.5, 0.2]
            ).astype(np.int8),
        ]
    )
    year = rng.integers(FIRST_YEAR, LAST_YEAR + 1, len(kind)).astype(np.int16)
    return NetworkInput(
        n=n,
        is_cluster=is_cluster,
        creative=creative,
        sector=sector,
        country=country,
        home_cluster=home,
        src=np.concatenate([member_src, u]).astype(np.int32),
        dst=np.concatenate([member_dst, v]).astype(np.int32),
        kind=kind,
        year=year,
    )


def _partners(rng, u: np.ndarray, home: np.ndarray, clusters: int, organisations: int):
    """For each u, a partner from u's home cluster (60%) or anywhere, never u itself."""
    if not len(u):
        return u
    n = clusters + organisations
    first = np.searchsorted(home[clusters:], np.arange(clusters)) + clusters
    last = np.searchsorted(home[clusters:], np.arange(clusters), side="right") + clusters
    c = home[u]
    inside = rng.random(len(u)) < 0.6
    span = last[c] - first[c]
    local = first[c] + (rng.random(len(u)) * span).astype(np.int64)
    anywhere = rng.integers(clusters, n, len(u))
    v = np.where(inside, local, anywhere)
    same = v == u
    if organisations > 1:
        v[same] = clusters + (v[same] - clusters + 1) % organisations
    return v
