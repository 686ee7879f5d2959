"""Project region outlines to an SVG viewport: Lambert azimuthal equal-area on 52°N 10°E.

ETRS89-LAEA (EPSG:3035) uses this centre; areas stay comparable across Europe, which
matters on a choropleth. Spherical formulas (Snyder, "Map Projections — A Working Manual",
USGS 1987, pp. 185–187); the sphere is close enough at 1:60 million.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

CENTRE_LON, CENTRE_LAT = 10.0, 52.0
# Mainland Europe and nearby islands; outermost regions (Canaries, Azores, overseas
# departments) would shrink the continent to a corner of the map.
EXTENT_LON = (-25.0, 45.0)
EXTENT_LAT = (34.0, 72.0)

Ring = Sequence[Sequence[float]]  # [(lon, lat), …]


def laea(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> tuple[NDArray, NDArray]:
    """Return unit-sphere x, y (y up) of the given degrees."""
    lam = np.radians(np.asarray(lon, dtype=np.float64) - CENTRE_LON)
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    phi1 = np.radians(CENTRE_LAT)
    k = np.sqrt(2.0 / (1.0 + np.sin(phi1) * np.sin(phi) + np.cos(phi1) * np.cos(phi) * np.cos(lam)))
    x = k * np.cos(phi) * np.sin(lam)
    y = k * (np.cos(phi1) * np.sin(phi) - np.sin(phi1) * np.cos(phi) * np.cos(lam))
    return x, y


def in_extent(ring: Ring) -> bool:
    """Whether any point of the ring lies inside the map's extent."""
    return any(
        EXTENT_LON[0] <= lon <= EXTENT_LON[1] and EXTENT_LAT[0] <= lat <= EXTENT_LAT[1]
        for lon, lat in ring
    )


@dataclass(frozen=True)
class Viewport:
    """Maps projected coordinates to SVG pixels."""

    width: float
    height: float
    min_x: float
    max_y: float
    scale: float

    def to_svg(self, lon: Sequence[float], lat: Sequence[float]) -> tuple[NDArray, NDArray]:
        x, y = laea(np.asarray(lon), np.asarray(lat))
        return (x - self.min_x) * self.scale, (self.max_y - y) * self.scale


def fit_viewport(rings: Iterable[Ring], width: float) -> Viewport:
    """Return the viewport of the given width that holds every ring."""
    lons = np.concatenate([np.asarray(r, dtype=np.float64)[:, 0] for r in rings])
    lats = np.concatenate([np.asarray(r, dtype=np.float64)[:, 1] for r in rings])
    if lons.size == 0:
        raise ValueError("nothing to fit")
    x, y = laea(lons, lats)
    scale = width / float(x.max() - x.min())
    height = float(y.max() - y.min()) * scale
    return Viewport(width, round(height, 1), float(x.min()), float(y.max()), scale)


def ring_path(viewport: Viewport, ring: Ring, precision: int = 1) -> str:
    """Return an SVG path segment for one closed ring, rounding and dropping repeated points."""
    points = np.asarray(ring, dtype=np.float64)
    x, y = viewport.to_svg(points[:, 0], points[:, 1])
    xy = np.round(np.column_stack([x, y]), precision)
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = np.any(xy[1:] != xy[:-1], axis=1)
    xy = xy[keep]
    if len(xy) < 3:
        return ""
    fmt = f"{{:.{precision}f}}"
    coords = " ".join(f"{fmt.format(a)} {fmt.format(b)}" for a, b in xy)
    return f"M{coords}Z"
