"""`manage.py bench matchmaking`: index build, single queries and the all-pairs batch against
a dense NumPy brute force over the same features, on the demo network at scale."""

from __future__ import annotations

import random
import resource
import time

import numpy as np

from clusterlab.core.bench import p95, register
from clusterlab.registry.benchmarks import _ensure_network, _use_scratch_database

from . import adapters, engine
from .demo import extend_demo
from .models import CooperationProfile


def _arguments(parser) -> None:
    group = parser.add_argument_group("matchmaking")
    group.add_argument("--queries", type=int, default=200, help="single queries timed")
    group.add_argument(
        "--skip-baseline",
        action="store_true",
        help="skip the dense brute force (about 2 minutes at 25,000)",
    )


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _recall_at_k(ours: np.ndarray, our_scores: np.ndarray, exact_scores: np.ndarray) -> float:
    """Share of the exact top-k that ours also returns, counting ties at the k-th score."""
    kth = exact_scores[:, -1:]
    valid = np.isfinite(exact_scores)
    hits = (our_scores >= kth - 1e-9) & np.isfinite(our_scores) & (ours >= 0)
    return float(hits.sum() / max(valid.sum(), 1))


@register("matchmaking", add_arguments=_arguments)
def bench_matchmaking(
    *,
    log,
    organisations: int,
    clusters: int,
    seed: int,
    queries: int = 200,
    skip_baseline: bool = False,
    **_options,
) -> dict:
    """Measure the recommendation engine on the demo network of the given size."""
    _use_scratch_database(organisations, seed)
    _ensure_network(clusters, organisations, seed, log)
    if not CooperationProfile.objects.exists():
        extend_demo(seed=seed)
    started = time.perf_counter()
    built = adapters.index_build()
    build_s = time.perf_counter() - started
    index = built.index
    rng = random.Random(seed)
    rows = [rng.randrange(index.n) for _ in range(queries)]
    engine.recommend(index, rows[0], k=10)  # warm
    samples = []
    for row in rows:
        t = time.perf_counter()
        engine.recommend(index, row, k=10)
        samples.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    ours, our_scores = engine.recommend_all(index, k=10)
    batch_s = time.perf_counter() - t
    figures = {
        "benchmark": "matchmaking",
        "organisations": int(index.n),
        "profiles": CooperationProfile.objects.count(),
        "text_vocabulary": int(index.text.shape[1]),
        "index_build_s": round(build_s, 2),
        "query_p50_ms": round(float(np.median(samples)), 2),
        "query_p95_ms": round(p95(samples), 2),
        "batch_all_s": round(batch_s, 2),
    }
    # The engine's own peak, before the dense baseline (which alone holds the N×V text matrix
    # densely, ~2 GB at 25,000) inflates the process.
    figures["peak_rss_mb"] = _peak_rss_mb()
    if not skip_baseline:
        log("dense brute-force baseline (about 2 minutes at 25,000)…")
        t = time.perf_counter()
        _exact, exact_scores = engine.brute_force_all(index, k=10)
        baseline_s = time.perf_counter() - t
        figures.update(
            {
                "baseline": "dense NumPy brute force, same features (engine.brute_force_all)",
                "baseline_batch_all_s": round(baseline_s, 2),
                "speedup": round(baseline_s / batch_s, 1),
                "recall_at_10": round(_recall_at_k(ours, our_scores, exact_scores), 4),
            }
        )
    figures["baseline_peak_rss_mb"] = _peak_rss_mb()
    figures["targets_met"] = (
        figures["index_build_s"] < 30
        and figures["query_p95_ms"] < 10
        and figures["batch_all_s"] < 15
        and figures["peak_rss_mb"] < 1536
        and figures.get("recall_at_10", 1.0) >= 0.99
        and figures.get("speedup", 2) > 1
    )
    return figures
