"""`manage.py bench network`: every collaboration-network measure with the igraph engine,
against the same measures with networkx in the same run (a generated network, no database)."""

from __future__ import annotations

import resource
import time

import numpy as np

from clusterlab.core.bench import register

from .engine import analyse, build_graph, generate_network, pick_sources
from .engine.baseline import analyse_networkx, simple_graph
from .engine.measures import DEFAULT_SOURCES


def _arguments(parser) -> None:
    # --organisations, --clusters and --seed are shared with the directory benchmark, and
    # --skip-baseline with the matchmaking one.
    group = parser.add_argument_group("network")
    group.add_argument("--edges", type=int, default=250_000, help="ties in the network")
    group.add_argument(
        "--betweenness-sources",
        type=int,
        default=DEFAULT_SOURCES,
        help="sampled betweenness sources, the same in both libraries",
    )


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


@register("network", add_arguments=_arguments)
def bench_network(
    *,
    log,
    organisations: int = 25_000,
    edges: int = 250_000,
    clusters: int = 50,
    seed: int = 1,
    betweenness_sources: int = DEFAULT_SOURCES,
    skip_baseline: bool = False,
    **_options,
) -> dict:
    """Time the engine's measures and networkx's on one generated network."""
    inp = generate_network(organisations, edges, clusters, seed=seed)
    log(f"network: {inp.n} nodes, {inp.m} ties")
    started = time.perf_counter()
    graph = build_graph(inp)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    report = analyse(inp, betweenness_sources=betweenness_sources, seed=seed)
    metrics_s = time.perf_counter() - started
    log(f"igraph engine: {metrics_s:.2f} s {report.timings}")
    figures = {
        "benchmark": "network",
        "nodes": inp.n,
        "edges": inp.m,
        "simple_edges": graph.ecount(),
        "build_s": round(build_s, 3),
        "metrics_s": round(metrics_s, 3),
        "metrics_breakdown_s": {k: round(v, 3) for k, v in report.timings.items()},
        "betweenness": (
            "exact"
            if report.betweenness_exact
            else f"sampled from {report.betweenness_sources} source nodes, scaled by "
            "n/sources; networkx uses the same sources (betweenness_centrality_subset)"
        ),
        "communities": "igraph Leiden (modularity) vs networkx Louvain (modularity)",
        "cross_sectoral_share": round(report.cross_sectoral_share, 4),
        "cross_border_share": round(report.cross_border_share, 4),
        "communities_found": report.communities.count,
        "modularity": round(report.communities.modularity, 4),
        "alignment_nmi": report.communities.alignment,
    }
    if not skip_baseline:
        sources = pick_sources(inp.n, graph.ecount(), betweenness_sources, seed)
        started = time.perf_counter()
        simple_graph(inp)
        baseline_build_s = time.perf_counter() - started
        started = time.perf_counter()
        reference = analyse_networkx(inp, sources=sources, seed=seed)
        baseline_metrics_s = time.perf_counter() - started
        log(f"networkx baseline: {baseline_metrics_s:.2f} s")
        difference = np.abs(report.betweenness - reference["betweenness"]).max()
        figures.update(
            {
                "baseline": "networkx 3.6 + plain Python, same measures, same sources",
                "baseline_build_s": round(baseline_build_s, 3),
                "baseline_metrics_s": round(baseline_metrics_s, 3),
                "speedup": round(baseline_metrics_s / metrics_s, 1),
                "baseline_modularity": round(reference["modularity"], 4),
                "betweenness_max_abs_difference": float(difference),
                "per_cluster_equal": reference["per_cluster"]
                == {
                    c: (f.members, f.outside_cluster, f.outside_sector, f.outside_country)
                    for c, f in report.per_cluster.items()
                },
            }
        )
    figures["peak_rss_mb"] = _peak_rss_mb()
    return figures
