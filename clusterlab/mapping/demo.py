"""Demo regional employment statistics (called by `seed_demo`): synthetic but plausible.

Every NUTS 2 region on the map gets persons employed by NACE division for two years; the
regions and sectors of the demo's clusters are made more specialised, so the map shows
stars where the network has clusters. The figures are generated, not Eurostat's: the demo
import says so in its source.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from clusterlab.registry.models import Cluster, NaceSector

from . import geo, services

YEARS = (2021, 2022)
BOOST = 4.0  # how much more a cluster region employs in its cluster's sectors
DEMO_SOURCE = "Synthetic demo figures in the shape of Eurostat SBS (not real statistics)"


def demo_statistics_csv(*, seed: int, years: tuple[int, ...] = YEARS) -> bytes:
    """Return a CSV of persons employed by NUTS 2 region × NACE division × year."""
    rng = np.random.default_rng(seed)
    regions = sorted(
        code for code in geo.region_names_2021() if len(code) == 4 and not code.endswith("Z")
    )
    divisions = list(
        NaceSector.objects.filter(version="2", level=2)
        .order_by("code")
        .values_list("code", flat=True)
    )
    base = rng.dirichlet(np.full(len(divisions), 1.5))
    sizes = rng.lognormal(mean=np.log(600_000), sigma=0.7, size=len(regions))
    mix = base[None, :] * rng.lognormal(0.0, 0.35, size=(len(regions), len(divisions)))
    column = {code: i for i, code in enumerate(divisions)}
    row = {code: i for i, code in enumerate(regions)}
    for cluster in Cluster.objects.prefetch_related("regions", "sectors"):
        drawn = [geo.to_2021(r.code) for r in cluster.regions.all()]
        for code in filter(None, drawn):
            targets = [r for r in regions if r.startswith(code)] or []
            for region in targets:
                for sector in cluster.sectors.all():
                    if sector.code[:2] in column:
                        mix[row[region], column[sector.code[:2]]] *= BOOST
    mix /= mix.sum(axis=1, keepdims=True)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["geo", "nace_r2", "time", "value"])
    for year_index, year in enumerate(years):
        growth = rng.normal(1.0 + 0.01 * year_index, 0.02, size=(len(regions), len(divisions)))
        employed = np.rint(sizes[:, None] * mix * growth).astype(np.int64)
        for i, region in enumerate(regions):
            for j, division in enumerate(divisions):
                writer.writerow([region, division, year, int(employed[i, j])])
    return out.getvalue().encode("utf-8")


def extend_demo(*, seed: int) -> int:
    """Import the demo statistics through the importer; return the figures made."""
    record = services.employment_import(
        actor=None,
        data=demo_statistics_csv(seed=seed),
        filename="demo-regional-employment.csv",
        source=DEMO_SOURCE,
    )
    return record.rows_imported
