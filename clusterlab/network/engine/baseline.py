"""The same measures written plainly with networkx and Python: the correctness reference of
the tests and the speed baseline of the benchmark (never used by the pages)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx
import numpy as np

from .graph import NetworkInput, TieKind


def tie_figures(inp: NetworkInput) -> dict:
    """Count ties, organisation, cross-sectoral and cross-border ties, in total and per year."""
    graph = nx.MultiGraph()
    graph.add_nodes_from(range(inp.n))
    for s, d, k, y in zip(
        inp.src.tolist(), inp.dst.tolist(), inp.kind.tolist(), inp.year.tolist(), strict=True
    ):
        graph.add_edge(s, d, kind=k, year=y)
    totals: Counter = Counter()
    years: dict[int, Counter] = defaultdict(Counter)
    for s, d, data in graph.edges(data=True):
        organisation = s != d and not inp.is_cluster[s] and not inp.is_cluster[d]
        flags = {
            "total": True,
            "organisation_ties": organisation,
            "cross_sectoral": organisation and bool(inp.creative[s] != inp.creative[d]),
            "cross_border": inp.country[s] >= 0
            and inp.country[d] >= 0
            and inp.country[s] != inp.country[d],
        }
        for name, on in flags.items():
            totals[name] += int(on)
            years[data["year"]][name] += int(on)
    return {"totals": dict(totals), "years": {y: dict(c) for y, c in years.items()}}


def per_cluster(inp: NetworkInput) -> dict[int, tuple[int, int, int, int]]:
    """Members of each cluster and how many connect outside the cluster, sector, country."""
    members: dict[int, set[int]] = defaultdict(set)
    for s, d, k in zip(inp.src.tolist(), inp.dst.tolist(), inp.kind.tolist(), strict=True):
        if k == TieKind.MEMBERSHIP and inp.is_cluster[s] != inp.is_cluster[d]:
            org, cluster = (s, d) if inp.is_cluster[d] else (d, s)
            members[cluster].add(org)
    partners: dict[int, set[int]] = defaultdict(set)
    for s, d, k in zip(inp.src.tolist(), inp.dst.tolist(), inp.kind.tolist(), strict=True):
        if k != TieKind.MEMBERSHIP and s != d and not inp.is_cluster[s] and not inp.is_cluster[d]:
            partners[s].add(d)
            partners[d].add(s)

    def differ(codes, a, b) -> bool:
        return codes[a] >= 0 and codes[b] >= 0 and codes[a] != codes[b]

    result = {}
    for c in np.flatnonzero(inp.is_cluster).tolist():
        group = members[c]
        result[c] = (
            len(group),
            sum(1 for m in group if any(p not in group for p in partners[m])),
            sum(1 for m in group if any(differ(inp.sector, m, p) for p in partners[m])),
            sum(1 for m in group if any(differ(inp.country, m, p) for p in partners[m])),
        )
    return result


def simple_graph(inp: NetworkInput) -> nx.Graph:
    """The simple graph with parallel ties merged into a weight."""
    graph = nx.Graph()
    graph.add_nodes_from(range(inp.n))
    for s, d in zip(inp.src.tolist(), inp.dst.tolist(), strict=True):
        if s != d:
            weight = graph[s][d]["weight"] + 1 if graph.has_edge(s, d) else 1
            graph.add_edge(s, d, weight=weight)
    return graph


def betweenness(graph: nx.Graph, sources: np.ndarray | None) -> np.ndarray:
    """Exact betweenness, or the estimate from the same sources, scaled by n / sources."""
    n = graph.number_of_nodes()
    if sources is None:
        values = nx.betweenness_centrality(graph, normalized=False)
        return np.array([values[i] for i in range(n)])
    values = nx.betweenness_centrality_subset(
        graph, sources=sources.tolist(), targets=list(graph.nodes), normalized=False
    )
    return np.array([values[i] for i in range(n)]) * (n / len(sources))


def nmi(first, second) -> float:
    """Normalised mutual information (arithmetic normalisation), in plain Python."""
    total = len(first)
    if total == 0:
        return 0.0
    a, b, joint = Counter(first), Counter(second), Counter(zip(first, second, strict=True))
    mutual = sum(
        c / total * math.log((c / total) / (a[x] / total * b[y] / total))
        for (x, y), c in joint.items()
    )
    ha = -sum(c / total * math.log(c / total) for c in a.values())
    hb = -sum(c / total * math.log(c / total) for c in b.values())
    if ha + hb == 0:
        return 1.0
    return 2 * mutual / (ha + hb)


def analyse_networkx(inp: NetworkInput, *, sources: np.ndarray | None, seed: int = 0) -> dict:
    """Every measure of `measures.analyse`, with networkx (Louvain instead of Leiden)."""
    ties = tie_figures(inp)
    clusters = per_cluster(inp)
    graph = simple_graph(inp)
    between = betweenness(graph, sources)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    modularity = nx.community.modularity(graph, communities, weight="weight")
    membership = {node: i for i, group in enumerate(communities) for node in group}
    alignment = {}
    for name, labels in (
        ("clusters", inp.home_cluster),
        ("sectors", inp.sector),
        ("countries", inp.country),
    ):
        keep = [
            i
            for i in range(inp.n)
            if not inp.is_cluster[i] and graph.degree(i) > 0 and labels[i] >= 0
        ]
        alignment[name] = nmi([membership[i] for i in keep], [int(labels[i]) for i in keep])
    return {
        "ties": ties,
        "per_cluster": clusters,
        "betweenness": between,
        "modularity": modularity,
        "communities": len([c for c in communities if len(c) >= 2]),
        "alignment": alignment,
    }
