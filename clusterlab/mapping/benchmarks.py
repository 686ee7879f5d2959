"""`manage.py bench mapping [--mapping-regions N --mapping-sectors N --mapping-groups N]`.

Times the engine (all location quotients, shares and stars of every region × sector group
at once, NumPy) against a baseline measured in the same run: the same figures computed
region by region in plain Python, as a spreadsheet-style loop would. No database.
"""

from __future__ import annotations

import time

import numpy as np

from clusterlab.core.bench import register

from .engine import cluster_figures


def _arguments(parser) -> None:
    group = parser.add_argument_group("mapping")
    group.add_argument("--mapping-regions", type=int, default=1200, help="NUTS 3 scale")
    group.add_argument("--mapping-sectors", type=int, default=615, help="NACE classes")
    group.add_argument("--mapping-groups", type=int, default=60)


def _baseline(employment: list[list[float]], weights: list[list[float]]) -> list[list[float]]:
    """Location quotients in plain Python (the baseline)."""
    regions, sectors, groups = len(employment), len(weights), len(weights[0])
    group_emp = [
        [sum(employment[r][s] * weights[s][g] for s in range(sectors)) for g in range(groups)]
        for r in range(regions)
    ]
    region_total = [sum(row) for row in employment]
    total = sum(region_total)
    group_total = [sum(group_emp[r][g] for r in range(regions)) for g in range(groups)]
    return [
        [(group_emp[r][g] / region_total[r]) / (group_total[g] / total) for g in range(groups)]
        for r in range(regions)
    ]


@register("mapping", add_arguments=_arguments)
def bench_mapping(*, mapping_regions=1200, mapping_sectors=615, mapping_groups=60, **_):
    rng = np.random.default_rng(1)
    employment = rng.lognormal(5, 1.5, size=(mapping_regions, mapping_sectors)).round()
    weights = (rng.random((mapping_sectors, mapping_groups)) < 0.05).astype(float)
    weights[:, 0] = 1.0  # the whole economy, so no group is empty
    start = time.perf_counter()
    figures = cluster_figures(employment, weights)
    engine_s = time.perf_counter() - start
    # The baseline on a sample of regions, scaled: the full loop takes minutes.
    sample = max(1, mapping_regions // 20)
    start = time.perf_counter()
    lq = _baseline(employment[:sample].tolist(), weights.tolist())
    baseline_sample_s = time.perf_counter() - start
    # The sample's own totals differ from the whole's, so compare the sample's engine run.
    check = cluster_figures(employment[:sample], weights).lq
    assert np.allclose(np.array(lq), check, equal_nan=True)
    baseline_s = baseline_sample_s * mapping_regions / sample
    return {
        "regions": mapping_regions,
        "sectors": mapping_sectors,
        "groups": mapping_groups,
        "engine_s": round(engine_s, 4),
        "baseline": "plain Python loops",
        "baseline_s": round(baseline_s, 2),
        "baseline_sampled_regions": sample,
        "baseline_scaled": True,
        "speedup": round(baseline_s / engine_s, 1) if engine_s else None,
        "starred_cells": int((figures.stars > 0).sum()),
    }
