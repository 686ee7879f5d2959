"""Collaboration-network measures: cross-sectoral and cross-border ties, per-cluster reach
outside, brokerage and communities, computed with NumPy and igraph (compiled).

Definitions (the page and the API say the same):
- an *organisation tie* joins two organisations (not a cluster); a tie is *cross-sectoral*
  when it is an organisation tie between a creative and a traditional organisation; its share
  is taken over organisation ties;
- a tie is *cross-border* when its two ends are in different countries (a membership of a
  cluster abroad counts); its share is taken over all ties;
- per cluster, a member *connects outside the cluster / its sector / its country* when it
  has a collaboration tie (introduction, meeting, pilot) to an organisation that is not a
  member of that cluster / is in another sector group / is in another country;
- brokerage: betweenness on the simple graph (parallel ties merged), exact when the graph is
  small, otherwise estimated from a uniform sample of source nodes and scaled by n / sources;
  and the bridging shares, a node's ties that reach another sector group or country;
- communities: Leiden maximising modularity on the tie-weighted graph; their alignment with
  clusters, sectors and countries is the normalised mutual information (NMI, arithmetic
  normalisation) over the organisations that have at least one tie.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import igraph as ig
import numpy as np

from .graph import NetworkInput, TieKind, build_graph

# Exact betweenness costs about n × (n + m) steps; above this budget it is sampled.
EXACT_BETWEENNESS_BUDGET = 50_000_000
DEFAULT_SOURCES = 256
TOP_BROKERS = 10


@dataclass(frozen=True)
class YearFigures:
    year: int
    total: int
    organisation_ties: int
    cross_sectoral: int
    cross_border: int


@dataclass(frozen=True)
class ClusterFigures:
    members: int
    outside_cluster: int
    outside_sector: int
    outside_country: int


@dataclass(frozen=True)
class Broker:
    node: int
    betweenness: float
    bridging_sector: float
    bridging_country: float
    degree: int


@dataclass(frozen=True)
class Communities:
    membership: np.ndarray  # community of each node
    count: int  # communities with at least two nodes
    sizes: list[int]  # their sizes, largest first
    modularity: float
    alignment: dict[str, float]  # NMI with "clusters", "sectors", "countries"


@dataclass
class NetworkReport:
    nodes: int
    ties: int
    organisation_ties: int
    cross_sectoral: int
    cross_sectoral_share: float
    cross_border: int
    cross_border_share: float
    ties_by_kind: dict[int, int]
    by_year: list[YearFigures]
    per_cluster: dict[int, ClusterFigures]
    edge_organisation: np.ndarray  # per tie: joins two organisations
    edge_cross_sectoral: np.ndarray
    edge_cross_border: np.ndarray
    betweenness: np.ndarray
    betweenness_exact: bool
    betweenness_sources: int  # sources used (n when exact)
    bridging_sector: np.ndarray
    bridging_country: np.ndarray
    degree: np.ndarray  # number of tie records per node
    communities: Communities
    top_organisations: list[Broker]
    top_clusters: list[Broker]
    timings: dict[str, float] = field(default_factory=dict)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def classify_ties(inp: NetworkInput) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return per tie: organisation tie, cross-sectoral, cross-border (boolean arrays)."""
    src, dst = inp.src, inp.dst
    organisation = ~inp.is_cluster[src] & ~inp.is_cluster[dst] & (src != dst)
    cross_sectoral = organisation & (inp.creative[src] != inp.creative[dst])
    a, b = inp.country[src], inp.country[dst]
    cross_border = (a >= 0) & (b >= 0) & (a != b)
    return organisation, cross_sectoral, cross_border


def ties_by_year(inp: NetworkInput, organisation, cross_sectoral, cross_border) -> list:
    """Count ties, organisation ties, cross-sectoral and cross-border ties per year."""
    if not inp.m:
        return []
    years = inp.year.astype(np.int64)
    first = int(years.min())
    index = years - first
    size = int(index.max()) + 1
    counts = [
        np.bincount(index, weights=None if w is None else w.astype(np.int64), minlength=size)
        for w in (None, organisation, cross_sectoral, cross_border)
    ]
    return [
        YearFigures(first + i, *(int(c[i]) for c in counts)) for i in range(size) if counts[0][i]
    ]


def _memberships(inp: NetworkInput) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (organisation, cluster) pairs from membership ties, sorted by organisation."""
    mask = inp.kind == TieKind.MEMBERSHIP
    src, dst = inp.src[mask].astype(np.int64), inp.dst[mask].astype(np.int64)
    src_cluster, dst_cluster = inp.is_cluster[src], inp.is_cluster[dst]
    org = np.where(dst_cluster & ~src_cluster, src, dst)
    cluster = np.where(dst_cluster & ~src_cluster, dst, src)
    valid = src_cluster != dst_cluster
    keys = np.unique(org[valid] * max(inp.n, 1) + cluster[valid])
    return keys // max(inp.n, 1), keys % max(inp.n, 1)


def per_cluster_figures(inp: NetworkInput, organisation: np.ndarray) -> dict[int, ClusterFigures]:
    """Members of each cluster and how many connect outside the cluster, sector, country."""
    n = max(inp.n, 1)
    member_org, member_cluster = _memberships(inp)
    member_keys = member_org * n + member_cluster  # sorted (org-major)
    collaboration = organisation & (inp.kind != TieKind.MEMBERSHIP)
    s, d = inp.src[collaboration].astype(np.int64), inp.dst[collaboration].astype(np.int64)
    u, v = np.concatenate([s, d]), np.concatenate([d, s])  # both directions

    def crosses(codes: np.ndarray) -> np.ndarray:
        a, b = codes[u], codes[v]
        flag = np.zeros(inp.n, bool)
        flag[u[(a >= 0) & (b >= 0) & (a != b)]] = True
        return flag

    sector_flag, country_flag = crosses(inp.sector), crosses(inp.country)
    # Expand every directed tie u→v over u's clusters c, and ask whether v is in c too.
    per_org = np.bincount(member_org, minlength=inp.n)
    start = np.concatenate([[0], np.cumsum(per_org)])
    counts = per_org[u]
    total = int(counts.sum())
    offsets = np.repeat(start[u], counts) + (
        np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    )
    ex_u, ex_v, ex_c = np.repeat(u, counts), np.repeat(v, counts), member_cluster[offsets]
    probe = ex_v * n + ex_c
    found = np.searchsorted(member_keys, probe)
    found = np.minimum(found, max(len(member_keys) - 1, 0))
    inside = member_keys[found] == probe if len(member_keys) else np.zeros(total, bool)
    outside_pairs = np.unique(ex_u[~inside] * n + ex_c[~inside])
    outside_cluster = np.bincount(outside_pairs % n, minlength=inp.n)
    members = np.bincount(member_cluster, minlength=inp.n)
    outside_sector = np.bincount(member_cluster[sector_flag[member_org]], minlength=inp.n)
    outside_country = np.bincount(member_cluster[country_flag[member_org]], minlength=inp.n)
    return {
        int(c): ClusterFigures(
            int(members[c]),
            int(outside_cluster[c]),
            int(outside_sector[c]),
            int(outside_country[c]),
        )
        for c in np.flatnonzero(inp.is_cluster)
    }


def bridging_shares(inp: NetworkInput) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node: share of its ties reaching another sector group, another country; degree."""
    src, dst = inp.src, inp.dst
    ends = np.concatenate([src, dst])
    degree = np.bincount(ends, minlength=inp.n)
    result = []
    for codes in (inp.sector, inp.country):
        a, b = codes[src], codes[dst]
        known = (a >= 0) & (b >= 0)
        cross = known & (a != b)
        k = np.bincount(ends, weights=np.concatenate([known, known]), minlength=inp.n)
        c = np.bincount(ends, weights=np.concatenate([cross, cross]), minlength=inp.n)
        result.append(np.divide(c, k, out=np.zeros(inp.n), where=k > 0))
    return result[0], result[1], degree


def pick_sources(n: int, m: int, requested: int | None, seed: int) -> np.ndarray | None:
    """Return sorted source nodes to sample betweenness from, or None for exact betweenness."""
    if requested is None:
        if n * (n + m) <= EXACT_BETWEENNESS_BUDGET:
            return None
        requested = DEFAULT_SOURCES
    if requested >= n:
        return None
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=max(requested, 1), replace=False))


def betweenness(graph: ig.Graph, sources: np.ndarray | None) -> np.ndarray:
    """Exact betweenness, or the estimate from `sources` scaled by n / len(sources)."""
    if graph.vcount() == 0:
        return np.zeros(0)
    if sources is None:
        return np.asarray(graph.betweenness(directed=False), dtype=float)
    partial = np.asarray(graph.betweenness(directed=False, sources=sources.tolist()), dtype=float)
    return partial * (graph.vcount() / len(sources))


def leiden_communities(graph: ig.Graph, *, seed: int) -> tuple[np.ndarray, float]:
    """Leiden communities maximising modularity (deterministic for a seed)."""
    if graph.vcount() == 0:
        return np.zeros(0, np.int64), 0.0
    # igraph draws from Python's `random` API; give it its own seeded generator.
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = graph.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        )
    finally:
        ig.set_random_number_generator(random)
    membership = np.asarray(clustering.membership, dtype=np.int64)
    modularity = graph.modularity(membership.tolist(), weights="weight") if graph.ecount() else 0.0
    return membership, float(modularity)


def nmi(first: np.ndarray, second: np.ndarray) -> float:
    """Normalised mutual information of two labelings (arithmetic normalisation)."""
    if len(first) == 0:
        return 0.0
    _, a = np.unique(first, return_inverse=True)
    _, b = np.unique(second, return_inverse=True)
    if a.max() == 0 and b.max() == 0:
        return 1.0  # both put everything in one group: identical partitions
    return float(ig.compare_communities(a.tolist(), b.tolist(), method="nmi"))


def community_report(inp: NetworkInput, graph: ig.Graph, *, seed: int) -> Communities:
    """Find communities and measure how far they follow clusters, sectors and countries."""
    membership, modularity = leiden_communities(graph, seed=seed)
    sizes = np.bincount(membership) if len(membership) else np.zeros(0, np.int64)
    real = sorted((int(s) for s in sizes if s >= 2), reverse=True)
    # Organisations with a tie in the simple graph (self-ties alone do not count).
    organisations = ~inp.is_cluster & (np.asarray(graph.degree(), dtype=np.int64) > 0)
    alignment = {}
    for name, labels in (
        ("clusters", inp.home_cluster),
        ("sectors", inp.sector),
        ("countries", inp.country),
    ):
        keep = organisations & (labels >= 0)
        alignment[name] = round(nmi(membership[keep], labels[keep]), 6)
    return Communities(membership, len(real), real, modularity, alignment)


def _brokers(report_arrays, candidates: np.ndarray, top: int) -> list[Broker]:
    between, sector, country, degree = report_arrays
    ranked = candidates[np.lexsort((candidates, -between[candidates]))][:top]
    return [
        Broker(
            int(i),
            float(between[i]),
            float(sector[i]),
            float(country[i]),
            int(degree[i]),
        )
        for i in ranked
        if degree[i] > 0
    ]


def analyse(
    inp: NetworkInput,
    *,
    betweenness_sources: int | None = None,
    seed: int = 0,
    top: int = TOP_BROKERS,
) -> NetworkReport:
    """Compute every measure of the collaboration network for one set of ties."""
    clock = time.perf_counter
    timings: dict[str, float] = {}
    started = clock()
    graph = build_graph(inp)
    timings["build_s"] = clock() - started
    started = clock()
    organisation, cross_sectoral, cross_border = classify_ties(inp)
    years = ties_by_year(inp, organisation, cross_sectoral, cross_border)
    kinds = np.bincount(inp.kind.astype(np.int64), minlength=len(TieKind))
    per_cluster = per_cluster_figures(inp, organisation)
    timings["ties_s"] = clock() - started
    started = clock()
    sources = pick_sources(inp.n, graph.ecount(), betweenness_sources, seed)
    between = betweenness(graph, sources)
    sector_share, country_share, degree = bridging_shares(inp)
    timings["brokerage_s"] = clock() - started
    started = clock()
    communities = community_report(inp, graph, seed=seed)
    timings["communities_s"] = clock() - started
    arrays = (between, sector_share, country_share, degree)
    n_org, n_cross_s, n_cross_b = (
        int(organisation.sum()),
        int(cross_sectoral.sum()),
        int(cross_border.sum()),
    )
    return NetworkReport(
        nodes=inp.n,
        ties=inp.m,
        organisation_ties=n_org,
        cross_sectoral=n_cross_s,
        cross_sectoral_share=_share(n_cross_s, n_org),
        cross_border=n_cross_b,
        cross_border_share=_share(n_cross_b, inp.m),
        ties_by_kind={int(k): int(kinds[k]) for k in range(len(kinds)) if kinds[k]},
        by_year=years,
        per_cluster=per_cluster,
        edge_organisation=organisation,
        edge_cross_sectoral=cross_sectoral,
        edge_cross_border=cross_border,
        betweenness=between,
        betweenness_exact=sources is None,
        betweenness_sources=inp.n if sources is None else len(sources),
        bridging_sector=sector_share,
        bridging_country=country_share,
        degree=degree,
        communities=communities,
        top_organisations=_brokers(arrays, np.flatnonzero(~inp.is_cluster), top),
        top_clusters=_brokers(arrays, np.flatnonzero(inp.is_cluster), top),
        timings=timings,
    )
