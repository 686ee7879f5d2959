"""Location quotients, shares and the European Cluster Observatory star rating.

Method (European Cluster Observatory, Center for Strategy and Competitiveness, Stockholm
School of Economics; Ketels & Sölvell, "Clusters in the EU-10 new member countries", 2006;
Ketels & Protsiv, "Methodology and findings report for a cluster mapping of related
sectors", European Cluster Observatory, 2013/2014): for region r and sector group i,

- employment   E_ri = sum of the group's sectors' employment in r (weighted by each sector's
  membership of the group, 0–1);
- location quotient  LQ_ri = (E_ri / E_r) / (E_i / E), where E_r is all employment of r,
  E_i the group's employment in all regions and E all employment in all regions;
- share of Europe   E_ri / E_i;
- focus             E_ri / E_r;
- stars, one each for: size — E_ri in the top 10% of regions for that group;
  specialisation — LQ_ri >= 2; focus — E_ri / E_r in the top 10% of regions for that group.

"Top 10%" is read by rank: a region is in it when fewer than a tenth of the regions have a
strictly larger value (ties share the star), and the value is above zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SPECIALISATION_THRESHOLD = 2.0
TOP_SHARE = 0.10


@dataclass(frozen=True)
class ClusterFigures:
    """Figures per region (rows) and sector group (columns)."""

    employment: NDArray[np.float64]  # E_ri
    region_total: NDArray[np.float64]  # E_r
    group_total: NDArray[np.float64]  # E_i
    total: float  # E
    lq: NDArray[np.float64]  # NaN where undefined (empty region or group)
    share: NDArray[np.float64]  # E_ri / E_i
    focus: NDArray[np.float64]  # E_ri / E_r
    size_star: NDArray[np.bool_]
    specialisation_star: NDArray[np.bool_]
    focus_star: NDArray[np.bool_]

    @property
    def stars(self) -> NDArray[np.int64]:
        return (
            self.size_star.astype(np.int64)
            + self.specialisation_star.astype(np.int64)
            + self.focus_star.astype(np.int64)
        )


def top_decile(values: NDArray[np.float64], share: float = TOP_SHARE) -> NDArray[np.bool_]:
    """Mark, per column, the values with fewer than `share` of the rows strictly above them."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0)
    if values.ndim == 1:
        return top_decile(values[:, None], share)[:, 0]
    n_rows = values.shape[0]
    if n_rows == 0:
        return np.zeros(values.shape, dtype=bool)
    ordered = np.sort(values, axis=0)  # ascending per column
    # Number of values strictly greater than each value, per column, by binary search.
    greater = np.empty(values.shape, dtype=np.int64)
    for column in range(values.shape[1]):
        greater[:, column] = n_rows - np.searchsorted(
            ordered[:, column], values[:, column], side="right"
        )
    return (greater < share * n_rows) & (values > 0)


def _divide(numerator: NDArray, denominator: NDArray) -> NDArray[np.float64]:
    with np.errstate(all="ignore"):
        result = np.true_divide(numerator, denominator)
    return np.where(np.isfinite(result), result, np.nan)


def cluster_figures(
    employment: NDArray[np.float64], weights: NDArray[np.float64]
) -> ClusterFigures:
    """Return the figures of every region × sector group.

    `employment` is regions × sectors (persons employed, one consistent level of sectors so
    nothing is counted twice); `weights` is sectors × groups, each entry the part (0–1) of
    the sector that belongs to the group.
    """
    employment = np.asarray(employment, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    if employment.ndim != 2 or weights.ndim != 2 or employment.shape[1] != weights.shape[0]:
        raise ValueError("employment must be regions × sectors and weights sectors × groups")
    if (employment < 0).any() or (weights < 0).any() or (weights > 1).any():
        raise ValueError("employment must be non-negative and weights within 0–1")
    group_employment = employment @ weights
    region_total = employment.sum(axis=1)
    group_total = group_employment.sum(axis=0)
    total = float(employment.sum())
    focus = _divide(group_employment, region_total[:, None])
    national = (
        _divide(group_total, np.float64(total)) if total else np.full_like(group_total, np.nan)
    )
    lq = _divide(focus, national[None, :])
    share = _divide(group_employment, group_total[None, :])
    return ClusterFigures(
        employment=group_employment,
        region_total=region_total,
        group_total=group_total,
        total=total,
        lq=lq,
        share=share,
        focus=focus,
        size_star=top_decile(group_employment),
        specialisation_star=np.nan_to_num(lq, nan=0.0) >= SPECIALISATION_THRESHOLD,
        focus_star=top_decile(focus),
    )
