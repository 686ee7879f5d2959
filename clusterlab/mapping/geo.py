"""The map's geography: NUTS 2021 outlines and label points shipped in `data/`, projected once.

Loading and projecting ~400 outlines takes a few hundred milliseconds; the result is kept
for the life of the process (it depends on nothing but the shipped files).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .engine.projection import Viewport, fit_viewport, in_extent, ring_path

DATA = Path(__file__).resolve().parent / "data"
OUTLINES = DATA / "NUTS_RG_60M_2021_4326.geojson"
LABELS = DATA / "NUTS_LB_2021_4326.geojson"
CORRESPONDENCE = DATA / "nuts2021_to_2024.csv"
MAP_WIDTH = 800
ATTRIBUTION = "© EuroGeographics for the administrative boundaries"


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class EuropeMap:
    width: float
    height: float
    regions: tuple[RegionShape, ...]  # NUTS 2
    countries: tuple[RegionShape, ...]  # NUTS 0 outlines drawn over the regions
    viewport: Viewport


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@cache
def _features() -> list[dict]:
    with OUTLINES.open(encoding="utf-8") as handle:
        return json.load(handle)["features"]


@cache
def europe_map() -> EuropeMap:
    """Return the projected NUTS 2 regions and country outlines (computed once)."""
    features = [f for f in _features() if f["properties"]["LEVL_CODE"] in (0, 2)]
    kept = {
        f["properties"]["NUTS_ID"]: [r for r in _rings(f["geometry"]) if in_extent(r)]
        for f in features
    }
    viewport = fit_viewport(
        [
            r
            for f in features
            if f["properties"]["LEVL_CODE"] == 0
            for r in kept[f["properties"]["NUTS_ID"]]
        ],
        MAP_WIDTH,
    )
    shapes: dict[int, list[RegionShape]] = {0: [], 2: []}
    for feature in features:
        props = feature["properties"]
        path = "".join(ring_path(viewport, r) for r in kept[props["NUTS_ID"]])
        if path:
            shapes[props["LEVL_CODE"]].append(
                RegionShape(props["NUTS_ID"], props["NAME_LATN"], path)
            )
    return EuropeMap(
        viewport.width,
        viewport.height,
        tuple(sorted(shapes[2], key=lambda s: s.code)),
        tuple(sorted(shapes[0], key=lambda s: s.code)),
        viewport,
    )


@cache
def region_names_2021() -> dict[str, str]:
    """NUTS 2021 code → Latin-script name, every level."""
    return {f["properties"]["NUTS_ID"]: f["properties"]["NAME_LATN"] for f in _features()}


@cache
def codes_2024_to_2021() -> dict[str, str]:
    """NUTS 2024 code → the NUTS 2021 code it continues (regions new in 2024 are absent)."""
    with CORRESPONDENCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {r["code_2024"]: r["code_2021"] for r in rows if r["code_2024"] and r["code_2021"]}


def to_2021(code: str) -> str | None:
    """Return the NUTS 2021 code drawn on the map for a NUTS 2021 or 2024 code, if any.

    Tries the code itself, the correspondence, then its ancestors (a region new in 2024 is
    placed at its parent).
    """
    names = region_names_2021()
    candidate = code
    while len(candidate) >= 2:
        if candidate in names:
            return candidate
        mapped = codes_2024_to_2021().get(candidate)
        if mapped and mapped in names:
            return mapped
        candidate = candidate[:-1]
    return None


@cache
def label_points() -> dict[str, tuple[float, float]]:
    """NUTS 2021 code → SVG position of its label point on the map."""
    viewport = europe_map().viewport
    with LABELS.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    lon = [f["geometry"]["coordinates"][0] for f in features]
    lat = [f["geometry"]["coordinates"][1] for f in features]
    x, y = viewport.to_svg(lon, lat)
    return {
        f["properties"]["NUTS_ID"]: (round(float(px), 1), round(float(py), 1))
        for f, px, py in zip(features, x, y, strict=True)
        if in_extent([f["geometry"]["coordinates"]])
    }
