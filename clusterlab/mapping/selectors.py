"""Reads of the mapping domain: years, sector groups, figures per region, clusters on the map.

The statistics are public facts, so every read is open to visitors; only the import is the
coordinator's. Figures are computed for all regions and groups of a year at once (well
under a second) and cached until the next import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max, Sum

from clusterlab.registry.models import Cluster, CreativeDefinitionEntry, NutsRegion

from . import geo
from .adapters import SectorGroup, group_weights, sector_groups
from .engine import cluster_figures
from .models import EmploymentImport, RegionalEmployment


@dataclass(frozen=True)
class RegionFigure:
    region_code: str
    region_name: str
    country: str
    employment: float
    region_total: float
    share: float | None
    lq: float | None
    focus: float | None
    size_star: bool
    specialisation_star: bool
    focus_star: bool

    @property
    def stars(self) -> int:
        return int(self.size_star) + int(self.specialisation_star) + int(self.focus_star)

    @property
    def star_text(self) -> str:
        return "★" * self.stars

    @property
    def share_percent(self) -> float | None:
        return None if self.share is None else 100 * self.share

    @property
    def focus_percent(self) -> float | None:
        return None if self.focus is None else 100 * self.focus


@dataclass(frozen=True)
class YearFigures:
    year: int
    regions: list[str]
    group_keys: list[str]
    employment: np.ndarray
    region_total: np.ndarray
    share: np.ndarray
    lq: np.ndarray
    focus: np.ndarray
    size_star: np.ndarray
    specialisation_star: np.ndarray
    focus_star: np.ndarray


def mapping_years() -> list[int]:
    """Return the years with statistics, latest first."""
    return sorted(
        RegionalEmployment.objects.order_by().values_list("year", flat=True).distinct(),
        reverse=True,
    )


def mapping_groups() -> list[SectorGroup]:
    """Return the sector groups one can map."""
    return sector_groups()


def latest_import() -> EmploymentImport | None:
    return EmploymentImport.objects.select_related("uploaded_by").first()


def _data_version() -> str:
    stats = RegionalEmployment.objects.aggregate(last=Max("source_import_id"), n=Count("pk"))
    return f"{stats['last']}-{stats['n']}"


def _groups_version(groups: list[SectorGroup]) -> str:
    """Fingerprint of the groups and their weights: a changed creative set recomputes."""
    stats = CreativeDefinitionEntry.objects.aggregate(
        n=Count("pk"), last=Max("pk"), shares=Sum("share"), sectors=Sum("sector_id")
    )
    text = "|".join(g.key for g in groups) + repr(sorted(stats.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def year_figures(year: int) -> YearFigures | None:
    """Return every region × group figure of a year (cached until the data or groups change)."""
    groups = sector_groups()
    key = f"mapping:figures:{year}:{_data_version()}:{_groups_version(groups)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = list(
        RegionalEmployment.objects.filter(year=year).values_list(
            "region_code", "sector_id", "persons_employed"
        )
    )
    if not rows:
        return None
    regions = sorted({r[0] for r in rows})
    sector_ids = sorted({r[1] for r in rows})
    region_index = {code: i for i, code in enumerate(regions)}
    sector_index = {pk: i for i, pk in enumerate(sector_ids)}
    matrix = np.zeros((len(regions), len(sector_ids)))
    for code, sector_id, persons in rows:
        matrix[region_index[code], sector_index[sector_id]] = persons
    figures = cluster_figures(matrix, group_weights(sector_ids, groups))
    result = YearFigures(
        year=year,
        regions=regions,
        group_keys=[g.key for g in groups],
        employment=figures.employment,
        region_total=figures.region_total,
        share=figures.share,
        lq=figures.lq,
        focus=figures.focus,
        size_star=figures.size_star,
        specialisation_star=figures.specialisation_star,
        focus_star=figures.focus_star,
    )
    cache.set(key, result, timeout=24 * 3600)
    return result


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _region_names(codes: list[str]) -> dict[str, str]:
    names = dict(geo.region_names_2021())
    names.update(NutsRegion.objects.filter(code__in=codes).values_list("code", "name"))
    return names


def region_figures(*, year: int, group_key: str) -> list[RegionFigure]:
    """Return the figures of every region for one group, most stars and employment first."""
    figures = year_figures(year)
    if figures is None or group_key not in figures.group_keys:
        return []
    column = figures.group_keys.index(group_key)
    names = _region_names(figures.regions)
    rows = [
        RegionFigure(
            region_code=code,
            region_name=names.get(code, code),
            country=code[:2],
            employment=float(figures.employment[i, column]),
            region_total=float(figures.region_total[i]),
            share=_number(figures.share[i, column]),
            lq=_number(figures.lq[i, column]),
            focus=_number(figures.focus[i, column]),
            size_star=bool(figures.size_star[i, column]),
            specialisation_star=bool(figures.specialisation_star[i, column]),
            focus_star=bool(figures.focus_star[i, column]),
        )
        for i, code in enumerate(figures.regions)
    ]
    rows.sort(key=lambda r: (-r.stars, -(r.lq or 0.0), -r.employment, r.region_code))
    return rows


@dataclass(frozen=True)
class ClusterPlace:
    slug: str
    name: str
    kind: str
    region_code: str
    x: float
    y: float


def cluster_places() -> list[ClusterPlace]:
    """Return the network's clusters placed at their first region's label point on the map."""
    points = geo.label_points()
    places = []
    taken: dict[tuple[float, float], int] = {}
    clusters = Cluster.objects.prefetch_related("regions").order_by("name")
    for cluster in clusters:
        codes = sorted(r.code for r in cluster.regions.all())
        drawn = next((c for c in map(geo.to_2021, codes) if c and c in points), None)
        if drawn is None:
            drawn = geo.to_2021(cluster.country_id)
            if drawn not in points:
                continue
        x, y = points[drawn]
        offset = taken.get((x, y), 0)  # fan out clusters sharing a region
        taken[(x, y)] = offset + 1
        places.append(
            ClusterPlace(
                cluster.slug,
                cluster.name,
                cluster.kind,
                drawn,
                round(x + 7 * (offset % 3), 1),
                round(y + 7 * (offset // 3), 1),
            )
        )
    return places
